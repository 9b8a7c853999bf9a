import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../../support/corridor-harness';
import { auth } from '../../support/lifecycle';
import { isDocsRoute, servedRoutes } from '../../api/served-routes';

/**
 * Bodies that are malformed whatever the route's schema: broken JSON, JSON that is not an object,
 * bytes that are not UTF-8, a body over the size limit, absurd nesting. Each must be refused with a
 * 4xx problem+json that says why, and nothing may be recorded.
 */
const malformed: { name: string; body: string | Buffer }[] = [
  ...[
    '{',
    '{"a":',
    '[1,2',
    'nul',
    'tru',
    '{"a":1}}',
    "{'a':1}",
    '{"a":1,}',
    'NaN',
    'Infinity',
    '1e309',
    'undefined',
  ].map((text) => ({ name: `broken JSON ${text}`, body: text })),
  ...['[]', '[{}]', '0', '-1', '"text"', 'true', 'false', 'null', '""', '[null]'].map((text) => ({
    name: `non-object JSON ${text}`,
    body: text,
  })),
  { name: 'a NUL byte', body: '\u0000' },
  { name: 'invalid UTF-8', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { name: 'a lone surrogate', body: '{"a":"\\ud800"' },
  { name: 'deep nesting', body: '['.repeat(5_000) + ']'.repeat(5_000) },
  { name: 'deep object nesting', body: '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000) },
  { name: 'an oversized body', body: `{"note":"${'x'.repeat(2_000_000)}"}` },
  { name: 'a body of whitespace', body: '   \n\t ' },
];

export function hostileInput(): void {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('hostile');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  describe('malformed bodies to every POST route', () => {
    it('answers each with a 4xx problem+json carrying a message, and records nothing', async () => {
      const routes = servedRoutes(h.app).filter((r) => r.method === 'POST' && !isDocsRoute(r.path));
      expect(routes.length).toBeGreaterThan(10);
      const headBefore = await h.store.headPosition();
      const bad: string[] = [];
      let sent = 0;
      for (const route of routes) {
        const path = route.path
          .replace(/:number\b/g, 'CN-2026-000000000000')
          .replace(/:[A-Za-z]+/g, () => randomUUID());
        for (const { name, body } of malformed) {
          const res = await request(h.http)
            .post(path)
            .set(auth(h.tokens.admin))
            .set('content-type', 'application/json')
            .send(body);
          sent++;
          const problem = res.body as { title?: string; detail?: string };
          const isProblem = String(res.headers['content-type']).startsWith('application/problem+json');
          if (res.status < 400 || res.status >= 500 || !isProblem || !(problem.detail || problem.title))
            bad.push(
              `POST ${route.path} with ${name} → ${res.status} ${String(res.headers['content-type'])} ${res.text.slice(0, 160)}`,
            );
        }
      }
      console.log(`hostile input: ${sent} malformed requests to ${routes.length} POST routes`);
      expect(bad).toEqual([]);
      expect(await h.store.headPosition()).toBe(headBefore);
    }, 240_000);
  });
}
