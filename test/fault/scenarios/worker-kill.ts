import { freshDatabase } from '../../support/fresh-database';
import {
  expectNothingLostOrDoubled,
  runScenario,
  startFaultSystem,
  type FaultSystem,
} from '../support/fault-system';

export function workerKilled(): void {
  const applications = 6;
  let system: FaultSystem | undefined;
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;

  beforeAll(async () => {
    database = await freshDatabase('fault_worker');
    system = await startFaultSystem('fault-worker', {
      databaseUrl: database.url,
      temporalAddress: process.env.TEMPORAL_TEST_ADDRESS!,
    });
  }, 180_000);

  afterAll(async () => {
    await system?.close();
    await database?.drop();
  }, 120_000);

  describe('the worker killed with SIGKILL mid-run and restarted', () => {
    it('brings every application to its certificate with exactly its events, a sound chain and rebuildable read models', async () => {
      const s = system!;
      const result = await runScenario(s, 'KZ-810', applications, 600, () => s.restartWorker());
      console.log(
        'worker kill: answers',
        s.life.statusCounts(),
        'misleading',
        s.life.misleading.length,
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
