import { z } from 'zod';
import { CredentialIssued } from './certificate.events';
import { Actor } from '../shared/actor';
import { CandidateId, StandardCode, Uuid } from '../shared/ids';
import { LevelCode } from '../shared/levels';
import { MultilineText } from '../shared/text';

const Meta = { actor: Actor, at: z.iso.datetime() };

/** Starts the certificate's own stream from the application's CertificateIssued. */
export const ActivateCertificate = z.object({
  type: z.literal('ActivateCertificate'),
  certificateNumber: z.string().regex(/^CN-\d{4}-[0-9A-F]{12}$/),
  applicationId: Uuid,
  candidateId: CandidateId,
  standardCode: StandardCode,
  level: LevelCode,
  schemeVersion: z.number().int().positive(),
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime(),
  ...Meta,
});

/** Issued by the workflow's timer ahead of expiry. */
export const SendRenewalReminder = z.object({ type: z.literal('SendRenewalReminder'), ...Meta });

/** Issued by the workflow's timer at the end of validity. */
export const ExpireCertificate = z.object({ type: z.literal('ExpireCertificate'), ...Meta });

export const RenewCertificate = z.object({
  type: z.literal('RenewCertificate'),
  /** Documented practice in the occupation since issue or the last renewal. */
  continuingPracticeHours: z.number().nonnegative().max(50_000),
  ...Meta,
});

export const SuspendCertificate = z.object({
  type: z.literal('SuspendCertificate'),
  reason: MultilineText.trim().min(1).max(2000),
  ...Meta,
});

export const ReinstateCertificate = z.object({
  type: z.literal('ReinstateCertificate'),
  note: MultilineText.max(2000).optional(),
  ...Meta,
});

export const RevokeCertificate = z.object({
  type: z.literal('RevokeCertificate'),
  reason: MultilineText.trim().min(1).max(2000),
  ...Meta,
});

/** Records the credential the issuance activity signed for the current validity (the workflow's own command). */
export const RecordCredential = z.object({
  type: z.literal('RecordCredential'),
  credential: CredentialIssued.omit({ by: true, at: true }),
  ...Meta,
});

export const CertificateCommand = z.discriminatedUnion('type', [
  ActivateCertificate,
  SendRenewalReminder,
  ExpireCertificate,
  RenewCertificate,
  SuspendCertificate,
  ReinstateCertificate,
  RevokeCertificate,
  RecordCredential,
]);
export type CertificateCommand = z.infer<typeof CertificateCommand>;
export type CertificateCommandOf<T extends CertificateCommand['type']> = Extract<
  CertificateCommand,
  { type: T }
>;
