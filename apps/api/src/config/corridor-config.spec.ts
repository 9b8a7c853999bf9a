import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportKeyRing, generateDevKeyRing } from '@corridor/credentials';
import { loadCredentialKeyRing } from '../certificates/credential-keys';
import { tokenJwks } from '../open-runtime';
import { durationConfig, loadConfig } from './corridor-config';

const signingJwks = (): string => exportKeyRing(generateDevKeyRing()).jwks;
const authJwks = (): string => JSON.stringify({ keys: [JSON.parse(signingJwks()).keys[0]] });
const production = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'production',
  AUTH_JWKS: authJwks(),
  CREDENTIAL_SIGNING_JWKS: signingJwks(),
  PUBLIC_BASE_URL: 'https://certs.example.org',
  ...extra,
});
const problemsOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
};

describe('production posture: start-up refuses what would fall back to development keys', () => {
  it('refuses to start without AUTH_JWKS, naming it', () => {
    expect(problemsOf(production({ AUTH_JWKS: undefined }))).toMatch(/^ {2}AUTH_JWKS: required when NODE_ENV=production/m);
  });

  it('refuses to start without CREDENTIAL_SIGNING_JWKS or PUBLIC_BASE_URL, naming each', () => {
    const message = problemsOf({ CORRIDOR_ENV: 'production' });
    expect(message).toMatch(/AUTH_JWKS: required when CORRIDOR_ENV=production/);
    expect(message).toMatch(/CREDENTIAL_SIGNING_JWKS: required when CORRIDOR_ENV=production/);
    expect(message).toMatch(/PUBLIC_BASE_URL: required/);
  });

  it('starts in production with the keys configured, and in development without them', () => {
    expect(loadConfig(production()).production).toBe(true);
    expect(loadConfig({}).production).toBe(false);
  });

  it('reads secrets from NAME_FILE (Docker secrets) and refuses both forms at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-secrets-'));
    const file = join(dir, 'auth_jwks');
    const jwks = authJwks();
    writeFileSync(file, `${jwks}\n`);
    expect(loadConfig(production({ AUTH_JWKS: undefined, AUTH_JWKS_FILE: file })).AUTH_JWKS).toBe(jwks);
    expect(problemsOf(production({ AUTH_JWKS_FILE: file }))).toMatch(/AUTH_JWKS: both AUTH_JWKS and AUTH_JWKS_FILE are set/);
    expect(problemsOf({ CREDENTIAL_SIGNING_JWKS_FILE: join(dir, 'missing') })).toMatch(/CREDENTIAL_SIGNING_JWKS_FILE: cannot read .*missing \(ENOENT\)/);
  });

  it('never generates development keys or tokens for a production configuration (defence in depth)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'corridor-prod-data-'));
    const config = { ...loadConfig(production({ DATA_DIR: dataDir })), AUTH_JWKS: undefined, CREDENTIAL_SIGNING_JWKS: undefined };
    await expect(tokenJwks(config)).rejects.toThrow(/AUTH_JWKS is not set: development keys and tokens are never used in production/);
    await expect(loadCredentialKeyRing(config)).rejects.toThrow(/CREDENTIAL_SIGNING_JWKS is not set/);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

describe('every setting is validated at start-up, by name', () => {
  it.each([
    ['not JSON', '{assessmentCooldown: 5'],
    ['an unknown duration', '{"assesmentCooldown": 5}'],
    ['a negative duration', '{"assessmentCooldown": -5}'],
    ['a duration that is not a number', '{"reviewSla": "2d"}'],
  ])('DURATION_OVERRIDES with %s', (_case, value) => {
    expect(problemsOf({ DURATION_OVERRIDES: value })).toMatch(/^ {2}DURATION_OVERRIDES/m);
    expect(() => durationConfig({ DURATION_OVERRIDES: value })).toThrow(/DURATION_OVERRIDES/);
  });

  it('accepts good duration settings and hands them on parsed', () => {
    expect(durationConfig({ DURATION_SCALE: '0.5', DURATION_OVERRIDES: '{"assessmentCooldown": 5}' })).toEqual({
      scale: 0.5,
      overrides: { assessmentCooldown: 5 },
    });
    expect(durationConfig({})).toEqual({ scale: 1, overrides: {} });
  });

  it.each([
    ['DURATION_SCALE', '-1'],
    ['STATION_API_KEYS', '[{"id":"a","stationId":"S","sha256":"plain-key"}]'],
    ['PUBLIC_RATE_LIMIT', 'many'],
    ['AUTH_JWKS', '{"kty":"OKP"'],
    ['AUTH_JWKS', '{"kty":"OKP","crv":"Ed25519","x":"abc"}'],
    ['CREDENTIAL_SIGNING_JWKS', '{"keys":[{"kty":"RSA","kid":"r"}]}'],
    ['AUTH_MAX_TOKEN_LIFETIME', '12h'],
    ['METRICS_TOKEN', 'short'],
    ['CORRIDOR_ENV', 'prod'],
  ])('%s=%s', (name, value) => {
    expect(problemsOf({ [name]: value })).toMatch(new RegExp(`^ {2}${name}(\\.\\S+)?:`, 'm'));
  });
});
