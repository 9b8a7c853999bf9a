import { z } from 'zod';
import { RecognitionEvidence } from '../recognition/recognition-check';
import { CandidateEvidence } from '../scheme/eligibility';
import { AttemptScores } from '../scheme/scoring';
import { Actor } from '../shared/actor';
import { CandidateId, CountryCode, StandardCode, Uuid } from '../shared/ids';
import { LevelCode } from '../shared/levels';
import { MultilineText, Text } from '../shared/text';

/** Every command says who acts and when; `at` comes from the workflow, the domain never reads a clock. */
const Meta = { actor: Actor, at: z.iso.datetime() };

/** What a client sends to register a candidate (validated at the HTTP edge). */
export const RegisterApplicationInput = z.strictObject({
  candidate: z.strictObject({
    id: CandidateId,
    fullName: Text.trim().min(1, 'the full name is required').max(200),
    nationality: CountryCode,
    language: Text.min(2).max(35).default('en'),
  }),
  standardCode: StandardCode,
  level: LevelCode,
  stationId: Text.min(1).optional(),
  evidence: CandidateEvidence.optional(),
  targetCountries: z.array(CountryCode).max(47).optional(),
});
export type RegisterApplicationInput = z.infer<typeof RegisterApplicationInput>;

export const RegisterApplication = RegisterApplicationInput.extend({
  type: z.literal('RegisterApplication'),
  applicationId: Uuid,
  schemeVersion: z.number().int().positive(),
  ...Meta,
});

// ── Eligibility review ──

export const ApproveEligibility = z.object({
  type: z.literal('ApproveEligibility'),
  note: MultilineText.max(2000).optional(),
  ...Meta,
});

export const RejectEligibility = z.object({
  type: z.literal('RejectEligibility'),
  reason: MultilineText.trim().min(1).max(2000),
  ...Meta,
});

export const RequestInformation = z.object({
  type: z.literal('RequestInformation'),
  items: z.array(Text.trim().min(1).max(500)).min(1),
  ...Meta,
});

export const ProvideInformation = z.object({
  type: z.literal('ProvideInformation'),
  evidence: CandidateEvidence,
  note: MultilineText.max(2000).optional(),
  ...Meta,
});

/** Issued by the workflow when the information-request timer fires. */
export const WithdrawForSilence = z.object({ type: z.literal('WithdrawForSilence'), ...Meta });

/** Issued by the workflow when the review SLA timer fires. */
export const EscalateReview = z.object({ type: z.literal('EscalateReview'), ...Meta });

// ── Training ──

export const EnrolInTraining = z.object({
  type: z.literal('EnrolInTraining'),
  providerId: Text.min(1),
  ...Meta,
});

export const RecordTrainingHours = z.object({
  type: z.literal('RecordTrainingHours'),
  hours: z.number().positive().max(200),
  instructorId: Text.min(1).max(120),
  ...Meta,
});

export const SignOffTraining = z.object({
  type: z.literal('SignOffTraining'),
  instructorId: Text.min(1).max(120),
  ...Meta,
});

export const RecognisePriorLearning = z.object({
  type: z.literal('RecognisePriorLearning'),
  /** Either a number of hours exempted, or the whole training. */
  exemption: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('partial'), hours: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('full') }),
  ]),
  basis: MultilineText.trim().min(1).max(2000),
  ...Meta,
});

// ── Assessment ──

/** An assessor as the session assigned them from the expert database, with the ties the conflict rule looks at. */
export const SessionAssessor = z.object({
  assessorId: Text.min(1),
  employer: Text,
  trainingProviderId: Text.optional(),
});

export const BookAssessment = z.object({
  type: z.literal('BookAssessment'),
  session: z.strictObject({
    sessionId: Uuid,
    stationId: Text.min(1),
    standardCode: StandardCode,
    level: LevelCode,
    scheduledFor: z.iso.datetime(),
  }),
  /** The session's assessors at booking time (sent by the session workflow; absent in old histories). */
  assessors: z.array(SessionAssessor).optional(),
  ...Meta,
});

export const CancelAssessmentBooking = z.object({
  type: z.literal('CancelAssessmentBooking'),
  reason: MultilineText.trim().min(1).max(2000),
  ...Meta,
});

export const RecordAssessmentResult = z.object({
  type: z.literal('RecordAssessmentResult'),
  sessionId: Uuid,
  scores: AttemptScores,
  /** The assessors who marked the attempt (from the session); they may not decide certification. */
  assessorIds: z.array(Text.min(1)).min(1),
  /** Every assessor assigned to the session (sent by the session workflow; absent in old histories). */
  assessors: z.array(SessionAssessor).optional(),
  ...Meta,
});

// ── Mutual recognition ──

export const CheckRecognition = z.object({
  type: z.literal('CheckRecognition'),
  /** Countries to check; absent means the target countries declared at registration. */
  targetCountries: z.array(CountryCode).min(1).optional(),
  evidence: RecognitionEvidence.optional(),
  ...Meta,
});

// ── Decision ──

export const DecideCertification = z.object({
  type: z.literal('DecideCertification'),
  decision: z.literal('grant'),
  /** Validity of the certificate in years; must match the pinned scheme. */
  validityYears: z.number().int().positive(),
  ...Meta,
});

export const DenyCertification = z.object({
  type: z.literal('DenyCertification'),
  reason: MultilineText.trim().min(1).max(2000),
  ...Meta,
});

export const ApplicationCommand = z.discriminatedUnion('type', [
  RegisterApplication,
  ApproveEligibility,
  RejectEligibility,
  RequestInformation,
  ProvideInformation,
  WithdrawForSilence,
  EscalateReview,
  EnrolInTraining,
  RecordTrainingHours,
  SignOffTraining,
  RecognisePriorLearning,
  BookAssessment,
  CancelAssessmentBooking,
  RecordAssessmentResult,
  CheckRecognition,
  DecideCertification,
  DenyCertification,
]);
export type ApplicationCommand = z.infer<typeof ApplicationCommand>;
/** A command of one type, e.g. `ApplicationCommandOf<'BookAssessment'>`. */
export type ApplicationCommandOf<T extends ApplicationCommand['type']> = Extract<
  ApplicationCommand,
  { type: T }
>;
