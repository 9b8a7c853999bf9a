import { Controller, Get, Inject, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { HealthDetailsInterceptor } from './health-details.interceptor';

/** Liveness of what Corridor depends on: Temporal, the event store, and how far behind projections are. */
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
    return this.health.check([() => this.temporal(), () => this.eventStore(), () => this.projections()]);
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
    try {
      const lag = await this.runtime.projector.lag();
      return check.up({ lag });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
