import { trimSlash, type IssuerConfig } from '../issuer-config';
import type { BitstringStatusListEntry, StatusPurpose } from '../issuance/open-badge-types';
import type { StatusSlot } from './status-index-allocation';

/*
 * Why suspension does not sit next to revocation in a `credentialStatus` array:
 * VC 2.0 allows `credentialStatus` to be an array, but Open Badges 3.0 gives it multiplicity 0..1 and
 * the official OB 3.0 JSON schema types it as a single object, so an array makes every credential fail
 * OB conformance (and our own schema check). Until OB allows several entries (1EdTech issue
 * openbadges-specification#623, targeted at 3.1), the revocation entry, the final and most important
 * status, is the standard `credentialStatus` that any OB verifier checks, and the suspension entry is a
 * second BitstringStatusListEntry under `suspensionStatus` (an issuer-defined term, which the VC 2.0
 * context's @vocab admits). Readers below also accept the array form, so moving to it later only means
 * changing `placeStatusEntries`.
 */

export function statusListUrl(config: IssuerConfig, purpose: StatusPurpose, listId: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(listId)) throw new Error(`status list id "${listId}" must be 1-64 URL-safe characters`);
  return `${trimSlash(config.statusListBaseUrl)}/${purpose}/${listId}`;
}

export function statusEntry(config: IssuerConfig, purpose: StatusPurpose, slot: StatusSlot): BitstringStatusListEntry {
  if (!Number.isSafeInteger(slot.index) || slot.index < 0) throw new Error(`status index ${slot.index} must be a non-negative integer`);
  const listUrl = statusListUrl(config, purpose, slot.listId);
  return {
    // The entry id must differ from the list URL (spec); a fragment keeps it resolvable to the list.
    id: `${listUrl}#${slot.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(slot.index),
    statusListCredential: listUrl,
  };
}

export function placeStatusEntries(
  config: IssuerConfig,
  slot: StatusSlot,
): { credentialStatus: BitstringStatusListEntry; suspensionStatus: BitstringStatusListEntry } {
  return { credentialStatus: statusEntry(config, 'revocation', slot), suspensionStatus: statusEntry(config, 'suspension', slot) };
}

/** Every BitstringStatusListEntry a credential carries, whichever layout it uses. Malformed entries are returned as errors. */
export function readStatusEntries(credential: Record<string, unknown>): { entries: BitstringStatusListEntry[]; errors: string[] } {
  const candidates: unknown[] = [];
  for (const key of ['credentialStatus', 'suspensionStatus']) {
    const value = credential[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) candidates.push(...(value as unknown[]));
    else candidates.push(value);
  }
  const entries: BitstringStatusListEntry[] = [];
  const errors: string[] = [];
  for (const candidate of candidates) {
    const entry = candidate as Partial<BitstringStatusListEntry> | null;
    if (entry?.type !== 'BitstringStatusListEntry') continue;
    if (
      (entry.statusPurpose === 'revocation' || entry.statusPurpose === 'suspension') &&
      typeof entry.statusListCredential === 'string' &&
      typeof entry.statusListIndex === 'string' &&
      /^(0|[1-9]\d*)$/.test(entry.statusListIndex) &&
      typeof entry.id === 'string'
    ) {
      entries.push(entry as BitstringStatusListEntry);
    } else {
      errors.push(`malformed BitstringStatusListEntry ${JSON.stringify(candidate)}`);
    }
  }
  return { entries, errors };
}
