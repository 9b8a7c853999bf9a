import { decodeProtectedHeader } from 'jose';
import { verifyVcJwt, VcJwtError, type VerificationKeys } from '../jws/vc-jwt';
import type { OpenBadgeCredential } from '../issuance/open-badge-types';
import { readStatusEntries } from '../status/credential-status-layout';
import { validateAgainstObSchema } from './ob-schema-validator';
import { checkStatusBit, type StatusBitOutcome, type StatusListInputs } from './status-check';
import { overallStatus, type VerificationChecks, type VerificationVerdict } from './verification-verdict';

export interface VerifyOptions {
  /** The issuer's published JWKS, or a key ring; the kid in the JWS header selects the key. */
  keys: VerificationKeys;
  statusLists?: StatusListInputs;
  now?: Date;
}

/** Verifies offline: signature, OB 3.0 schema, validity period and (when lists are given) status bits. */
export async function verifyCredential(jws: string, options: VerifyOptions): Promise<VerificationVerdict> {
  const now = options.now ?? new Date();
  const errors: string[] = [];
  const checks: VerificationChecks = {
    signature: 'failed',
    schema: 'not-checked',
    validityPeriod: 'not-checked',
    revocation: 'not-checked',
    suspension: 'not-checked',
  };
  const compact = jws.trim();
  const kid = readKid(compact);

  let payload: unknown;
  try {
    ({ payload } = await verifyVcJwt(compact, options.keys));
    checks.signature = 'passed';
  } catch (error) {
    errors.push(error instanceof VcJwtError ? `signature: ${error.message}` : `signature: ${String(error)}`);
    return { valid: false, status: 'invalid-signature', checks, errors, ...(kid ? { kid } : {}) };
  }

  const schema = validateAgainstObSchema(payload);
  checks.schema = schema.valid ? 'passed' : 'failed';
  errors.push(...schema.errors.map((e) => `schema: ${e}`));

  const credential = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  checks.validityPeriod = checkValidityPeriod(credential, now, errors);

  const { entries, errors: entryErrors } = readStatusEntries(credential);
  errors.push(...entryErrors.map((e) => `status: ${e}`));
  // A status entry we cannot read may be the one that says "revoked": fail closed rather than skip it.
  const statusUnreadable = entryErrors.length > 0;
  const issuer = credential.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown }).id : undefined;
  const statusCtx = { keys: options.keys, issuerId: typeof issuerId === 'string' ? issuerId : undefined, now };
  const asOf: string[] = [];
  for (const purpose of ['revocation', 'suspension'] as const) {
    const entry = entries.find((e) => e.statusPurpose === purpose);
    const outcome: StatusBitOutcome = statusUnreadable
      ? { outcome: 'unknown', error: `${purpose} status not checked: the credential's status entries are unreadable` }
      : await checkStatusBit(entry, options.statusLists?.[purpose], statusCtx);
    if (outcome.outcome === 'unknown') errors.push(`status: ${outcome.error}`);
    if (outcome.outcome === 'set' || outcome.outcome === 'clear') asOf.push(outcome.asOf);
    if (purpose === 'revocation') checks.revocation = checkOf(outcome, 'revoked');
    else checks.suspension = checkOf(outcome, 'suspended');
  }

  const status = overallStatus(checks);
  const statusAsOf = asOf.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return {
    valid: status === 'valid',
    status,
    checks,
    errors,
    ...(statusAsOf ? { statusAsOf } : {}),
    ...(kid ? { kid } : {}),
    credential: payload as OpenBadgeCredential,
  };
}

function checkOf<T extends string>(outcome: StatusBitOutcome, whenSet: T): T | 'passed' | 'not-checked' | 'unknown' {
  if (outcome.outcome === 'set') return whenSet;
  return outcome.outcome === 'clear' ? 'passed' : outcome.outcome;
}

function checkValidityPeriod(credential: Record<string, unknown>, now: Date, errors: string[]): VerificationChecks['validityPeriod'] {
  const from = typeof credential.validFrom === 'string' ? Date.parse(credential.validFrom) : Number.NaN;
  if (Number.isNaN(from)) {
    errors.push('validity: validFrom missing or not a date');
    return 'not-checked';
  }
  if (now.getTime() < from) {
    errors.push(`validity: not valid before ${String(credential.validFrom)}`);
    return 'not-yet-valid';
  }
  const validUntil = credential.validUntil;
  if (validUntil !== undefined) {
    const until = typeof validUntil === 'string' ? Date.parse(validUntil) : Number.NaN;
    if (typeof validUntil !== 'string' || Number.isNaN(until)) {
      errors.push('validity: validUntil is not a date');
      return 'not-checked';
    }
    if (now.getTime() >= until) {
      errors.push(`validity: expired at ${validUntil}`);
      return 'expired';
    }
  }
  return 'passed';
}

function readKid(jws: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(jws);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}
