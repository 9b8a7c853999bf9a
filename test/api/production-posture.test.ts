import type { INestApplication } from '@nestjs/common';
import { importJWK, SignJWT } from 'jose';
import request from 'supertest';
import { exportKeyRing, generateDevKeyRing } from '@corridor/credentials';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { DEV_PRINCIPALS } from '../../apps/api/src/auth/dev-credentials';
import { generateSigningKey, TokenVerifier, type SigningKey } from '../../apps/api/src/auth/token-service';
import { API_RUNTIME, type ApiRuntime } from '../../apps/api/src/runtime';
import { startHarness, type Harness } from '../support/corridor-harness';

let h: Harness;
let runtime: ApiRuntime;
let key: SigningKey;
const apps: INestApplication[] = [];
const settings = { issuer: 'corridor', audience: 'corridor-api' };

beforeAll(async () => {
  h = await startHarness('posture');
  runtime = h.app.get<ApiRuntime>(API_RUNTIME);
  key = await generateSigningKey('posture-key');
}, 120_000);
afterAll(async () => {
  for (const app of apps) await app.close();
  await h?.close();
});

/** A second app on the harness's runtime with some of it replaced (config, store, token keys). */
async function appWith(overrides: Omit<Partial<ApiRuntime>, 'config'> & { config?: Partial<ApiRuntime['config']> }) {
  const app = await createApiApp(
    {
      ...runtime,
      tokenVerifier: new TokenVerifier({ keys: [key.publicJwk] }, settings),
      ...overrides,
      config: { ...runtime.config, ...overrides.config },
    },
    { logs: false },
  );
  await app.init();
  apps.push(app);
  return app.getHttpServer() as Parameters<typeof request>[0];
}

/** A token signed by a trusted key with the claims given (no defaults for iat/exp: the test chooses). */
async function token(claims: { iat?: number; exp?: number }, role = 'officer'): Promise<string> {
  const jwt = new SignJWT({ role, name: 'Li Wei' })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.privateJwk.kid })
    .setSubject(DEV_PRINCIPALS.officerA.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience);
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(await importJWK(key.privateJwk, 'EdDSA'));
}
const now = (): number => Math.floor(Date.now() / 1000);

describe('bearer tokens must expire, and soon enough', () => {
  let http: Parameters<typeof request>[0];
  beforeAll(async () => {
    http = await appWith({});
  });
  const worklist = (jwt: string) => request(http).get('/applications').set('Authorization', `Bearer ${jwt}`);

  it('accepts a token that expires within the allowed lifetime', async () => {
    await worklist(await token({ iat: now(), exp: now() + 3600 })).expect(200);
  });

  it('refuses a token without exp (401)', async () => {
    const res = await worklist(await token({ iat: now() })).expect(401);
    expect(res.body).toMatchObject({ status: 401, detail: 'the bearer token is invalid or expired' });
  });

  it('refuses a token issued for longer than AUTH_MAX_TOKEN_LIFETIME (401), with or without iat', async () => {
    await worklist(await token({ iat: now(), exp: now() + 30 * 86400 })).expect(401);
    await worklist(await token({ exp: now() + 30 * 86400 })).expect(401);
    // Back-dated so that little remains, but issued for a month: still a month-long token.
    await worklist(await token({ iat: now() - 30 * 86400 + 600, exp: now() + 600 })).expect(401);
  });

  it('honours a shorter configured lifetime', async () => {
    const strict = await appWith({ tokenVerifier: new TokenVerifier({ keys: [key.publicJwk] }, { ...settings, maxLifetimeSeconds: 600 }) });
    const jwt = await token({ iat: now(), exp: now() + 3600 });
    await request(strict).get('/applications').set('Authorization', `Bearer ${jwt}`).expect(401);
  });
});

describe('/metrics is not public in production', () => {
  const metricsToken = 'metrics-token-0123456789abcdef';
  const CREDENTIAL_SIGNING_JWKS = exportKeyRing(generateDevKeyRing()).jwks;

  it('is not served in production without METRICS_TOKEN (404)', async () => {
    const http = await appWith({ config: { production: true, CREDENTIAL_SIGNING_JWKS, METRICS_TOKEN: undefined } });
    const res = await request(http).get('/metrics').expect(404);
    expect(res.text).not.toContain('process_cpu_user_seconds_total');
  });

  it('needs METRICS_TOKEN as a bearer token when one is set (401 otherwise)', async () => {
    const http = await appWith({ config: { production: true, CREDENTIAL_SIGNING_JWKS, METRICS_TOKEN: metricsToken } });
    await request(http).get('/metrics').expect(401);
    await request(http).get('/metrics').set('Authorization', 'Bearer not-the-metrics-token').expect(401);
    // A user's valid API token is not a metrics token.
    await request(http).get('/metrics').set('Authorization', `Bearer ${h.tokens.admin}`).expect(401);
    const res = await request(http).get('/metrics').set('Authorization', `Bearer ${metricsToken}`).expect(200);
    expect(res.text).toContain('# TYPE corridor_projection_lag_events gauge');
  });
});

describe('/health does not leak error text publicly', () => {
  const secretText = 'password authentication failed for user "corridor" at db.internal:5432';
  let http: Parameters<typeof request>[0];
  beforeAll(async () => {
    const store = Object.create(runtime.store) as ApiRuntime['store'];
    store.headPosition = () => Promise.reject(new Error(secretText));
    http = await appWith({ store });
  });

  it('tells the public which dependency is down, without its error text (503)', async () => {
    const res = await request(http).get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 503, error: { eventStore: { status: 'down' } }, info: { temporal: { status: 'up' } } });
    expect(res.text).not.toContain('password');
    expect(res.text).not.toContain('db.internal');
  });

  it('gives the error text to an admin', async () => {
    const admin = await token({ iat: now(), exp: now() + 600 }, 'admin');
    const res = await request(http).get('/health').set('Authorization', `Bearer ${admin}`).expect(503);
    expect(res.body.error).toEqual({ eventStore: { status: 'down', message: secretText } });
  });

  it('answers a healthy report publicly with statuses and figures', async () => {
    const res = await request(h.http).get('/health').expect(200);
    expect(res.body.info).toMatchObject({ temporal: { status: 'up' }, eventStore: { status: 'up', kind: 'postgres' }, projections: { status: 'up' } });
  });
});
