import type { EventFilter } from './event-store.port';

/** True when the event passes the filter (no filter, or empty lists, pass everything). */
export function matchesFilter(filter: EventFilter | undefined, stream: string, type: string): boolean {
  if (!filter) return true;
  if (filter.types?.length && !filter.types.includes(type)) return false;
  if (filter.streamPrefixes?.length && !filter.streamPrefixes.some((p) => stream.startsWith(p))) return false;
  return true;
}
