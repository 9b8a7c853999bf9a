import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The fields an event's hash covers (the global position is not one: adapters assign it differently). */
export interface HashedFields {
  id: string;
  stream: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
  prevHash: string | null;
}

/**
 * Canonical JSON (sorted keys) of the hashed fields (`dataText`: see eventHash). Written out by hand in key order so the SQL
 * adapter's append function can build the identical text server-side from the same parts (see
 * sql/event-store-schema.ts): data, id, metadata, prevHash, recordedAt, schemaVersion, stream,
 * type, version.
 */
export function hashedText(e: HashedFields, dataText?: string): string {
  return (
    `{"data":${dataText ?? canonicalJson(e.data)},"id":${JSON.stringify(e.id)},"metadata":${canonicalJson(e.metadata)}` +
    `,"prevHash":${e.prevHash === null ? 'null' : JSON.stringify(e.prevHash)}` +
    `,"recordedAt":${JSON.stringify(e.recordedAt.toISOString())}` +
    hashedTail(e.schemaVersion, e.stream, e.type) +
    `${e.version}}`
  );
}

/** The part of the canonical text between recordedAt and the version number. */
export function hashedTail(schemaVersion: number, stream: string, type: string): string {
  return `,"schemaVersion":${schemaVersion},"stream":${JSON.stringify(stream)},"type":${JSON.stringify(type)},"version":`;
}

/**
 * SHA-256 (hex) of the canonical text of an event chained to its predecessor's hash. `dataText`:
 * the data's JSON text as stored, when the store keeps it (used as is instead of canonicalJson(data)).
 */
export function eventHash(e: HashedFields, dataText?: string): string {
  return hash('sha256', hashedText(e, dataText), 'hex');
}
