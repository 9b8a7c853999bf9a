import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import { freePort } from '../../../apps/cli/src/temporal-dev-server';
import { track } from './leftovers';

export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres — the cluster's maintenance database. */
  adminUrl: string;
  createDatabase(name: string): Promise<string>;
  stop(): void;
  start(): Promise<void>;
  restart(): Promise<void>;
  drop(): void;
}

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

// The machine may run systemd; the test owns this cluster and drives it directly.
const ctl = (version: string, name: string, action: string) =>
  run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, action, '-m', 'fast']);

/**
 * A Postgres cluster of the test's own (pg_createcluster on a free port, trust auth), so a test can
 * stop and restart Postgres without touching the shared server on 5432. Dropped by drop(), or by
 * jest's global teardown if the test never got there.
 */
export async function createOwnPostgres(label: string): Promise<OwnPostgres> {
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  if (!version) throw new Error('no PostgreSQL version under /etc/postgresql (pg_createcluster unavailable)');
  const name = `${label}_${process.pid}_${Date.now()}`.replace(/[^a-z0-9_]/gi, '_');
  const port = await freePort();
  let dropped = false;
  const untrack = track({ kind: 'cluster', version, name });
  const drop = () => {
    if (dropped) return;
    dropped = true;
    untrack();
    try {
      run('pg_dropcluster', ['--stop', version, name]);
    } catch {
      // Already gone (or never fully created): nothing left to clean up.
    }
  };
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const ready = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new Client({ connectionString: adminUrl });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  };
  try {
    run('pg_createcluster', [
      version,
      name,
      '-p',
      String(port),
      '--start-conf',
      'manual',
      // Durability is not under test here, speed is: a fast shutdown must still keep committed rows.
      '-o',
      'synchronous_commit=off',
      '--',
      '--auth=trust',
    ]);
    ctl(version, name, 'start');
    await ready();
  } catch (error) {
    drop();
    throw error;
  }
  return {
    adminUrl,
    async createDatabase(db) {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`CREATE DATABASE ${db}`);
      await client.end();
      return `postgres://postgres@127.0.0.1:${port}/${db}`;
    },
    stop: () => ctl(version, name, 'stop'),
    async start() {
      ctl(version, name, 'start');
      await ready();
    },
    async restart() {
      ctl(version, name, 'restart');
      await ready();
    },
    drop,
  };
}
