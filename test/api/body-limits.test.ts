import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/corridor-harness';
import { servedRoutes } from './served-routes';

/**
 * Request bodies are bounded before anything walks them: a body nested deeper than the limit or
 * larger than the size limit is a 400/413 problem+json on every POST route, with or without an
 * Idempotency-Key (the key's body hash used to recurse through the body before validation and
 * overflowed the stack: 500).
 */
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const PARAMS: Record<string, string> = { id: MISSING_ID, applicationId: MISSING_ID, number: 'CN-2026-000000000000' };
const urlOf = (path: string): string =>
  path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = PARAMS[name];
    if (value === undefined) throw new Error(`no value for :${name} in PARAMS`);
    return encodeURIComponent(value);
  });

const LEVELS = 15_000;
const deepObject = `${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`;
const deepArray = `${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`;

let h: Harness;
let posts: string[];
beforeAll(async () => {
  h = await startHarness('body-limits');
  posts = servedRoutes(h.app)
    .filter((r) => r.method === 'POST')
    .map((r) => r.path);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const post = (path: string, body: string, key?: string) => {
  let req = request(h.http).post(urlOf(path)).set('authorization', `Bearer ${h.tokens.admin}`).set('content-type', 'application/json');
  if (key) req = req.set('idempotency-key', key);
  return req.send(body);
};

describe('body limits on every POST route', () => {
  it('finds the POST routes to check', () => {
    expect(posts.length).toBeGreaterThan(20);
  });

  it.each([
    ['an object', deepObject],
    ['an array', deepArray],
  ])('answers a body that nests %s 15,000 levels deep with 400 problem+json, with and without Idempotency-Key', async (_kind, body) => {
    const wrong: string[] = [];
    for (const path of posts)
      for (const key of [undefined, randomUUID()]) {
        const res = await post(path, body, key);
        const ok = res.status === 400 && /application\/problem\+json/.test(String(res.headers['content-type'])) && res.body.code === 'body-too-deep';
        if (!ok) wrong.push(`POST ${path}${key ? ' (key)' : ''} → ${res.status} ${res.headers['content-type']} ${JSON.stringify(res.body)}`);
      }
    expect(wrong).toEqual([]);
  });

  it('keeps nothing for a too-deep body: its key is never claimed', async () => {
    const key = randomUUID();
    expect((await post('/applications', deepObject, key)).status).toBe(400);
    const { rows } = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys WHERE idempotency_key = $1', [key]);
    expect(rows[0]!.n).toBe(0);
  });

  it('accepts ordinary nesting (registration has a few levels)', async () => {
    const shallow = JSON.stringify({ candidate: { id: 'KZ-1', extra: [[[{ a: [1] }]]] } });
    const res = await post('/applications', shallow, randomUUID());
    expect(res.status).toBe(400); // bad registration, but judged by validation, not by the depth limit
    expect(res.body.code).not.toBe('body-too-deep');
  });

  it('answers a body over the size limit with 413 problem+json on every POST route', async () => {
    const big = JSON.stringify({ note: 'x'.repeat(2 * 1024 * 1024) });
    const wrong: string[] = [];
    for (const path of posts) {
      const res = await post(path, big, randomUUID());
      if (res.status !== 413 || !/application\/problem\+json/.test(String(res.headers['content-type'])) || res.body.code !== 'body-too-large')
        wrong.push(`POST ${path} → ${res.status} ${res.headers['content-type']}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await post('/applications', '{"candidate":', randomUUID());
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('malformed-json');
  });

  it('answers a JSON body in another charset than UTF-8 with 415 problem+json', async () => {
    const res = await request(h.http)
      .post('/applications')
      .set('authorization', `Bearer ${h.tokens.admin}`)
      .set('content-type', 'application/json; charset=utf-16le')
      .send(Buffer.from('{"candidate":{}}', 'utf16le'));
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported-charset');
  });
});
