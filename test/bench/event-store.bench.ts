import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { openPostgres, SqlEventStore, type NewEvent } from '@corridor/event-store';
import { Projector } from '@corridor/projections';
import { benchCodec, evolve, streamSummaryProjection, type ReplayState } from './event-store-bench-fixtures';
import { RawEvents } from './event-store-bench-raw';
import {
  concurrently,
  elapsedMs,
  freshBenchDatabase,
  log,
  median,
  payload,
  rate,
} from './event-store-bench-support';

/**
 * Event store benchmark: Corridor's SQL store against the raw ceiling (same rows, same `pg` driver,
 * no store logic) and Emmett's PostgreSQL event store, on a fresh database of the same server.
 * Every figure is the median of 3 runs. Progress goes to stderr, one JSON line to stdout.
 */
const rounds = 3;
const singleAppends = 1000;
const perWriter = 300;
const writers = 8;
const batches = 40;
const batchSize = 100;
const streamLength = 10_000;
const pageSize = 1000;

interface Workload {
  unit: string;
  corridor: number;
  raw: number;
  emmett?: number;
  vsRaw: number;
  vsEmmett?: number;
}

function newEvents(count: number, offset = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type: 'Registered',
    data: payload(offset + i),
  }));
}

function emmettEvents(
  count: number,
  offset = 0,
): Array<{ type: 'Registered'; data: Record<string, unknown> }> {
  return Array.from({ length: count }, (_, i) => ({
    type: 'Registered' as const,
    data: payload(offset + i),
  }));
}

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await freshBenchDatabase(adminUrl);
  log(`fresh database ${database.url}`);
  const db = await openPostgres(database.url, { max: 10 });
  const store = new SqlEventStore(db, benchCodec, { schema: 'bench_es' });
  await store.init();
  const raw = new RawEvents(database.url);
  await raw.init();
  const emmettPool = new Pool({ connectionString: database.url, max: 10 });
  const emmett: PostgresEventStore = getPostgreSQLEventStore(database.url, {
    connectionOptions: { pool: emmettPool },
  });
  const results: Record<string, Workload> = {};
  const run = Date.now().toString(36);

  try {
    // Warm-up: schemas, plans, connections.
    await concurrently(writers, 20, async (w, i) => {
      await store.append(`warm-${run}-${w}`, newEvents(1), { expected: i });
      await raw.insertOne(`warm-${run}-${w}`, i + 1, randomUUID(), JSON.stringify(payload(i)));
      await emmett.appendToStream(`warm-${run}-${w}`, emmettEvents(1), { expectedStreamVersion: BigInt(i) });
    });

    // Single-event appends, one writer and eight, each writer on its own stream with its exact version.
    for (const n of [1, writers]) {
      const count = n === 1 ? singleAppends : perWriter;
      const total = n * count;
      const name = n === 1 ? 'appendSingle1Writer' : `appendSingle${n}Writers`;
      const {
        corridor,
        raw: rawRate,
        emmett: emmettRate,
      } = await interleaved({
        corridor: (r) =>
          rate(total, () =>
            concurrently(n, count, async (w, i) => {
              await store.append(`c-${name}-${run}-${r}-${w}`, newEvents(1, i), { expected: i });
            }),
          ),
        raw: (r) =>
          rate(total, () =>
            concurrently(n, count, (w, i) =>
              raw.insertOne(`r-${name}-${run}-${r}-${w}`, i + 1, randomUUID(), JSON.stringify(payload(i))),
            ),
          ),
        emmett: (r) =>
          rate(total, () =>
            concurrently(n, count, async (w, i) => {
              await emmett.appendToStream(`e-${name}-${run}-${r}-${w}`, emmettEvents(1, i), {
                expectedStreamVersion: BigInt(i),
              });
            }),
          ),
      });
      results[name] = ratios('appends/s', corridor, rawRate, emmettRate);
      log(`${name}: ${JSON.stringify(results[name])}`);
    }

    // 100-event batch appends, one writer.
    {
      const {
        corridor,
        raw: rawRate,
        emmett: emmettRate,
      } = await interleaved({
        corridor: (r) =>
          rate(batches * batchSize, async () => {
            for (let b = 0; b < batches; b++)
              await store.append(`c-batch-${run}-${r}`, newEvents(batchSize, b * batchSize), {
                expected: b * batchSize,
              });
          }),
        raw: (r) =>
          rate(batches * batchSize, async () => {
            for (let b = 0; b < batches; b++) {
              const ids = Array.from({ length: batchSize }, () => randomUUID());
              const data = Array.from({ length: batchSize }, (_, i) =>
                JSON.stringify(payload(b * batchSize + i)),
              );
              await raw.insertBatch(`r-batch-${run}-${r}`, b * batchSize + 1, ids, data);
            }
          }),
        emmett: (r) =>
          rate(batches * batchSize, async () => {
            for (let b = 0; b < batches; b++)
              await emmett.appendToStream(`e-batch-${run}-${r}`, emmettEvents(batchSize, b * batchSize), {
                expectedStreamVersion: BigInt(b * batchSize),
              });
          }),
      });
      results.appendBatch100 = ratios('events/s', corridor, rawRate, emmettRate);
      log(`appendBatch100: ${JSON.stringify(results.appendBatch100)}`);
    }

    // Fresh statistics for the read workloads (the raw queries depend on them; the store does not).
    await db.query('ANALYZE');

    // A 10,000-event stream: read + replay (evolve fold) + chain verification, against a raw read of the same rows.
    {
      const stream = `long-${run}`;
      for (let b = 0; b < streamLength / batchSize; b++)
        await store.append(stream, newEvents(batchSize, b * batchSize), { expected: b * batchSize });
      let state: ReplayState = { events: 0, scoreTotal: 0, lastAt: undefined };
      const { corridor, raw: rawMs } = await interleaved({
        corridor: () =>
          elapsedMs(async () => {
            state = { events: 0, scoreTotal: 0, lastAt: undefined };
            for await (const e of store.readStream(stream, { verify: true, pageSize }))
              state = evolve(state, e);
            if (state.events !== streamLength) throw new Error(`replayed ${state.events} events`);
          }),
        raw: () =>
          elapsedMs(async () => {
            const n = await raw.readStream('bench_es.events', stream, pageSize);
            if (n !== streamLength) throw new Error(`raw read ${n} rows`);
          }),
      });
      results.stream10kReadReplayVerify = { unit: 'ms', corridor, raw: rawMs, vsRaw: corridor / rawMs };
      log(`stream10kReadReplayVerify: ${JSON.stringify(results.stream10kReadReplayVerify)}`);
    }

    // The whole log: readAll and a projector rebuild against a raw keyset scan of the same rows.
    {
      const head = await store.headPosition();
      const total = await store.countEvents({});
      const projector = new Projector({
        store,
        db,
        projections: [streamSummaryProjection],
        batchSize: pageSize,
      });
      const {
        readAll: readAllRate,
        raw: rawRate,
        rebuild: rebuildRate,
      } = await interleaved({
        readAll: () =>
          rate(total, async () => {
            let n = 0;
            for await (const _ of store.readAll({ pageSize })) n++;
            if (n !== total) throw new Error(`readAll read ${n} of ${total}`);
          }),
        raw: () =>
          rate(total, async () => {
            const n = await raw.scan('bench_es.events', pageSize);
            if (n !== total) throw new Error(`raw scan read ${n} of ${total}`);
          }),
        rebuild: () =>
          rate(total, async () => {
            const { events } = await projector.rebuild(streamSummaryProjection.name);
            if (events !== total) throw new Error(`rebuild applied ${events} of ${total}`);
          }),
      });
      results.readAll = {
        unit: 'events/s',
        corridor: readAllRate,
        raw: rawRate,
        vsRaw: readAllRate / rawRate,
      };
      results.projectorRebuild = {
        unit: 'events/s',
        corridor: rebuildRate,
        raw: rawRate,
        vsRaw: rebuildRate / rawRate,
      };
      log(`log of ${total} events up to position ${head}`);
      log(`readAll: ${JSON.stringify(results.readAll)}`);
      log(`projectorRebuild: ${JSON.stringify(results.projectorRebuild)}`);
    }

    const get = (name: string): Workload => results[name] as Workload;
    const targets = {
      appendSingle8WritersVsRaw: get(`appendSingle${writers}Writers`).vsRaw >= 0.8,
      otherAppendsVsRaw: get('appendSingle1Writer').vsRaw >= 0.7 && get('appendBatch100').vsRaw >= 0.7,
      appendsVsEmmett: ['appendSingle1Writer', `appendSingle${writers}Writers`, 'appendBatch100'].every(
        (n) => (get(n).vsEmmett ?? 0) >= 1.5,
      ),
      rebuildVsRawScan: get('projectorRebuild').vsRaw >= 0.7,
      stream10kVsRawRead: get('stream10kReadReplayVerify').vsRaw <= 1.5,
    };
    process.stdout.write(
      `${JSON.stringify({ benchmark: 'event-store', rounds, workloads: results, targets })}\n`,
    );
  } finally {
    await emmett.close().catch(() => undefined);
    await emmettPool.end().catch(() => undefined);
    await raw.close();
    await store.close();
    await db.close();
    if (!process.env.BENCH_KEEP_DATABASE) await database.drop();
  }
}

/**
 * Runs the systems' rounds interleaved (a, b, c, a, b, c, ...) so that a machine busy with other
 * work slows them alike; returns each one's median.
 */
async function interleaved<K extends string>(
  systems: Record<K, (round: number) => Promise<number>>,
): Promise<Record<K, number>> {
  const names = Object.keys(systems) as K[];
  const results = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) results.get(name)?.push(await systems[name](round));
  }
  return Object.fromEntries(names.map((name) => [name, median(results.get(name) ?? [])])) as Record<
    K,
    number
  >;
}

function ratios(unit: string, corridor: number, raw: number, emmett: number): Workload {
  return { unit, corridor, raw, emmett, vsRaw: corridor / raw, vsEmmett: corridor / emmett };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
