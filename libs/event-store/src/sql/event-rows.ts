import type { RecordedEvent } from '../event-store.port';

/** An events row as both drivers return it (pg gives int8 as string, PGlite as number or bigint). */
export interface EventRow {
  position: string | number | bigint;
  stream: string;
  version: string | number | bigint;
  id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  hash: string;
  prev_hash: string | null;
}

export const eventColumns =
  'position, stream, version, id, type, schema_version, data, metadata, recorded_at, hash, prev_hash';

/** The row as stored (before decoding): what the hash covers. */
export function storedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    version: Number(row.version),
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
