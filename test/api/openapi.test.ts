import request from 'supertest';
import { startHarness, type Harness } from '../support/corridor-harness';
import { isDocsRoute, key, servedRoutes } from './served-routes';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('openapi');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

describe('OpenAPI document', () => {
  it('GET /docs-json lists every route the controllers serve, and nothing else', async () => {
    const res = await request(h.http).get('/docs-json').expect(200);
    const doc = res.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`))
      .sort();
    const served = servedRoutes(h.app)
      .filter((r) => !isDocsRoute(r.path))
      .map(key)
      .sort();
    expect(documented).toEqual(served);
    for (const expected of [
      'GET /health',
      'GET /metrics',
      'POST /applications',
      'GET /applications/:id',
      'GET /audit/streams/:stream/events',
      'GET /audit/streams/:stream/verify',
      'GET /audit/streams/:stream/export',
      'GET /audit/applications/:id/state',
      'GET /audit/verify',
      'GET /audit/checkpoints/latest',
      'GET /audit/checkpoints/:seq',
      'POST /audit/checkpoints',
      'POST /audit/checkpoints/verify',
    ])
      expect(documented).toContain(expected);
  });
});
