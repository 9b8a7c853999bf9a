import { z } from 'zod';
import { Actor } from '../shared/actor';
import { CandidateId, StandardCode, Uuid } from '../shared/ids';
import { LevelCode } from '../shared/levels';

const At = z.iso.datetime();
const CertificateNumber = z.string().regex(/^CN-\d{4}-[0-9A-F]{12}$/);

/** Renewal terms fixed when the certificate stream starts: the pinned scheme under the durations then in force. */
export const CertificateTerms = z.object({
  validityYears: z.number().int().positive(),
  continuingPracticeHours: z.number().int().nonnegative(),
  reminderLeadSeconds: z.number().nonnegative(),
  renewalWindowSeconds: z.number().nonnegative(),
  renewalGraceSeconds: z.number().nonnegative(),
  /** Set only when configuration pins validity in seconds (demos, tests); otherwise validityYears applies. */
  validitySeconds: z.number().positive().optional(),
});
export type CertificateTerms = z.infer<typeof CertificateTerms>;

export const CertificateActivated = z.object({
  certificateNumber: CertificateNumber,
  applicationId: Uuid,
  candidateId: CandidateId,
  standardCode: StandardCode,
  level: LevelCode,
  schemeVersion: z.number().int().positive(),
  validFrom: At,
  validUntil: At,
  terms: CertificateTerms,
  by: Actor,
  at: At,
});

export const RenewalReminderSent = z.object({
  certificateNumber: CertificateNumber,
  validUntil: At,
  by: Actor,
  at: At,
});

export const CertificateExpired = z.object({
  certificateNumber: CertificateNumber,
  validUntil: At,
  by: Actor,
  at: At,
});

export const CertificateRenewed = z.object({
  certificateNumber: CertificateNumber,
  previousValidUntil: At,
  validUntil: At,
  continuingPracticeHours: z.number().nonnegative(),
  by: Actor,
  at: At,
});

export const CertificateSuspended = z.object({
  certificateNumber: CertificateNumber,
  reason: z.string().min(1).max(2000),
  by: Actor,
  at: At,
});

export const CertificateReinstated = z.object({
  certificateNumber: CertificateNumber,
  note: z.string().max(2000).optional(),
  by: Actor,
  at: At,
});

export const CertificateRevoked = z.object({
  certificateNumber: CertificateNumber,
  reason: z.string().min(1).max(2000),
  by: Actor,
  at: At,
});

/**
 * The signed credential as issued, on the record: the exact compact JWS holders receive, its SHA-256,
 * the signing key and the status slot. Served byte for byte; a rebuild or a reference-data change
 * cannot alter what a holder's certificate says. Issued again after each renewal (new validity).
 */
export const CredentialIssued = z.object({
  certificateNumber: CertificateNumber,
  credentialId: z.string().min(1),
  format: z.literal('vc+jwt'),
  kid: z.string().min(1),
  /** Hex SHA-256 of the JWS's ASCII bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  jws: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/),
  statusSlot: z.object({ listId: z.string().min(1), index: z.number().int().nonnegative() }),
  validFrom: At,
  validUntil: At,
  by: Actor,
  at: At,
});

export const certificateEventSchemas = {
  CertificateActivated,
  RenewalReminderSent,
  CertificateExpired,
  CertificateRenewed,
  CertificateSuspended,
  CertificateReinstated,
  CertificateRevoked,
  CredentialIssued,
} as const;

type Schemas = typeof certificateEventSchemas;
export type CertificateEvent = {
  [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> };
}[keyof Schemas];
export type CertificateEventType = CertificateEvent['type'];
