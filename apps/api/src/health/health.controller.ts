import { Controller, Get, Inject, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { HealthDetailsInterceptor } from './health-details.interceptor';

/**
 * Liveness of what Corridor depends on: Temporal, the event store, how far behind projections are,
 * and the event store's notification (LISTEN) connection. Overall `degraded` (still 200: commands are
 * recorded and answered) when a projection is failing or notifications are down; 503 when something
 * is unreachable.
 */
@ApiTags('health')
@Controller('health')
@UseInterceptors(HealthDetailsInterceptor)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.temporal(),
      () => this.eventStore(),
      () => this.projections(),
      () => this.notifications(),
    ]);
  }

  private async temporal(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('temporal');
    try {
      await this.runtime.temporal.workflowService.getSystemInfo({});
      return check.up({ namespace: this.runtime.config.TEMPORAL_NAMESPACE });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('eventStore');
    try {
      const head = await this.runtime.store.headPosition();
      return check.up({ kind: this.runtime.store.kind, head });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async projections(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('projections');
    // A projection that cannot apply an event is degraded, not down: the others and every command go on.
    const failing = this.runtime.projector
      .status()
      .filter((s) => s.failure)
      .map((s) => ({ name: s.name, position: s.position, ...s.failure }));
    try {
      const lag = await this.runtime.projector.lag();
      return failing.length ? check.degraded({ failing, lag }) : check.up({ lag });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error), failing });
    }
  }

  private notifications(): HealthIndicatorResult {
    const check = this.indicator.check('notifications');
    const status = this.runtime.db.notificationStatus?.();
    // PGlite notifies in process; there is no connection to lose.
    if (!status) return check.up({ state: 'in-process' });
    if (status.state === 'reconnecting')
      // Projections fall back to polling meanwhile: late, not wrong.
      return check.degraded({ ...status });
    return check.up({ ...status });
  }
}
