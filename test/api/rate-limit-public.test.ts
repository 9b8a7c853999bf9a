import request from 'supertest';
import { publicRateLimitFrom } from '../../apps/api/src/rate-limit/public-rate-limit';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth } from '../support/lifecycle';

const LIMIT = 5;

let h: Harness;
beforeAll(async () => {
  process.env.PUBLIC_RATE_LIMIT = String(LIMIT);
  h = await startHarness('ratelimit');
}, 120_000);
afterAll(async () => {
  await h?.close();
  delete process.env.PUBLIC_RATE_LIMIT;
});

describe('rate limits on public routes (PUBLIC_RATE_LIMIT per minute and client)', () => {
  it('answers the (limit+1)-th request to a public route with 429 problem+json and Retry-After', async () => {
    for (let i = 0; i < LIMIT; i++) {
      const res = await request(h.http).get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i - 1));
    }
    const limited = await request(h.http).get('/metrics');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, title: 'too many requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never limits /health', async () => {
    for (let i = 0; i < LIMIT * 3; i++) expect((await request(h.http).get('/health')).status).not.toBe(429);
  });

  it('never limits authenticated routes', async () => {
    for (let i = 0; i < LIMIT * 3; i++) {
      const res = await request(h.http).get('/applications').set(auth(h.tokens.officerA));
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('reads the limit from PUBLIC_RATE_LIMIT (default 120) and refuses nonsense', () => {
    expect(publicRateLimitFrom({})).toBe(120);
    expect(publicRateLimitFrom({ PUBLIC_RATE_LIMIT: '30' })).toBe(30);
    expect(() => publicRateLimitFrom({ PUBLIC_RATE_LIMIT: 'lots' })).toThrow(/PUBLIC_RATE_LIMIT/);
    expect(() => publicRateLimitFrom({ PUBLIC_RATE_LIMIT: '0' })).toThrow(/PUBLIC_RATE_LIMIT/);
  });
});
