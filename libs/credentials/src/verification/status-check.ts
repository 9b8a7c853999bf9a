import { verifyVcJwt, type VerificationKeys } from '../jws/vc-jwt';
import type { BitstringStatusListEntry, StatusPurpose } from '../issuance/open-badge-types';
import { BitstringStatusList } from '../status/bitstring-status-list';

/**
 * A status list as the verifier got it: the signed list credential (as served by the issuer), or a
 * list the caller already decoded and verified. `fetchedAt` is when it was downloaded; for a cached
 * copy that is the moment the answer is true "as of".
 */
export type StatusListInput =
  | { jws: string; fetchedAt?: string }
  | { list: BitstringStatusList; fetchedAt: string };

export type StatusListInputs = Partial<Record<StatusPurpose, StatusListInput>>;

export type StatusBitOutcome =
  | { outcome: 'not-checked' }
  | { outcome: 'set' | 'clear'; asOf: string }
  | { outcome: 'unknown'; error: string };

interface CheckContext {
  keys: VerificationKeys;
  issuerId: string | undefined;
  now: Date;
}

export async function checkStatusBit(
  entry: BitstringStatusListEntry | undefined,
  input: StatusListInput | undefined,
  ctx: CheckContext,
): Promise<StatusBitOutcome> {
  if (!entry || !input) return { outcome: 'not-checked' };
  const loaded = 'jws' in input ? await loadSignedList(entry, input, ctx) : { list: input.list, asOf: input.fetchedAt };
  if ('error' in loaded) return { outcome: 'unknown', error: `${entry.statusPurpose} list: ${loaded.error}` };
  const index = Number(entry.statusListIndex);
  if (index >= loaded.list.length) {
    return { outcome: 'unknown', error: `${entry.statusPurpose} list has ${loaded.list.length} bits, index ${index} is outside it` };
  }
  return { outcome: loaded.list.get(index) ? 'set' : 'clear', asOf: loaded.asOf };
}

async function loadSignedList(
  entry: BitstringStatusListEntry,
  input: { jws: string; fetchedAt?: string },
  ctx: CheckContext,
): Promise<{ list: BitstringStatusList; asOf: string } | { error: string }> {
  let payload: unknown;
  try {
    ({ payload } = await verifyVcJwt(input.jws, ctx.keys));
  } catch (error) {
    return { error: (error as Error).message };
  }
  const doc = payload as {
    id?: unknown;
    type?: unknown;
    issuer?: unknown;
    validFrom?: unknown;
    validUntil?: unknown;
    credentialSubject?: { type?: unknown; statusPurpose?: unknown; encodedList?: unknown };
  } | null;
  if (!doc || !Array.isArray(doc.type) || !doc.type.includes('BitstringStatusListCredential')) {
    return { error: 'not a BitstringStatusListCredential' };
  }
  // A genuine list for a different slot range or purpose must not answer for this credential.
  if (doc.id !== entry.statusListCredential) return { error: `list id ${String(doc.id)} is not ${entry.statusListCredential}` };
  const listIssuer = typeof doc.issuer === 'object' && doc.issuer !== null ? (doc.issuer as { id?: unknown }).id : doc.issuer;
  if (ctx.issuerId !== undefined && listIssuer !== ctx.issuerId) return { error: `list issued by ${String(listIssuer)}, not ${ctx.issuerId}` };
  const subject = doc.credentialSubject;
  const purposes: unknown[] = Array.isArray(subject?.statusPurpose) ? (subject.statusPurpose as unknown[]) : [subject?.statusPurpose];
  if (subject?.type !== 'BitstringStatusList' || !purposes.includes(entry.statusPurpose)) {
    return { error: `list does not serve the ${entry.statusPurpose} purpose` };
  }
  if (typeof doc.validFrom !== 'string' || Number.isNaN(Date.parse(doc.validFrom))) return { error: 'list has no validFrom' };
  if (Date.parse(doc.validFrom) > ctx.now.getTime()) return { error: `list is not valid before ${doc.validFrom}` };
  if (typeof doc.validUntil === 'string' && Date.parse(doc.validUntil) <= ctx.now.getTime()) {
    return { error: `list expired at ${doc.validUntil}; fetch a fresh one` };
  }
  if (typeof subject.encodedList !== 'string') return { error: 'list has no encodedList' };
  try {
    // Without a fetch time the list's own issue time is the most recent moment it is known to be true.
    return { list: BitstringStatusList.decode(subject.encodedList), asOf: input.fetchedAt ?? doc.validFrom };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
