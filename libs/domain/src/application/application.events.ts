import { z } from 'zod';
import { RecognitionCondition } from '../recognition/recognition-agreement';
import { NotRecognisedReason, RecognitionOutcome } from '../recognition/recognition-check';
import { ProviderKind } from '../scheme/certification-scheme';
import { RecordedEvidence } from '../scheme/eligibility';
import { Actor } from '../shared/actor';
import { CandidateId, CountryCode, StandardCode, Uuid } from '../shared/ids';
import { LevelCode } from '../shared/levels';

const At = z.iso.datetime();

// ── Registration and eligibility review ────────────────────────────────────────────────────────

export const ApplicationRegistered = z.object({
  applicationId: Uuid,
  candidate: z.object({
    id: CandidateId,
    fullName: z.string().min(1).max(200),
    nationality: CountryCode,
    /** Preferred language for documents (BCP 47), e.g. "kk" or "ru". */
    language: z.string().min(2).max(35),
  }),
  standardCode: StandardCode,
  level: LevelCode,
  stationId: z.string().min(1).optional(),
  schemeVersion: z.number().int().positive(),
  registeredBy: Actor,
  at: At,
  /** What the candidate declared at registration (added after the thin slice; absent in early events). */
  evidence: RecordedEvidence.optional(),
  /** Countries where the candidate wants the certificate recognised. */
  targetCountries: z.array(CountryCode).optional(),
  /** When the eligibility review escalates if still open (scheme SLA under the configuration in force). */
  reviewDueBy: At.optional(),
});

export const EligibilityApproved = z.object({
  applicationId: Uuid,
  by: Actor,
  note: z.string().max(2000).optional(),
  at: At,
  /** True when declared evidence was checked against the scheme; false when the officer judged paper files alone. */
  evidenceChecked: z.boolean().optional(),
});

const Shortfall = z.object({
  criterion: z.enum(['minimum-age', 'pathway', 'required-document']),
  detail: z.string(),
});

export const EligibilityRejected = z.object({
  applicationId: Uuid,
  by: Actor,
  reason: z.string().min(1).max(2000),
  /** The scheme criteria the declared evidence missed, when evidence was declared. */
  unmet: z.array(Shortfall),
  at: At,
});

export const InformationRequested = z.object({
  applicationId: Uuid,
  by: Actor,
  items: z.array(z.string().min(1).max(500)).min(1),
  /** Silence past this instant withdraws the application. */
  respondBy: At,
  at: At,
});

export const InformationProvided = z.object({
  applicationId: Uuid,
  by: Actor,
  evidence: RecordedEvidence,
  note: z.string().max(2000).optional(),
  at: At,
});

export const ApplicationWithdrawn = z.object({
  applicationId: Uuid,
  by: Actor,
  reason: z.literal('no-response-to-information-request'),
  respondBy: At,
  at: At,
});

export const ReviewEscalated = z.object({
  applicationId: Uuid,
  by: Actor,
  dueBy: At,
  at: At,
});

// ── Training ────────────────────────────────────────────────────────────────────────────────────

export const TrainingEnrolled = z.object({
  applicationId: Uuid,
  by: Actor,
  provider: z.object({ id: z.string().min(1), kind: ProviderKind }),
  at: At,
});

export const TrainingHoursRecorded = z.object({
  applicationId: Uuid,
  by: Actor,
  hours: z.number().positive(),
  instructorId: z.string().min(1),
  /** Hours attended so far, this record included. */
  totalHours: z.number().positive(),
  at: At,
});

export const PriorLearningRecognised = z.object({
  applicationId: Uuid,
  by: Actor,
  exemptHours: z.number().int().nonnegative(),
  fullExemption: z.boolean(),
  basis: z.string().min(1).max(2000),
  at: At,
});

export const TrainingCompleted = z.object({
  applicationId: Uuid,
  by: Actor,
  instructorId: z.string().min(1),
  hoursCompleted: z.number().nonnegative(),
  hoursExempted: z.number().nonnegative(),
  requiredHours: z.number().int().nonnegative(),
  at: At,
});

// ── Assessment ──────────────────────────────────────────────────────────────────────────────────

export const AssessmentBooked = z.object({
  applicationId: Uuid,
  by: Actor,
  attempt: z.number().int().positive(),
  sessionId: Uuid,
  stationId: z.string().min(1),
  scheduledFor: At,
  at: At,
});

export const AssessmentBookingCancelled = z.object({
  applicationId: Uuid,
  by: Actor,
  sessionId: Uuid,
  reason: z.string().min(1).max(2000),
  at: At,
});

const Score = z.number().min(0).max(100);

export const AssessmentResultRecorded = z.object({
  applicationId: Uuid,
  by: Actor,
  attempt: z.number().int().positive(),
  sessionId: Uuid,
  scores: z.object({ theory: Score, practical: Score }),
  components: z.array(
    z.object({
      component: z.enum(['theory', 'practical']),
      score: Score,
      weight: z.number(),
      passMark: Score,
      passed: z.boolean(),
    }),
  ),
  weightedScore: Score,
  overallPassMark: Score,
  passed: z.boolean(),
  assessorIds: z.array(z.string().min(1)).min(1),
  /** After a failed attempt: no new booking before this instant (cool-down in force at the time). */
  retryNotBefore: At.optional(),
  at: At,
});

export const ApplicationRefused = z.object({
  applicationId: Uuid,
  reason: z.literal('attempts-exhausted'),
  attempts: z.number().int().positive(),
  at: At,
});

// ── Mutual recognition ──────────────────────────────────────────────────────────────────────────

export const RecognitionChecked = z.object({
  applicationId: Uuid,
  by: Actor,
  countryCode: CountryCode,
  outcome: RecognitionOutcome,
  reason: NotRecognisedReason.optional(),
  agreement: z
    .object({
      id: z.string().min(1),
      version: z.number().int().positive(),
      partnerStandard: z.object({ code: z.string(), name: z.string() }),
      partnerLevel: z.string().optional(),
      eqfLevel: z.number().int().optional(),
      mappingSource: z.string().optional(),
      unitOverlapPercent: z.number(),
    })
    .optional(),
  conditionsMet: z.array(RecognitionCondition),
  conditionsUnmet: z.array(RecognitionCondition),
  at: At,
});

// ── Decision and issuance ───────────────────────────────────────────────────────────────────────

export const CertificationGranted = z.object({
  applicationId: Uuid,
  by: Actor,
  at: At,
  /** Recognition per target country as checked before the decision (absent in early events). */
  recognition: z
    .array(
      z.object({
        countryCode: CountryCode,
        outcome: RecognitionOutcome,
        agreementId: z.string().optional(),
        agreementVersion: z.number().int().optional(),
      }),
    )
    .optional(),
});

export const CertificationDenied = z.object({
  applicationId: Uuid,
  by: Actor,
  reason: z.string().min(1).max(2000),
  at: At,
});

export const CertificateIssued = z.object({
  applicationId: Uuid,
  certificateNumber: z.string().regex(/^CN-\d{4}-[0-9A-F]{12}$/),
  validFrom: At,
  validUntil: At,
  at: At,
  // Added after the thin slice so the certificate stream and credentials need not replay the application.
  candidateId: CandidateId.optional(),
  standardCode: StandardCode.optional(),
  level: LevelCode.optional(),
  schemeVersion: z.number().int().positive().optional(),
});

export const applicationEventSchemas = {
  ApplicationRegistered,
  EligibilityApproved,
  EligibilityRejected,
  InformationRequested,
  InformationProvided,
  ApplicationWithdrawn,
  ReviewEscalated,
  TrainingEnrolled,
  TrainingHoursRecorded,
  PriorLearningRecognised,
  TrainingCompleted,
  AssessmentBooked,
  AssessmentBookingCancelled,
  AssessmentResultRecorded,
  ApplicationRefused,
  RecognitionChecked,
  CertificationGranted,
  CertificationDenied,
  CertificateIssued,
} as const;

type Schemas = typeof applicationEventSchemas;
export type ApplicationEvent = {
  [K in keyof Schemas]: { type: K; data: z.infer<Schemas[K]> };
}[keyof Schemas];
export type ApplicationEventType = ApplicationEvent['type'];
