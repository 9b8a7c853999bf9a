import { createOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import {
  expectNothingLostOrDoubled,
  runScenario,
  startFaultSystem,
  type FaultSystem,
} from '../support/fault-system';

export function postgresRestarted(): void {
  const applications = 6;
  let system: FaultSystem | undefined;
  let postgres: OwnPostgres | undefined;

  beforeAll(async () => {
    postgres = await createOwnPostgres('corridor_fault');
    const databaseUrl = await postgres.createDatabase('corridor');
    system = await startFaultSystem('fault-postgres', {
      databaseUrl,
      temporalAddress: process.env.TEMPORAL_TEST_ADDRESS!,
    });
  }, 180_000);

  afterAll(async () => {
    try {
      await system?.close();
    } finally {
      postgres?.drop();
    }
  }, 120_000);

  describe("Postgres restarted mid-run (a cluster of this test's own)", () => {
    it('brings every application to its certificate with exactly its events, a sound chain and rebuildable read models', async () => {
      const s = system!;
      // Down long enough that queries, appends and the projector's reads really meet a dead server.
      const result = await runScenario(s, 'KZ-830', applications, 600, async () => {
        postgres!.stop();
        await new Promise((r) => setTimeout(r, 4_000));
        await postgres!.start();
      });
      console.log(
        'postgres restart: answers',
        s.life.statusCounts(),
        'misleading',
        s.life.misleading,
        'events',
        result.events,
      );
      expectNothingLostOrDoubled(result, applications);
      expect(s.life.misleading).toEqual([]);
      // The worker rode out the outage itself (nothing restarts it here).
      expect(s.worker.child.exitCode).toBeNull();
      // An outage may be answered 503 (retry), never 500 (a defect).
      expect(s.life.attempts.filter((a) => a.status === 500)).toEqual([]);
    }, 300_000);
  });
}
