import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, liveHolder, openPGlite } from '@corridor/event-store';
import {
  buildOnce,
  demoResult,
  freeApiPort,
  runCli,
  startCorridor,
  type CorridorProcess,
} from '../support/corridor-process';

/**
 * The sequence with the built CLI: `corridor start` on the embedded store, certificates
 * issued, `audit verify` / `seed` / `projections:rebuild` run while it runs, a restart. Before the
 * fix the CLI opened the PGlite directory a second time and the restart had lost events.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'corridor-e2e-store-'));
const running: CorridorProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  await buildOnce();
  const port = await freeApiPort();
  env = { DATA_DIR: dataDir, PORT: String(port), API_URL: `http://127.0.0.1:${port}` };
}, 180_000);
afterAll(async () => {
  for (const p of running) await p.stop();
});

async function start(): Promise<CorridorProcess> {
  const corridor = startCorridor(env);
  running.push(corridor);
  await corridor.ready;
  return corridor;
}

interface Verified {
  ok: boolean;
  streams: number;
  events: number;
}

async function auditVerify(): Promise<Verified> {
  const result = await runCli(['audit', 'verify'], env);
  expect(result).toMatchObject({ code: 0 });
  expect(result.stderr).toContain('using the embedded database of the running Corridor');
  return JSON.parse(result.stdout) as Verified;
}

async function verifyPage(certificateNumber: string): Promise<number> {
  return (await fetch(`${env.API_URL}/verify/${certificateNumber}`)).status;
}

it('runs every CLI command through the running server, refuses a second open, and keeps every event across a restart', async () => {
  const first = await start();
  const certificates = [demoResult(await runCli(['demo'], env)), demoResult(await runCli(['demo'], env))];
  const before = await auditVerify();
  expect(before.ok).toBe(true);
  expect(before.events).toBeGreaterThanOrEqual(certificates.reduce((n, c) => n + c.events, 0));

  const seeded = await runCli(['seed'], env);
  expect(seeded).toMatchObject({ code: 0 });
  expect(seeded.stderr).toContain('using the embedded database of the running Corridor');
  const rebuilt = await runCli(['projections:rebuild'], env);
  expect(rebuilt).toMatchObject({ code: 0 });
  expect(rebuilt.stderr).toContain('using the embedded database of the running Corridor');
  expect(JSON.parse(rebuilt.stdout)).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: 'applications', events: expect.any(Number) })]),
  );
  // The CLI never took the directory: the server still holds it.
  expect(liveHolder(join(dataDir, 'eventstore'))?.pid).toBe(first.child.pid);

  // Opening the directory directly while the server holds it is refused, with what to do instead.
  const direct = openPGlite(join(dataDir, 'eventstore'));
  await expect(direct).rejects.toBeInstanceOf(DataDirInUseError);
  await expect(direct).rejects.toThrow(`in use by process ${first.child.pid}`);

  // The server carries on after the CLI's rebuild: one more certificate, visible on /verify.
  certificates.push(demoResult(await runCli(['demo'], env)));
  for (const c of certificates) expect(await verifyPage(c.certificateNumber)).toBe(200);
  const whileRunning = await auditVerify();
  expect(whileRunning.events).toBeGreaterThan(before.events);

  // A normal restart finds every event and every certificate.
  expect(await first.stop()).toBe(0);
  await start();
  const after = await auditVerify();
  expect(after.ok).toBe(true);
  expect(after.streams).toBeGreaterThanOrEqual(whileRunning.streams);
  expect(after.events).toBeGreaterThanOrEqual(whileRunning.events);
  for (const c of certificates) expect(await verifyPage(c.certificateNumber)).toBe(200);
}, 600_000);
