import { Client } from 'pg';
import {
  openPGlite,
  openPostgres,
  SqlEventStore,
  type EventCodec,
  type EventStore,
  type SqlDatabase,
  type SqlExecutor,
} from '@corridor/event-store';
import type { ContractHarness } from './event-store.contract';

/** Each test file gets its own Postgres schema, so files running in parallel do not share a log. */
export function uniqueSchema(label: string): string {
  return `es_${label}_${process.pid}_${Date.now().toString(36)}`;
}

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set (jest globalSetup creates it)');
  return url;
}

/** Raw SQL that damages one stored row, and the SQL that undoes it (both get stream and version). */
const tampering: Record<string, { damage: string; undo: string }> = {
  // data is json (its text is kept verbatim): the original text is put back, not re-serialised.
  data: { damage: `data = (data::jsonb || '{"score": 100}')::json`, undo: 'data = $3::json' },
  metadata: {
    damage: `metadata = metadata || '{"by": "x"}'`,
    undo: `metadata = metadata - 'by'`,
  },
  type: { damage: `type = type || 'X'`, undo: `type = left(type, -1)` },
  schema_version: {
    damage: 'schema_version = schema_version + 1',
    undo: 'schema_version = schema_version - 1',
  },
  'recorded_at (seconds)': {
    damage: `recorded_at = recorded_at - interval '1 second'`,
    undo: `recorded_at = recorded_at + interval '1 second'`,
  },
  'recorded_at (microseconds)': {
    damage: `recorded_at = recorded_at + interval '1 microsecond'`,
    undo: `recorded_at = recorded_at - interval '1 microsecond'`,
  },
  prev_hash: {
    damage: `prev_hash = 'x' || prev_hash`,
    undo: 'prev_hash = substr(prev_hash, 2)',
  },
  hash: { damage: `hash = 'x' || hash`, undo: 'hash = substr(hash, 2)' },
  id: { damage: 'id = gen_random_uuid()', undo: 'id = $3::uuid' },
  // A check constraint ties position to transaction_id, so a forger moves both consistently.
  transaction_id: {
    damage:
      'transaction_id = (transaction_id::text::bigint + 1000000)::text::xid8, position = position + 1000000::bigint * 65536',
    undo: 'transaction_id = (transaction_id::text::bigint - 1000000)::text::xid8, position = position - 1000000::bigint * 65536',
  },

  position: { damage: 'position = position + 30000', undo: 'position = position - 30000' },
};

/** A harness over one SQL database: all stores it opens share it (and one schema). */
export function sqlHarness(kind: 'postgres' | 'pglite', label: string): ContractHarness {
  const schema = uniqueSchema(label);
  const s = `"${schema}"`;
  let database: Promise<SqlDatabase> | undefined;
  const stores: EventStore[] = [];
  const db = (): Promise<SqlDatabase> =>
    (database ??= kind === 'postgres' ? openPostgres(postgresUrl()) : openPGlite());

  async function updateEvent(
    set: string,
    stream: string,
    version: number,
    extra: unknown[] = [],
  ): Promise<void> {
    const { rowCount } = await (
      await db()
    ).query(`UPDATE ${s}.events SET ${set} WHERE stream = $1 AND version = $2`, [stream, version, ...extra]);
    if (rowCount !== 1) throw new Error(`tampering ${stream}@${version} touched ${rowCount} rows`);
  }

  const harness: ContractHarness = {
    async open(codec: EventCodec) {
      const store = new SqlEventStore(await db(), codec, { schema });
      await store.init();
      stores.push(store);
      return store;
    },
    async closeAll() {
      for (const store of stores.splice(0)) await store.close();
      if (database) await (await database).close();
      database = undefined;
    },
    tamperKinds: [...Object.keys(tampering), 'version', 'stream', 'stream-record deleted'],
    async tamper(tamperKind, stream, version) {
      const database = await db();
      const rule = tampering[tamperKind];
      if (rule) {
        const { rows } = await database.query<{ id: string; data: string }>(
          `SELECT id, data::text AS data FROM ${s}.events WHERE stream = $1 AND version = $2`,
          [stream, version],
        );
        const saved = tamperKind === 'data' ? rows[0]?.data : rows[0]?.id;
        const needsSaved = rule.undo.includes('$3');
        await updateEvent(rule.damage, stream, version);
        return {
          breaksAt: version,
          restore: () =>
            needsSaved
              ? updateEvent(rule.undo, stream, version, [saved])
              : updateEvent(rule.undo, stream, version),
        };
      }
      switch (tamperKind) {
        case 'version':
          await updateEvent('version = version + 100', stream, version);
          return {
            breaksAt: version,
            restore: () => updateEvent('version = version - 100', stream, version + 100),
          };
        case 'stream': {
          await updateEvent(`stream = stream || '-moved'`, stream, version);
          return {
            breaksAt: version,
            restore: () => updateEvent('stream = $3', `${stream}-moved`, version, [stream]),
          };
        }
        case 'stream-record deleted': {
          // Events whose stream record is gone: named at their first version.
          const { rows } = await database.query<{ metadata: unknown; created_at: Date }>(
            `DELETE FROM ${s}.streams WHERE stream = $1 RETURNING metadata, created_at`,
            [stream],
          );
          const saved = rows[0];
          return {
            breaksAt: 1,
            restore: async () =>
              void (await database.query(
                `INSERT INTO ${s}.streams (stream, metadata, created_at) VALUES ($1, $2, $3)`,
                [stream, JSON.stringify(saved?.metadata ?? {}), saved?.created_at],
              )),
          };
        }
        default:
          throw new Error(`unknown tampering ${tamperKind}`);
      }
    },
  };
  if (kind === 'postgres') {
    harness.holdOpenAppend = async (store, stream, newEvents) => {
      if (!(store instanceof SqlEventStore)) throw new Error('holdOpenAppend needs the SQL store');
      const client = new Client({ connectionString: postgresUrl() });
      await client.connect();
      const tx: SqlExecutor = {
        query: async <R>(text: string, params?: unknown[]) => {
          const result = await client.query(text, params);
          return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
        },
      };
      await client.query('BEGIN');
      await store.appendIn(tx, stream, newEvents, { expected: 'no_stream' });
      return {
        async commit() {
          await client.query('COMMIT');
          await client.end();
        },
      };
    };
  }
  return harness;
}
