import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { load } from 'js-yaml';
import { exportKeyRing, generateDevKeyRing, publicJwks } from '@corridor/credentials';
import { CorridorConfigSchema, loadConfig } from '../../apps/api/src/config/corridor-config';
import { FILE_SETTINGS } from '../../apps/api/src/config/file-settings';

/**
 * docker/ cannot run here (no Docker daemon), so its configuration is checked against the code:
 * every setting the apps read is set in the stack or documented as optional, nothing it sets is
 * unknown, the stack's own environment passes the production start-up checks, and the image and
 * services have what an operator relies on (health checks, restarts, non-root, no dev keys inside).
 */
interface Service {
  image?: string;
  build?: unknown;
  command?: unknown;
  environment?: Record<string, string | number | boolean>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: unknown };
  restart?: string;
  profiles?: string[];
  secrets?: string[];
  volumes?: string[];
}
const root = join(__dirname, '..', '..');
const compose = load(readFileSync(join(root, 'docker', 'compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const dockerfile = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The names in the first column of README's configuration table. */
function documentedSettings(): Set<string> {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const names = new Set<string>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const firstCell = line.split('|')[1] ?? '';
    for (const [, name] of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(name!);
  }
  return names;
}

/** Environment variables read outside the configuration schema (`process.env.X`, `env.X`), found in the sources. */
function sourceEnvReads(): Set<string> {
  const out = execFileSync('git', ['grep', '-hoE', '(process\\.)?env(\\?)?\\.[A-Z][A-Z0-9_]+', '--', 'apps/*.ts', 'libs/*.ts', ':!*.spec.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  return new Set(out.split('\n').filter(Boolean).map((m) => m.replace(/^.*\./, '')));
}

const schemaKeys = Object.keys(CorridorConfigSchema.shape);
const settingsRead = new Set([...schemaKeys, ...sourceEnvReads()]);
const appServices = ['api', 'worker'] as const;
const envOf = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(services[name]?.environment ?? {}).map(([k, v]) => [k, String(v)]));

describe('docker/compose.yaml against the configuration table', () => {
  it('README documents every setting the apps read', () => {
    const documented = documentedSettings();
    expect([...settingsRead].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('sets, for api and worker, only settings the apps know (a typo would be silently ignored)', () => {
    const known = new Set([...settingsRead, ...FILE_SETTINGS.map((n) => `${n}_FILE`)]);
    for (const name of appServices) expect(Object.keys(envOf(name)).filter((k) => !known.has(k))).toEqual([]);
  });

  it('sets every setting production requires (or its _FILE secret); the rest are documented as optional', () => {
    for (const name of appServices) {
      const env = envOf(name);
      for (const required of ['NODE_ENV', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'PUBLIC_BASE_URL']) expect(env).toHaveProperty(required);
      for (const secret of ['AUTH_JWKS', 'CREDENTIAL_SIGNING_JWKS', 'METRICS_TOKEN']) {
        expect(env[`${secret}_FILE`]).toMatch(/^\/run\/secrets\//);
        expect(services[name]?.secrets).toContain(env[`${secret}_FILE`]!.replace('/run/secrets/', ''));
      }
      const documented = documentedSettings();
      const unset = schemaKeys.filter((k) => !(k in env) && !(`${k}_FILE` in env));
      expect(unset.filter((k) => !documented.has(k))).toEqual([]);
    }
  });

  it("passes the apps' production start-up checks with the secrets it mounts", () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-compose-'));
    const ring = generateDevKeyRing();
    const files: Record<string, string> = {
      '/run/secrets/auth_jwks': JSON.stringify(publicJwks(generateDevKeyRing())),
      '/run/secrets/credential_signing_jwks': exportKeyRing(ring).jwks,
      '/run/secrets/metrics_token': 'a-metrics-token-of-some-length',
    };
    for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path.split('/').pop()!), content);
    for (const name of appServices) {
      // Interpolate ${VAR:?...} / ${VAR:-default} as compose would, with an operator's values.
      const operator: Record<string, string> = { POSTGRES_PASSWORD: 's3cret', PUBLIC_BASE_URL: 'https://certs.example.org' };
      const env = Object.fromEntries(
        Object.entries(envOf(name)).map(([k, v]) => [
          k,
          v
            .replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_m, key: string, fallback?: string) => operator[key] ?? fallback ?? '')
            .replace(/^\/run\/secrets\/(.*)$/, (_m, file: string) => join(dir, file)),
        ]),
      );
      delete env.WORKFLOW_BUNDLE; // a path inside the image
      const config = loadConfig(env);
      expect(config).toMatchObject({ production: true, PUBLIC_BASE_URL: 'https://certs.example.org', TEMPORAL_ADDRESS: 'temporal:7233' });
      expect(config.CREDENTIAL_SIGNING_JWKS).toBe(files['/run/secrets/credential_signing_jwks']);
    }
  });
});

describe('docker/ is what an operator would deploy', () => {
  it('runs Temporal on its own server image with Postgres, the schema set up by the admin tools first', () => {
    for (const s of Object.values(services)) expect(s.image ?? '').not.toMatch(/auto-setup/);
    expect(services.temporal?.image).toMatch(/^temporalio\/server:/);
    expect(services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(services['temporal-schema']?.image).toMatch(/^temporalio\/admin-tools:/);
    expect(JSON.stringify(services['temporal-schema']?.command)).toMatch(/temporal-sql-tool .*update-schema/s);
    expect(services.temporal?.depends_on).toMatchObject({ 'temporal-schema': { condition: 'service_completed_successfully' } });
    for (const name of appServices)
      expect(services[name]?.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        'temporal-init': { condition: 'service_completed_successfully' },
      });
  });

  it('gives every long-running service a restart policy and every default service a health check', () => {
    for (const [name, s] of Object.entries(services)) {
      const oneShot = s.restart === 'no';
      if (!oneShot) expect({ name, restart: s.restart }).toEqual({ name, restart: 'unless-stopped' });
      if (!oneShot && !s.profiles) expect({ name, healthcheck: Boolean(s.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
    expect(JSON.stringify(services.api?.healthcheck?.test)).toContain('/health');
    expect(JSON.stringify(services.postgres?.healthcheck?.test)).toContain('pg_isready');
  });

  it('keeps data in volumes and keys in secrets, never in the image', () => {
    expect(services.postgres?.volumes?.some((v) => v.startsWith('pgdata:'))).toBe(true);
    for (const name of appServices) expect(services[name]?.volumes).toContain('corridor-data:/var/lib/corridor');
    for (const secret of Object.values(compose.secrets)) expect(secret.file).toMatch(/^\.\/secrets\//);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^docker\/secrets\/$/m);
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.data/', 'docker/secrets/', '.env', 'node_modules/']) expect(ignored).toContain(entry);
  });

  it('builds on a supported Node, runs as a non-root user that owns its data directory, and ships the workflow bundle', () => {
    expect(dockerfile).toMatch(/node:24-bookworm-slim/);
    expect(dockerfile).not.toMatch(/node:(1\d|20|21|22)\b/);
    const runtimeStage = dockerfile.split(/^FROM /m).pop()!;
    expect(runtimeStage).toMatch(/^USER node$/m);
    expect(runtimeStage).toMatch(/chown node:node \/var\/lib\/corridor/);
    expect(runtimeStage).toMatch(/DATA_DIR=\/var\/lib\/corridor/);
    expect(dockerfile).toMatch(/workflow-bundle\.js dist\/workflow-bundle\.js/);
    expect(runtimeStage).toMatch(/WORKFLOW_BUNDLE=\/app\/dist\/workflow-bundle\.js/);
  });
});
