import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDevServer, type DevServer } from '../../../apps/cli/src/temporal-dev-server';
import { freshDatabase } from '../../support/fresh-database';
import { track } from '../support/leftovers';
import {
  expectNothingLostOrDoubled,
  runScenario,
  startFaultSystem,
  type FaultSystem,
} from '../support/fault-system';

export function temporalRestarted(): void {
  const applications = 6;
  let system: FaultSystem | undefined;
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  let server: DevServer | undefined;
  let port = 0;
  const dir = mkdtempSync(join(tmpdir(), 'corridor-fault-temporal-'));
  const dbFile = join(dir, 'temporal.sqlite');

  /** Our own dev server; its history lives in a file, so a restart on the same port finds it again. */
  async function startServer(): Promise<DevServer> {
    const started = await startDevServer({ port, dbFile, logLevel: 'error' });
    const untrack = track({ kind: 'pid', pid: started.process.pid!, command: 'start-dev' });
    started.process.once('exit', untrack);
    return started;
  }

  beforeAll(async () => {
    port = await freePort();
    server = await startServer();
    database = await freshDatabase('fault_temporal');
    system = await startFaultSystem('fault-temporal', {
      databaseUrl: database.url,
      temporalAddress: server.address,
    });
  }, 180_000);

  afterAll(async () => {
    await system?.close();
    await server?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  describe('the Temporal dev server restarted mid-run', () => {
    it('brings every application to its certificate with exactly its events, a sound chain and rebuildable read models', async () => {
      const s = system!;
      const result = await runScenario(s, 'KZ-820', applications, 600, async () => {
        await server!.stop();
        server = await startServer();
      });
      console.log(
        'temporal restart: answers',
        s.life.statusCounts(),
        'misleading',
        s.life.misleading,
        'events',
        result.events,
      );
      expectNothingLostOrDoubled(result, applications);
      expect(s.life.misleading).toEqual([]);
      // An outage may be answered 503 (retry), never 500 (a defect).
      expect(s.life.attempts.filter((a) => a.status === 500)).toEqual([]);
    }, 300_000);
  });
}
