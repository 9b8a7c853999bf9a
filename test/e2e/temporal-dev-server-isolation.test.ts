import { Connection } from '@temporalio/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../apps/cli/src/temporal-dev-server';
import {
  buildOnce,
  demoResult,
  freeApiPort,
  runCli,
  startCorridor,
  type CorridorProcess,
} from '../support/corridor-process';

/**
 * `npm start` used to hard-code the dev server's port 7233: a second instance (or any program there)
 * made its dev server fail, and Corridor then used whatever answered, its worker joining that
 * server's `corridor` task queue.
 */
const running: CorridorProcess[] = [];
beforeAll(() => buildOnce(), 180_000);
afterAll(async () => {
  for (const p of running) await p.stop();
});

async function instance(
  extra: Record<string, string> = {},
): Promise<{ env: Record<string, string>; corridor: CorridorProcess & { ready: Promise<void> } }> {
  const port = await freeApiPort();
  const env = {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'corridor-e2e-temporal-')),
    PORT: String(port),
    API_URL: `http://127.0.0.1:${port}`,
    ...extra,
  };
  const corridor = startCorridor(env);
  running.push(corridor);
  return { env, corridor };
}

it('refuses a TEMPORAL_PORT where another Temporal server listens, and never polls that server', async () => {
  // The jest-wide dev server plays the foreign one.
  const foreign = process.env.TEMPORAL_TEST_ADDRESS!;
  const foreignPort = foreign.slice(foreign.lastIndexOf(':') + 1);
  const { corridor } = await instance({ TEMPORAL_PORT: foreignPort });
  await expect(corridor.ready).rejects.toThrow('exited');
  expect(await corridor.exited).not.toBe(0);
  expect(corridor.output()).toContain(`(TEMPORAL_PORT) ${foreignPort} on 127.0.0.1 is already in use`);
  expect(corridor.output()).toContain('TEMPORAL_ADDRESS');

  const connection = await Connection.connect({ address: foreign });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: 'corridor' },
      taskQueueType: 1, // workflow
    });
    expect(pollers ?? []).toEqual([]);
  } finally {
    await connection.close();
  }
}, 180_000);

it('runs two instances side by side, each with its own Temporal server and UI, each certifying its own demo', async () => {
  const [a, b] = [await instance(), await instance()];
  await Promise.all([a.corridor.ready, b.corridor.ready]);
  const temporalOf = (output: string): { grpc: string; ui: string } => {
    const match = /Temporal\s+(127\.0\.0\.1:\d+) \(dev server\), UI (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (!match) throw new Error(`no Temporal line in the banner:\n${output}`);
    return { grpc: match[1]!, ui: match[2]! };
  };
  const [ta, tb] = [temporalOf(a.corridor.output()), temporalOf(b.corridor.output())];
  expect(ta.grpc).not.toBe(tb.grpc);
  expect(ta.ui).not.toBe(tb.ui);
  // The banner's UI URL is really served.
  for (const ui of [ta.ui, tb.ui]) expect((await fetch(ui)).ok).toBe(true);

  const [ca, cb] = await Promise.all([runCli(['demo'], a.env), runCli(['demo'], b.env)]).then((r) =>
    r.map(demoResult),
  );
  expect((await fetch(`${a.env.API_URL}/verify/${ca!.certificateNumber}`)).status).toBe(200);
  expect((await fetch(`${b.env.API_URL}/verify/${cb!.certificateNumber}`)).status).toBe(200);
  // Each store holds its own certificate only.
  expect((await fetch(`${a.env.API_URL}/verify/${cb!.certificateNumber}`)).status).toBe(404);
  expect((await fetch(`${b.env.API_URL}/verify/${ca!.certificateNumber}`)).status).toBe(404);
}, 420_000);

it('stops the dev server that a killed run left on the same SQLite file before starting another', async () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'corridor-e2e-orphan-')), 'temporal.sqlite');
  // As if `corridor start` had been killed with SIGKILL: its dev server is still running.
  const orphan = await startDevServer({ dbFile, fast: true });
  const orphanExited = new Promise((resolve) => orphan.process.once('exit', resolve));
  const next = await startDevServer({ dbFile, fast: true });
  try {
    // Bounded, so that a server left running fails the expectation below rather than the timeout.
    await Promise.race([orphanExited, new Promise((r) => setTimeout(r, 30_000))]);
    expect(orphan.process.exitCode ?? orphan.process.signalCode).not.toBeNull();
    expect(next.process.exitCode).toBeNull();
  } finally {
    await next.stop();
    await orphan.stop();
  }
}, 120_000);
