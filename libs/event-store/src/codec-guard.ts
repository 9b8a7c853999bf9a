import { EventValidationError } from './errors';
import type { EventCodec } from './event-store.port';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the injected codec and turns whatever it throws into the store's EventValidationError, so
 * callers see one error type whichever domain supplied the codec.
 */
export function encodeEvent(
  codec: EventCodec,
  type: string,
  data: unknown,
): { data: unknown; schemaVersion: number } {
  try {
    return codec.encode(type, data);
  } catch (error) {
    if (error instanceof EventValidationError) throw error;
    throw new EventValidationError(type, message(error));
  }
}

export function decodeEvent(
  codec: EventCodec,
  stream: string,
  version: number,
  type: string,
  schemaVersion: number,
  data: unknown,
): { type: string; data: unknown } {
  try {
    return codec.decode(type, schemaVersion, data);
  } catch (error) {
    if (error instanceof EventValidationError) throw error;
    throw new EventValidationError(type, `${stream} version ${version}: ${message(error)}`);
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Event ids are UUIDs on every adapter (KurrentDB requires it), lower-cased as stored. */
export function checkEventId(type: string, id: string): string {
  if (!uuidPattern.test(id))
    throw new EventValidationError(type, `event id ${JSON.stringify(id)} is not a UUID`);
  return id.toLowerCase();
}

const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

function loneSurrogate(text: string): { index: number; code: number } {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return { index: i, code: c };
    } else if (c >= 0xdc00 && c <= 0xdfff) return { index: i, code: c };
  }
  return { index: -1, code: 0 };
}

function findIllFormed(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    if (isWellFormed(value)) return undefined;
    const { index, code } = loneSurrogate(value);
    return `${path}: ill-formed Unicode (lone surrogate U+${code.toString(16).toUpperCase()} at index ${index})`;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findIllFormed(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (!isWellFormed(key)) return `${path}: ill-formed Unicode in a key`;
    const found = findIllFormed(item, at);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses text that is not well-formed Unicode (a lone UTF-16 surrogate) in an event's data or
 * metadata. Stored as JSON text, `\ud800` survives in the log but every consumer that converts it
 * (UTF-8 encoders replace it with U+FFFD, jsonb rejects it) either alters the record silently or
 * fails on it, so it would poison projections. The store never alters what it records: it refuses.
 */
export function checkWellFormed(type: string, data: unknown, metadata: unknown): void {
  const found = findIllFormed(data, 'data') ?? findIllFormed(metadata, 'metadata');
  if (found) throw new EventValidationError(type, found);
}
