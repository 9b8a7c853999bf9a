import { createHash } from 'node:crypto';

/**
 * A deterministic event id: the same (seed, stream, version) always yields the same UUID, so an
 * activity retried after its append committed re-sends identical ids and the store writes nothing twice.
 */
export function deterministicEventId(seed: string, stream: string, version: number): string {
  const hex = createHash('sha256').update(`${seed}\u0000${stream}\u0000${version}`).digest('hex');
  // Shape it as an RFC 9562 UUID (version 8: custom, variant 10).
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16) + hex.slice(18, 20),
    hex.slice(20, 32),
  ].join('-');
}
