import { Client } from 'pg';

/** A new, empty Postgres database on the test server, so suites never see each other's rows. */
export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base)
    throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (globalSetup sets it)');
  const name = `corridor_${label}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
