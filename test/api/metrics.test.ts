import request from 'supertest';
import type { ProjectionLag } from '@corridor/projections';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createMetricsRegistry } from '../../apps/api/src/metrics/metrics.registry';
import { API_RUNTIME, type ApiRuntime } from '../../apps/api/src/runtime';
import { startHarness, type Harness } from '../support/corridor-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('metrics');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('GET /metrics', () => {
  it('serves Prometheus text without authentication: process defaults and projection lag', async () => {
    const res = await request(h.http).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(res.text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    expect(res.text).toContain('# TYPE corridor_projection_lag_events gauge');
    expect(res.text).toContain('# TYPE corridor_projection_lag_seconds gauge');
    expect(res.text).toMatch(/^corridor_projection_lag_events\{projection="applications"\} \d+$/m);
    expect(res.text).toMatch(/^corridor_projection_lag_seconds\{projection="applications"\} [\d.e+-]+$/m);
  });

  it('gives every app instance its own registry (several apps in one process scrape side by side)', async () => {
    const second = await createApiApp(h.app.get<ApiRuntime>(API_RUNTIME), { logs: false });
    await second.init();
    try {
      const [a, b] = await Promise.all([request(h.http).get('/metrics'), request(second.getHttpServer()).get('/metrics')]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.text).toMatch(/^corridor_projection_lag_events\{projection="applications"\} \d+$/m);
    } finally {
      await second.close();
    }
  });

  it('reads the lag once per scrape, at scrape time, and labels each projection', async () => {
    let calls = 0;
    let lags: ProjectionLag[] = [{ name: 'applications', position: 10, head: 15, events: 4, ms: 2500 }];
    const registry = createMetricsRegistry(() => {
      calls++;
      return Promise.resolve(lags);
    });
    const first = await registry.metrics();
    expect(calls).toBe(1);
    expect(first).toMatch(/^corridor_projection_lag_events\{projection="applications"\} 4$/m);
    expect(first).toMatch(/^corridor_projection_lag_seconds\{projection="applications"\} 2\.5$/m);
    lags = [{ name: 'certificates', position: 15, head: 15, events: 0, ms: 0 }];
    const second = await registry.metrics();
    expect(calls).toBe(2);
    expect(second).toMatch(/^corridor_projection_lag_events\{projection="certificates"\} 0$/m);
    // A projection that is gone leaves no stale series behind.
    expect(second).not.toContain('projection="applications"');
  });

  it('still answers when the lag cannot be read', async () => {
    const registry = createMetricsRegistry(() => Promise.reject(new Error('store down')));
    const text = await registry.metrics();
    expect(text).toContain('# TYPE corridor_projection_lag_events gauge');
    expect(text).not.toMatch(/^corridor_projection_lag_events\{/m);
  });
});
