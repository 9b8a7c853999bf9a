import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  openPGlite,
  openPostgres,
  passThroughCodec,
  SqlEventStore,
  type EventStore,
  type NewEvent,
  type SqlDatabase,
} from '@corridor/event-store';
import { Projector } from './projector';
import { ProjectionTimeoutError } from './projection-runner';
import { rebuildProjections } from './rebuild-projections';
import { dumpTables, ledgerProjection } from './testing/ledger-projection';

let counter = 0;
function unique(label: string): string {
  counter++;
  return `${label}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

function ev(type: string, data: unknown = {}): NewEvent {
  return { id: randomUUID(), type, data };
}

/** Appends `count` events spread over a few streams, with data worth comparing (nested, timestamps). */
async function seed(store: EventStore, prefix: string, count: number, streams = 5): Promise<number> {
  let last = 0;
  const versions = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const stream = `${prefix}-${i % streams}`;
    const version = versions.get(stream) ?? 0;
    const result = await store.append(
      stream,
      [ev(i % 3 ? 'Moved' : 'Named', { i, nested: { tags: ['a', String(i)] } })],
      { expected: version },
    );
    versions.set(stream, result.nextVersion);
    last = result.positions[0] ?? last;
  }
  return last;
}

const drivers: Array<[string, () => Promise<SqlDatabase>]> = [
  ['PGlite', () => openPGlite()],
  [
    'Postgres',
    () => {
      const url = process.env.TEST_DATABASE_URL;
      if (!url) throw new Error('TEST_DATABASE_URL is not set (jest globalSetup creates it)');
      return openPostgres(url);
    },
  ],
];

describe.each(drivers)('Projector on %s', (_label, open) => {
  let db: SqlDatabase;
  let store: SqlEventStore;
  const running: Projector[] = [];

  beforeAll(async () => {
    db = await open();
    store = new SqlEventStore(db, passThroughCodec, { schema: unique('proj_es') });
    await store.init();
  });
  afterEach(async () => {
    for (const p of running.splice(0)) await p.stop();
  });
  afterAll(() => db.close());

  function projector(...args: Parameters<typeof ledgerProjection>): {
    projector: Projector;
    tables: string[];
    checkpointTable: string;
  } {
    const projection = ledgerProjection(...args);
    const checkpointTable = `${args[0].prefix}_checkpoints`;
    const p = new Projector({ store, db, projections: [projection], checkpointTable, pollIntervalMs: 200 });
    running.push(p);
    return { projector: p, tables: projection.tables, checkpointTable };
  }

  it('applies appended events and waitFor gives read-your-writes', async () => {
    const prefix = unique('rw');
    const { projector: p } = projector({ prefix, streamPrefixes: [prefix] });
    await p.start();
    const result = await store.append(`${prefix}-a`, [ev('Named', { name: 'x' }), ev('Moved')], {
      expected: 'no_stream',
    });
    await p.waitFor(result.positions[1] ?? 0, 5000);
    const { rows } = await db.query<{ events: number; last_type: string }>(
      `SELECT events, last_type FROM ${prefix}_streams`,
    );
    expect(rows).toEqual([{ events: 2, last_type: 'Moved' }]);
  });

  it('waitFor resolves for positions of events the projection filters out', async () => {
    const prefix = unique('filtered');
    const { projector: p } = projector({ prefix, streamPrefixes: [`${prefix}-wanted`] });
    await p.start();
    const other = await store.append(`${prefix}-other`, [ev('Named')], { expected: 'no_stream' });
    await p.waitFor(other.positions[0] ?? 0, 5000);
    const { rows } = await db.query(`SELECT * FROM ${prefix}_entries`);
    expect(rows).toHaveLength(0);
  });

  it('waitFor rejects with ProjectionTimeoutError when the projector is not running', async () => {
    const prefix = unique('timeout');
    const { projector: p } = projector({ prefix, streamPrefixes: [prefix] });
    const result = await store.append(`${prefix}-a`, [ev('Named')], { expected: 'no_stream' });
    await expect(p.waitFor(result.positions[0] ?? 0, 50)).rejects.toBeInstanceOf(ProjectionTimeoutError);
  });

  it.each([false, true])('rebuild gives byte-identical tables (batched apply: %s)', async (batched) => {
    const prefix = unique('rebuild');
    const { projector: p, tables } = projector({ prefix, streamPrefixes: [prefix], batched });
    await p.start();
    const last = await seed(store, prefix, 120);
    await p.waitFor(last, 10_000);
    const before = await dumpTables(db, tables);
    expect(before.split('\n').length).toBeGreaterThan(120);
    const progress: number[] = [];
    const { events } = await p.rebuild(`${prefix}_ledger`, (pr) => progress.push(pr.events));
    expect(events).toBe(120);
    expect(progress[progress.length - 1]).toBe(120);
    expect(await dumpTables(db, tables)).toBe(before);
    // And the live projection carries on after the rebuild.
    const more = await store.append(`${prefix}-0`, [ev('Moved')], { expected: 24 });
    await p.waitFor(more.positions[0] ?? 0, 5000);
    const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${prefix}_entries`);
    expect(Number(rows[0]?.n)).toBe(121);
  });

  it('batched and per-event apply leave the same rows', async () => {
    const prefix = unique('same');
    const perEvent = projector({ prefix: `${prefix}_a`, streamPrefixes: [prefix] });
    const batched = projector({ prefix: `${prefix}_b`, streamPrefixes: [prefix], batched: true });
    const last = await seed(store, prefix, 60);
    await perEvent.projector.start();
    await batched.projector.start();
    await perEvent.projector.waitFor(last, 10_000);
    await batched.projector.waitFor(last, 10_000);
    const a = await dumpTables(db, perEvent.tables);
    const b = await dumpTables(db, batched.tables);
    expect(b.replaceAll(`${prefix}_b_`, `${prefix}_a_`)).toBe(a);
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    const prefix = unique('restart');
    const first = projector({ prefix, streamPrefixes: [prefix] });
    await first.projector.start();
    const a = await seed(store, prefix, 20);
    await first.projector.waitFor(a, 10_000);
    await first.projector.stop();
    const b = await seed(store, `${prefix}-late`, 10);
    // Entries are keyed by event id: applying one twice would fail the projection.
    const second = projector({ prefix, streamPrefixes: [prefix] });
    await second.projector.start();
    await second.projector.waitFor(b, 10_000);
    const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${prefix}_entries`);
    expect(Number(rows[0]?.n)).toBe(30);
    expect((await second.projector.lag())[0]).toMatchObject({ events: 0 });
  });

  it('rolls back rows and checkpoint together when applying fails, then retries', async () => {
    const prefix = unique('fail');
    const failOn = { type: 'Boom', armed: true };
    const { projector: p, checkpointTable } = projector({ prefix, streamPrefixes: [prefix], failOn });
    await p.start();
    const ok = await store.append(`${prefix}-a`, [ev('Named')], { expected: 'no_stream' });
    await p.waitFor(ok.positions[0] ?? 0, 5000);
    const boom = await store.append(`${prefix}-a`, [ev('Moved'), ev('Boom'), ev('Moved')], { expected: 1 });
    await p.waitFor(boom.positions[2] ?? 0, 10_000);
    expect(failOn.armed).toBe(false);
    const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${prefix}_entries`);
    expect(Number(rows[0]?.n)).toBe(4);
    const cp = await db.query<{ position: string | number }>(`SELECT position FROM ${checkpointTable}`);
    expect(Number(cp.rows[0]?.position)).toBeGreaterThanOrEqual(boom.positions[2] ?? 0);
  });

  it('rebuilds from 0 when the projection version changes', async () => {
    const prefix = unique('version');
    const v1 = projector({ prefix, streamPrefixes: [prefix] });
    await v1.projector.start();
    const last = await seed(store, prefix, 10);
    await v1.projector.waitFor(last, 10_000);
    await v1.projector.stop();
    // Old shape: a column the new version no longer has must disappear with the rebuild.
    await db.query(`ALTER TABLE ${prefix}_entries ADD COLUMN legacy int`);
    const v2 = projector({ prefix, streamPrefixes: [prefix], version: 2 });
    await v2.projector.start();
    await v2.projector.waitFor(last, 10_000);
    const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${prefix}_entries`);
    expect(Number(rows[0]?.n)).toBe(10);
    const cols = await db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'legacy'`,
      [`${prefix}_entries`],
    );
    expect(cols.rows).toHaveLength(0);
  });

  it('reports lag while stopped', async () => {
    const prefix = unique('lag');
    const { projector: p } = projector({ prefix, streamPrefixes: [prefix] });
    await p.start();
    await p.stop();
    await seed(store, prefix, 7);
    const [lag] = await p.lag();
    expect(lag).toMatchObject({ name: `${prefix}_ledger`, events: 7 });
    expect(lag?.head).toBeGreaterThan(lag?.position ?? 0);
    expect(lag?.ms).toBeGreaterThanOrEqual(0);
  });

  it('rebuildProjections prints a progress bar and returns the counts', async () => {
    const prefix = unique('cli');
    const projection = ledgerProjection({ prefix, streamPrefixes: [prefix], batched: true });
    await seed(store, prefix, 30);
    let printed = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        printed += chunk.toString();
        done();
      },
    });
    const result = await rebuildProjections({ store, db, projections: [projection], out });
    expect(result).toEqual([{ name: `${prefix}_ledger`, events: 30, ms: expect.any(Number) }]);
    expect(printed).toContain(`${prefix}_ledger [`);
    expect(printed).toContain('100% 30/30 events');
  });
});
