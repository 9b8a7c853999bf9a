import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../principal';
import type { StationApiKey } from './api-key-config';

/** Longest key accepted (longer headers are refused without hashing them). */
const MAX_KEY_LENGTH = 512;

/**
 * Authenticates station systems by `X-Api-Key`. The presented key is hashed and compared with every
 * configured hash in constant time (no early exit), so timing reveals neither a key nor which id matched.
 */
export class ApiKeyVerifier {
  private readonly keys: { entry: StationApiKey; hash: Buffer }[];

  constructor(keys: StationApiKey[]) {
    this.keys = keys.map((entry) => ({ entry, hash: Buffer.from(entry.sha256, 'hex') }));
  }

  get configured(): number {
    return this.keys.length;
  }

  /** The station principal for a valid key, undefined otherwise. */
  verify(presented: string): Principal | undefined {
    if (presented.length === 0 || presented.length > MAX_KEY_LENGTH) return undefined;
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: StationApiKey | undefined;
    for (const { entry, hash } of this.keys) if (timingSafeEqual(digest, hash) && !found) found = entry;
    return found ? { sub: `apikey:${found.id}`, role: 'station', stationId: found.stationId, name: `API key ${found.id}` } : undefined;
  }
}

/** Hex SHA-256 of a key, as STATION_API_KEYS expects it (`corridor`-side tooling and tests). */
export const apiKeyHash = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
