import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { ProjectionLag } from '@corridor/projections';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * One registry per API instance (tests run several in one process; prom-client's global registry
 * would collide): default process metrics plus projection lag, read from the projector at scrape time.
 */
export function createMetricsRegistry(lag: () => Promise<ProjectionLag[]>): Registry {
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
  return registry;
}
