import { Client } from 'pg';
import { openPostgres, type SqlDatabase } from '@corridor/event-store';
import { postgresUrl } from './sql-harness';

/**
 * A Postgres restart or a killed backend drops connections the pool has handed out. pg-pool stops
 * listening for a client's 'error' while it is checked out, and an 'error' event nobody listens for
 * takes the whole process down (the worker, the API): this must surface as a failed transaction.
 */
describe('openPostgres when the server drops a connection inside a transaction', () => {
  let db: SqlDatabase;
  let admin: Client;
  beforeAll(async () => {
    db = await openPostgres(postgresUrl());
    admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await db?.close();
  });

  it('rejects that transaction without crashing the process, and the next one succeeds', async () => {
    const crashes: unknown[] = [];
    const onUncaught = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const failed = db.transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // Between two statements (no query in flight) the server ends this session, as a restart does.
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((r) => setTimeout(r, 300));
        await tx.query('SELECT 1');
      });
      await expect(failed).rejects.toThrow();
      expect(crashes).toEqual([]);
      const { rows } = await db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'));
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
