import { Client } from 'pg';
import { startDevServer } from '../../apps/cli/src/temporal-dev-server';

/**
 * Starts one real Temporal dev server and creates one fresh Postgres database for the whole jest run;
 * their addresses reach the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // CI hands us the fresh database it created; otherwise make one for this run.
  let dbName: string | undefined;
  if (!process.env.TEST_DATABASE_URL) {
    dbName = `corridor_test_${Date.now()}_${process.pid}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    process.env.TEST_DATABASE_URL = url.toString();
  }

  // Names this run, so teardown can sweep what fault tests started (test/fault/support/leftovers.ts).
  process.env.CORRIDOR_TEST_RUN = `${Date.now()}-${process.pid}`;
  const server = await startDevServer({ fast: true, logLevel: 'error' });
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  (globalThis as Record<string, unknown>).__corridor = { server, dbName, adminUrl };
}
