import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { openPostgres, passThroughCodec, SqlEventStore, type SqlDatabase } from '@corridor/event-store';
import { Projector } from '@corridor/projections';
import { ledgerProjection } from '../../libs/projections/src/testing/ledger-projection';

/**
 * The notification connection survives a Postgres restart. Runs on a cluster of its own (the shared
 * server must never be stopped): created here, stopped and started mid-test, dropped at the end.
 */
const version = readdirSync('/etc/postgresql').sort().pop() ?? '15';
const cluster = `corridor_listen_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
let port = 0;
let url = '';
let created = false;

function ctl(...args: string[]): void {
  execFileSync(args[0] as string, args.slice(1), { stdio: 'pipe' });
}

async function freePort(): Promise<number> {
  for (;;) {
    const candidate = 42000 + Math.floor(Math.random() * 1000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(candidate, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return candidate;
  }
}

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    let value: T | undefined;
    try {
      value = await read();
    } catch {
      value = undefined; // the server is still coming back
    }
    if (value !== undefined && ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The backends currently LISTENing for the projector, as the server sees them. */
async function listeningBackends(): Promise<number> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE 'LISTEN %'`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await admin.end();
  }
}

beforeAll(() => {
  return (async () => {
    port = await freePort();
    ctl('pg_createcluster', version, cluster, '-p', String(port), '--', '--auth=trust');
    created = true;
    ctl('pg_ctlcluster', version, cluster, 'start');
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  })();
}, 120_000);

afterAll(() => {
  if (created) ctl('pg_dropcluster', '--stop', version, cluster);
}, 60_000);

describe('notifications across a Postgres restart', () => {
  let db: SqlDatabase | undefined;
  let projector: Projector | undefined;
  afterAll(async () => {
    await projector?.stop();
    await db?.close();
  });

  it('re-LISTENs after the server comes back, reports the gap, and wakes projections by notification again', async () => {
    db = await openPostgres(url);
    const store = new SqlEventStore(db, passThroughCodec, { schema: 'listen_es' });
    await store.init();
    const prefix = 'relisten';
    // Polling every 10 minutes: within this test an event can only arrive by notification.
    projector = new Projector({
      store,
      db,
      projections: [ledgerProjection({ prefix, streamPrefixes: [prefix] })],
      pollIntervalMs: 600_000,
    });
    await projector.start();
    const notifications = db.notificationStatus?.bind(db);
    expect(notifications).toBeDefined();
    const status = () => notifications!();

    const before = await store.append(`${prefix}-1`, [{ id: randomUUID(), type: 'Named', data: {} }], { expected: 'no_stream' });
    await projector.waitFor(before.positions[0] ?? 0, 20_000);
    expect(status()).toMatchObject({ state: 'listening', reconnects: 0 });
    expect(await listeningBackends()).toBe(1);

    ctl('pg_ctlcluster', version, cluster, 'stop', '-m', 'fast');
    const down = await until(status, (s) => s.state === 'reconnecting', 'state after the server stopped');
    expect(down.lastError).toBeTruthy();
    ctl('pg_ctlcluster', version, cluster, 'start');

    const back = await until(status, (s) => s.state === 'listening', 'state after the server started');
    expect(back.reconnects).toBe(1);
    expect(back.channels).toEqual(['listen_es_events']);
    await until(listeningBackends, (n) => n === 1, 'LISTEN backends in pg_stat_activity');

    // Subscriptions retry failed reads at most 5 s apart; once that is over they sleep for their
    // 10-minute poll interval, and only a notification can wake them.
    await new Promise((r) => setTimeout(r, 6_000));
    // Appended after the restart (retried with the same event id until the pool has reconnected).
    const moved = { id: randomUUID(), type: 'Moved', data: {} };
    const after = await until(
      () => store.append(`${prefix}-1`, [moved], { expected: 1 }),
      (r) => r !== undefined,
      'append after the restart',
    );
    await projector.waitFor(after.positions[0] ?? 0, 20_000);
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${prefix}_entries`);
    expect(Number(rows[0]?.n)).toBe(2);
  });
});
