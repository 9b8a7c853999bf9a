import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { NotificationStatus } from '@corridor/event-store';
import type { ProjectionLag, ProjectionStatus } from '@corridor/projections';

export interface MetricsSources {
  /** Each projection's state (failing or not, failures so far). */
  status?: () => ProjectionStatus[];
  /** The event store's LISTEN connection (undefined where there is none). */
  notifications?: () => NotificationStatus | undefined;
}

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * One registry per API instance (tests run several in one process; prom-client's global registry
 * would collide): default process metrics plus projection lag, read from the projector at scrape time.
 */
export function createMetricsRegistry(lag: () => Promise<ProjectionLag[]>, sources: MetricsSources = {}): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // Both gauges are collected concurrently in one scrape: they share one lag() call.
  let inFlight: Promise<ProjectionLag[]> | undefined;
  const currentLag = (): Promise<ProjectionLag[]> => {
    inFlight ??= lag()
      .catch(() => [] as ProjectionLag[]) // the store being down shows in /health; the scrape still answers
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };

  new Gauge({
    name: 'corridor_projection_lag_events',
    help: 'Events passing the projection filter not yet applied to its read model (counted up to 100000)',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      const lags = await currentLag();
      this.reset();
      for (const l of lags) this.set({ projection: l.name }, l.events);
    },
  });
  new Gauge({
    name: 'corridor_projection_lag_seconds',
    help: 'Age of the oldest event the projection has not yet applied (0 when caught up)',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      const lags = await currentLag();
      this.reset();
      for (const l of lags) this.set({ projection: l.name }, l.ms / 1000);
    },
  });
  const { status, notifications } = sources;
  if (status) {
    new Gauge({
      name: 'corridor_projection_failing',
      help: 'Whether the projection is stuck on an event it cannot apply or a failing database (1) or running (0)',
      labelNames: ['projection'],
      registers: [registry],
      collect() {
        this.reset();
        for (const s of status()) this.set({ projection: s.name }, s.failure ? 1 : 0);
      },
    });
    new Counter({
      name: 'corridor_projection_failures_total',
      help: 'Failed attempts to apply events to the projection since the process started',
      labelNames: ['projection'],
      registers: [registry],
      collect() {
        this.reset();
        for (const s of status()) this.inc({ projection: s.name }, s.failures);
      },
    });
  }
  if (notifications) {
    new Gauge({
      name: 'corridor_event_notifications_listening',
      help: "Whether the event store's LISTEN connection is up (1) or being re-established (0); absent without one",
      registers: [registry],
      collect() {
        this.reset();
        const n = notifications();
        if (n && n.state !== 'idle') this.set(n.state === 'listening' ? 1 : 0);
      },
    });
    new Counter({
      name: 'corridor_event_notifications_reconnects_total',
      help: "Times the event store's LISTEN connection was re-established after dropping",
      registers: [registry],
      collect() {
        this.reset();
        const n = notifications();
        if (n) this.inc(n.reconnects);
      },
    });
  }
  return registry;
}
