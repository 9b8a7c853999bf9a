import type { RecordedEvent } from '../event-store.port';

/** An events row as both drivers return it (pg gives int8 as string, PGlite as number or bigint). */
export interface EventRow {
  position: string | number | bigint;
  stream: string;
  version: string | number | bigint;
  id: string;
  type: string;
  schema_version: number;
  /** The stored JSON text of the data (the column is json: the text is kept as written). */
  data_text: string;
  metadata: Record<string, unknown>;
  /** recorded_at as epoch milliseconds: far cheaper to parse than timestamptz text. */
  recorded_ms: number;
  hash: string;
  prev_hash: string | null;
}

export const eventColumns =
  'position, stream, version, id, type, schema_version, data::text AS data_text, metadata, ' +
  '(extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_ms, hash, prev_hash';

/** The row as stored (before decoding): what the hash covers (with row.data_text for the data). */
export function storedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    version: Number(row.version),
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data_text) as unknown,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_ms),
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
