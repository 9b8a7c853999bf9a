import { z } from 'zod';
import {
  EventValidationError,
  type EventCodec,
  type RecordedEvent,
  type SqlExecutor,
} from '@corridor/event-store';
import type { Projection } from '@corridor/projections';

const registered = z.object({
  applicationId: z.uuid(),
  candidate: z.object({
    id: z.string(),
    fullName: z.string(),
    nationality: z.string().length(2),
    language: z.string(),
  }),
  standardCode: z.string(),
  level: z.string(),
  stationId: z.string(),
  schemeVersion: z.number().int(),
  score: z.number(),
  at: z.iso.datetime(),
});

/** Validates on write and read, as the domain codec does (zod), for the one event type the bench writes. */
export const benchCodec: EventCodec = {
  encode(type, data) {
    if (type !== 'Registered') throw new EventValidationError(type, 'unknown type');
    const parsed = registered.safeParse(data);
    if (!parsed.success) throw new EventValidationError(type, parsed.error.message);
    return { data: parsed.data, schemaVersion: 1 };
  },
  decode(type, _schemaVersion, data) {
    const parsed = registered.safeParse(data);
    if (!parsed.success) throw new EventValidationError(type, parsed.error.message);
    return { type, data: parsed.data };
  },
};

export interface ReplayState {
  events: number;
  scoreTotal: number;
  lastAt: string | undefined;
}

/** The replay fold: what an aggregate's evolve does with each event. */
export function evolve(state: ReplayState, event: RecordedEvent): ReplayState {
  const data = event.data as { score: number; at: string };
  return { events: state.events + 1, scoreTotal: state.scoreTotal + data.score, lastAt: data.at };
}

/** A read model with one row per stream (like the applications list), applied a batch at a time. */
export const streamSummaryProjection: Projection = {
  name: 'bench_stream_summary',
  version: 1,
  tables: ['bench_stream_summary'],
  async setup(db: SqlExecutor) {
    await db.query(`CREATE TABLE IF NOT EXISTS bench_stream_summary (
      stream text PRIMARY KEY, events integer NOT NULL, last_type text NOT NULL,
      last_position bigint NOT NULL, last_at timestamptz NOT NULL)`);
  },
  async apply(event: RecordedEvent, tx: SqlExecutor) {
    await upsert(tx, [
      [event.stream, { events: 1, type: event.type, position: event.position, at: event.recordedAt }],
    ]);
  },
  async applyBatch(events: RecordedEvent[], tx: SqlExecutor) {
    const perStream = new Map<string, { events: number; type: string; position: number; at: Date }>();
    for (const e of events) {
      const s = perStream.get(e.stream);
      perStream.set(e.stream, {
        events: (s?.events ?? 0) + 1,
        type: e.type,
        position: e.position,
        at: e.recordedAt,
      });
    }
    await upsert(tx, [...perStream.entries()]);
  },
};

async function upsert(
  tx: SqlExecutor,
  rows: Array<[string, { events: number; type: string; position: number; at: Date }]>,
): Promise<void> {
  await tx.query(
    `INSERT INTO bench_stream_summary
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::timestamptz[])
     ON CONFLICT (stream) DO UPDATE SET events = bench_stream_summary.events + EXCLUDED.events,
       last_type = EXCLUDED.last_type, last_position = EXCLUDED.last_position, last_at = EXCLUDED.last_at`,
    [
      rows.map(([s]) => s),
      rows.map(([, r]) => r.events),
      rows.map(([, r]) => r.type),
      rows.map(([, r]) => r.position),
      rows.map(([, r]) => r.at.toISOString()),
    ],
  );
}
