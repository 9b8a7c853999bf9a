import { Client } from 'pg';
import { sweepLeftovers } from '../fault/support/leftovers';
import type { DevServer } from '../../apps/cli/src/temporal-dev-server';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__corridor as
    { server: DevServer; dbName?: string; adminUrl: string } | undefined;
  if (process.env.CORRIDOR_TEST_RUN) sweepLeftovers(process.env.CORRIDOR_TEST_RUN);
  if (!state) return;
  await state.server.stop();
  if (!state.dbName || process.env.KEEP_TEST_DATABASE) return;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${state.dbName} WITH (FORCE)`);
  await admin.end();
}
