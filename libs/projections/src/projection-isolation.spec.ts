import { randomUUID } from 'node:crypto';
import {
  openPGlite,
  openPostgres,
  passThroughCodec,
  SqlEventStore,
  type NewEvent,
  type SqlDatabase,
} from '@corridor/event-store';
import type { Projection } from './projection';
import type { ProjectionStatus } from './projection-failure';
import { ProjectionStalledError } from './projection-runner';
import { freshDatabase } from '../../../test/support/fresh-database';
import { Projector } from './projector';
import { ledgerProjection } from './testing/ledger-projection';

let counter = 0;
function unique(label: string): string {
  counter++;
  return `${label}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

function ev(type: string, data: unknown = {}): NewEvent {
  return { id: randomUUID(), type, data };
}

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A database and what to do afterwards (drop the fresh Postgres database). */
type Opened = { db: SqlDatabase; drop: () => Promise<void> };

const drivers: Array<[string, () => Promise<Opened>]> = [
  ['PGlite', async () => ({ db: await openPGlite(), drop: () => Promise.resolve() })],
  [
    'Postgres',
    async () => {
      const database = await freshDatabase('projection_isolation');
      return { db: await openPostgres(database.url), drop: database.drop };
    },
  ],
];

describe.each(drivers)('A projection that cannot apply an event, on %s', (_label, open) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let store: SqlEventStore;
  const running: Projector[] = [];

  beforeAll(async () => {
    ({ db, drop } = await open());
    store = new SqlEventStore(db, passThroughCodec, { schema: unique('iso_es') });
    await store.init();
  });
  afterEach(async () => {
    for (const p of running.splice(0)) await p.stop();
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  function statusOf(p: Projector, name: string): ProjectionStatus {
    const s = p.status().find((x) => x.name === name);
    if (!s) throw new Error(`no status for ${name}`);
    return s;
  }

  it('stops at the event with its reason reported, while the other projection keeps moving', async () => {
    const a = unique('poisoned');
    const b = unique('healthy');
    // The ledger keeps each event's data as jsonb, which cannot hold U+0000: applying the event fails.
    const poisoned = ledgerProjection({ prefix: a, streamPrefixes: [a], batched: true });
    const healthy = ledgerProjection({ prefix: b, streamPrefixes: [b] });
    const p = new Projector({ store, db, projections: [poisoned, healthy], checkpointTable: `${a}_cp`, pollIntervalMs: 100 });
    running.push(p);
    await p.start();

    // One append, so one batch: the good event before the poison must still be applied.
    const first = await store.append(`${a}-1`, [ev('Named', { name: 'fine' }), ev('Named', { name: 'x\u0000y' })], {
      expected: 'no_stream',
    });
    const [good, poison] = first.positions as [number, number];
    const after = await store.append(`${a}-2`, [ev('Named', { name: 'later' })], { expected: 'no_stream' });
    const other = await store.append(`${b}-1`, [ev('Named', { name: 'other' })], { expected: 'no_stream' });

    await p.waitFor(other.positions[0] ?? 0, 10_000, [healthy.name]);
    const failing = await until(() => statusOf(p, poisoned.name), (s) => s.state === 'failing', 'poisoned projection state');
    expect(failing.position).toBeGreaterThanOrEqual(good);
    expect(failing.position).toBeLessThan(poison);
    expect(failing.failure).toMatchObject({
      kind: 'event',
      event: { position: poison, stream: `${a}-1`, version: 2, type: 'Named' },
      attempts: expect.any(Number),
    });
    expect(failing.failure?.reason).toMatch(/\\u0000|0x00/);
    expect(statusOf(p, healthy.name)).toMatchObject({ state: 'running' });
    const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${a}_entries`);
    expect(Number(rows[0]?.n)).toBe(1);

    // Waiting for the failing projection ends with the reason instead of running into a timeout.
    const wait = p.waitFor(after.positions[0] ?? 0, 60_000, [poisoned.name]);
    await expect(wait).rejects.toBeInstanceOf(ProjectionStalledError);
    await expect(wait).rejects.toThrow(/failing since/);

    // And the healthy projection goes on with later events; the poisoned one never skips ahead.
    const more = await store.append(`${b}-1`, [ev('Moved')], { expected: 1 });
    await p.waitFor(more.positions[0] ?? 0, 10_000, [healthy.name]);
    const still = statusOf(p, poisoned.name);
    expect(still.state).toBe('failing');
    expect(still.position).toBeLessThan(poison);
    expect(still.failure?.attempts).toBeGreaterThanOrEqual(failing.failure?.attempts ?? 1);
  });

  it('resumes by itself once the cause is fixed, applying what it had held back', async () => {
    const prefix = unique('fixable');
    const broken = { value: true };
    const ledger = ledgerProjection({ prefix, streamPrefixes: [prefix] });
    // Fails like a read model whose table an operator must repair, until it is repaired.
    const fragile: Projection = {
      ...ledger,
      async apply(event, tx) {
        if (broken.value) throw new Error('column "x" does not exist');
        await ledger.apply(event, tx);
      },
    };
    const p = new Projector({ store, db, projections: [fragile], checkpointTable: `${prefix}_cp`, pollIntervalMs: 100 });
    running.push(p);
    await p.start();
    const appended = await store.append(`${prefix}-1`, [ev('Named'), ev('Moved')], { expected: 'no_stream' });
    const failing = await until(() => statusOf(p, fragile.name), (s) => s.state === 'failing', 'fragile projection state');
    expect(failing.failure).toMatchObject({ reason: 'column "x" does not exist', event: { position: appended.positions[0] } });

    broken.value = false;
    await until(() => statusOf(p, fragile.name), (s) => s.state === 'running', 'fragile projection recovery');
    await p.waitFor(appended.positions[1] ?? 0, 10_000);
    expect(statusOf(p, fragile.name).failure).toBeUndefined();
    const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${prefix}_entries`);
    expect(Number(rows[0]?.n)).toBe(2);
  });
});
