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
