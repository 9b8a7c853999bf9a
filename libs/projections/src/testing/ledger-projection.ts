import type { RecordedEvent, SqlExecutor } from '@corridor/event-store';
import type { Projection } from '../projection';

export interface LedgerOptions {
  /** Prefix for the table names, so tests sharing a database do not collide. */
  prefix: string;
  version?: number;
  streamPrefixes?: string[];
  /** Use the batch path (one statement per batch) instead of one statement per event. */
  batched?: boolean;
  /** Throws when applying an event of this type (once per call of the returned `arm`). */
  failOn?: { type: string; armed: boolean };
}

/**
 * A read model for projector tests: every event as a row (keyed by event id, so an event applied
 * twice fails loudly) and a per-stream summary with counts, last type and timestamps.
 */
export function ledgerProjection(options: LedgerOptions): Projection {
  const entries = `${options.prefix}_entries`;
  const streams = `${options.prefix}_streams`;
  const fail = (event: RecordedEvent): void => {
    if (options.failOn?.armed && event.type === options.failOn.type) {
      options.failOn.armed = false;
      throw new Error(`refusing ${event.type}`);
    }
  };
  const projection: Projection = {
    name: `${options.prefix}_ledger`,
    version: options.version ?? 1,
    filter: options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : undefined,
    tables: [entries, streams],
    async setup(db: SqlExecutor) {
      await db.query(`CREATE TABLE IF NOT EXISTS ${entries} (
        id uuid PRIMARY KEY, position bigint NOT NULL, stream text NOT NULL, version int NOT NULL,
        type text NOT NULL, data jsonb NOT NULL, recorded_at timestamptz NOT NULL)`);
      await db.query(`CREATE TABLE IF NOT EXISTS ${streams} (
        stream text PRIMARY KEY, events int NOT NULL, last_type text NOT NULL,
        first_at timestamptz NOT NULL, last_at timestamptz NOT NULL, last_position bigint NOT NULL)`);
    },
    async apply(event: RecordedEvent, tx: SqlExecutor) {
      fail(event);
      await tx.query(`INSERT INTO ${entries} VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        event.id,
        event.position,
        event.stream,
        event.version,
        event.type,
        JSON.stringify(event.data),
        event.recordedAt,
      ]);
      await tx.query(
        `INSERT INTO ${streams} VALUES ($1, 1, $2, $3, $3, $4)
         ON CONFLICT (stream) DO UPDATE SET events = ${streams}.events + 1, last_type = EXCLUDED.last_type,
           last_at = EXCLUDED.last_at, last_position = EXCLUDED.last_position`,
        [event.stream, event.type, event.recordedAt, event.position],
      );
    },
  };
  if (!options.batched) return projection;
  return {
    ...projection,
    async applyBatch(events: RecordedEvent[], tx: SqlExecutor) {
      events.forEach(fail);
      await tx.query(
        `INSERT INTO ${entries} SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::jsonb[], $7::timestamptz[])`,
        [
          events.map((e) => e.id),
          events.map((e) => e.position),
          events.map((e) => e.stream),
          events.map((e) => e.version),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => e.recordedAt.toISOString()),
        ],
      );
      // Fold the batch per stream first: one upsert row per stream.
      const perStream = new Map<
        string,
        { events: number; lastType: string; firstAt: Date; lastAt: Date; lastPosition: number }
      >();
      for (const e of events) {
        const s = perStream.get(e.stream);
        if (s)
          Object.assign(s, {
            events: s.events + 1,
            lastType: e.type,
            lastAt: e.recordedAt,
            lastPosition: e.position,
          });
        else
          perStream.set(e.stream, {
            events: 1,
            lastType: e.type,
            firstAt: e.recordedAt,
            lastAt: e.recordedAt,
            lastPosition: e.position,
          });
      }
      const rows = [...perStream.entries()];
      await tx.query(
        `INSERT INTO ${streams} SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::bigint[])
         ON CONFLICT (stream) DO UPDATE SET events = ${streams}.events + EXCLUDED.events, last_type = EXCLUDED.last_type,
           last_at = EXCLUDED.last_at, last_position = EXCLUDED.last_position`,
        [
          rows.map(([s]) => s),
          rows.map(([, v]) => v.events),
          rows.map(([, v]) => v.lastType),
          rows.map(([, v]) => v.firstAt.toISOString()),
          rows.map(([, v]) => v.lastAt.toISOString()),
          rows.map(([, v]) => v.lastPosition),
        ],
      );
    },
  };
}

/** Every row of the given tables as JSON text, in a stable order: compares read models byte for byte. */
export async function dumpTables(db: SqlExecutor, tables: string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await db.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY 1`,
    );
    parts.push(`-- ${table}\n${rows.map((r) => r.row).join('\n')}`);
  }
  return parts.join('\n');
}
