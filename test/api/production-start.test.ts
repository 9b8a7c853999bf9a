import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real entry points, compiled as `npm run build` compiles them, started with NODE_ENV=production
 * and no keys: each must refuse, naming the settings, and leave no development key or token behind.
 */
const root = join(__dirname, '..', '..');
const build = join(root, 'test', '.tmp', `prod-start-${process.pid}`);

beforeAll(() => {
  execFileSync(join(root, 'node_modules', '.bin', 'swc'), ['apps', 'libs', 'workflows', '-d', build, '--config-file', '.swcrc', '--copy-files', '--quiet'], { cwd: root });
}, 120_000);
afterAll(() => rmSync(build, { recursive: true, force: true }));

/** Temporal and the API port point into this test's own range: nothing listens there, so nothing else is reached. */
function start(main: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(build, main)], { cwd: root, env: { PATH: process.env.PATH, TEMPORAL_ADDRESS: '127.0.0.1:47999', PORT: '47998', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

it.each([['apps/api/src/main.js'], ['apps/worker/src/main.js']])('%s refuses to start in production without keys', async (main) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'corridor-prod-start-'));
  const { code, stderr } = await start(main, { NODE_ENV: 'production', DATA_DIR: dataDir, PUBLIC_BASE_URL: 'https://certs.example.org' });
  expect(code).toBe(1);
  expect(stderr).toMatch(/^Invalid configuration:$/m);
  expect(stderr).toMatch(/^ {2}AUTH_JWKS: required when NODE_ENV=production/m);
  expect(stderr).toMatch(/^ {2}CREDENTIAL_SIGNING_JWKS: required when NODE_ENV=production/m);
  expect(readdirSync(dataDir)).toEqual([]);
}, 60_000);

it('the API refuses a bad DURATION_OVERRIDES at start-up, naming it', async () => {
  const { code, stderr } = await start('apps/api/src/main.js', { DURATION_OVERRIDES: '{"assesmentCooldown": 5}', DATA_DIR: mkdtempSync(join(tmpdir(), 'corridor-dur-')) });
  expect(code).toBe(1);
  expect(stderr).toMatch(/^ {2}DURATION_OVERRIDES: Unrecognized key: "assesmentCooldown"/m);
}, 60_000);
