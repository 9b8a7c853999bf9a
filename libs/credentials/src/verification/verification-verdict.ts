import type { OpenBadgeCredential } from '../issuance/open-badge-types';

/**
 * Overall outcome, most serious first. `status-unknown` extends the basic set: a status list was supplied
 * but could not be trusted (bad signature, wrong list, expired), so neither "valid" nor "revoked" is honest.
 */
export type VerificationStatus =
  | 'valid'
  | 'revoked'
  | 'suspended'
  | 'expired'
  | 'not-yet-valid'
  | 'invalid-signature'
  | 'invalid-schema'
  | 'status-unknown'
  /** The credential's issuer is not on the verifier's trust list: its keys are not taken from the credential. */
  | 'issuer-not-trusted';

export interface VerificationChecks {
  /** `not-checked` only when the issuer is not trusted (there are no keys to check against). */
  signature: 'passed' | 'failed' | 'not-checked';
  schema: 'passed' | 'failed' | 'not-checked';
  validityPeriod: 'passed' | 'expired' | 'not-yet-valid' | 'not-checked';
  /** `not-checked`: no list supplied; `unknown`: a list was supplied but unusable. */
  revocation: 'passed' | 'revoked' | 'not-checked' | 'unknown';
  suspension: 'passed' | 'suspended' | 'not-checked' | 'unknown';
}

export interface VerificationVerdict {
  valid: boolean;
  status: VerificationStatus;
  checks: VerificationChecks;
  /** When status lists were consulted: the oldest snapshot used, so a cached answer says how old it is. */
  statusAsOf?: string;
  errors: string[];
  /** The kid named in the JWS header, when it could be read (verified only if the signature passed). */
  kid?: string;
  /** The credential, present once the signature is verified (never for unverified payloads). */
  credential?: OpenBadgeCredential;
}

const PRECEDENCE: readonly VerificationStatus[] = [
  'issuer-not-trusted',
  'invalid-signature',
  'invalid-schema',
  'revoked',
  'suspended',
  'expired',
  'not-yet-valid',
  'status-unknown',
];

export function overallStatus(checks: VerificationChecks): VerificationStatus {
  const failing = new Set<VerificationStatus>();
  if (checks.signature === 'failed') failing.add('invalid-signature');
  if (checks.schema === 'failed') failing.add('invalid-schema');
  if (checks.revocation === 'revoked') failing.add('revoked');
  if (checks.suspension === 'suspended') failing.add('suspended');
  if (checks.validityPeriod === 'expired') failing.add('expired');
  if (checks.validityPeriod === 'not-yet-valid') failing.add('not-yet-valid');
  if (checks.revocation === 'unknown' || checks.suspension === 'unknown') failing.add('status-unknown');
  return PRECEDENCE.find((s) => failing.has(s)) ?? 'valid';
}
