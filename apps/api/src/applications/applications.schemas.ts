import countries from 'i18n-iso-countries';
import { z } from 'zod';
import {
  CheckRecognition,
  CountryCode,
  DecideCertification,
  DenyCertification,
  EnrolInTraining,
  LevelCode,
  ProvideInformation,
  RecognisePriorLearning,
  RecordTrainingHours,
  RegisterApplicationInput,
  RejectEligibility,
  ApproveEligibility,
  RequestInformation,
  SignOffTraining,
  StandardCode,
  Text,
} from '@corridor/domain';

/** An assigned ISO 3166-1 code, not merely two capitals: certificates print the country's name. */
const isIsoCountry = (code: string): boolean => countries.isValid(code);
/** A BCP 47 tag the runtime can canonicalise: the certificate's PDF and credential need one. */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/**
 * The registration body: the domain's input (strict, checked text) plus what only the edge can check
 * against ISO lists the workflow sandbox does not carry. Caught here, they never reach a workflow or
 * fail later at issuance.
 */
export const RegisterApplicationBody = RegisterApplicationInput.superRefine((body, ctx) => {
  if (!isIsoCountry(body.candidate.nationality))
    ctx.addIssue({ code: 'custom', path: ['candidate', 'nationality'], message: `${body.candidate.nationality} is not an ISO 3166-1 country` });
  if (!isLanguageTag(body.candidate.language))
    ctx.addIssue({ code: 'custom', path: ['candidate', 'language'], message: `${body.candidate.language} is not a BCP 47 language tag` });
});
export type RegisterApplicationBody = z.infer<typeof RegisterApplicationBody>;

export const ApplicationIdParam = z.uuid({ message: 'the application id must be a UUID' });

/** A command's body as a client sends it: who acts comes from the token, when from the workflow. */
const clientSide = { type: true, actor: true, at: true } as const;

export const ApproveEligibilityBody = ApproveEligibility.omit(clientSide).strict();
export const RejectEligibilityBody = RejectEligibility.omit(clientSide).strict();
export const RequestInformationBody = RequestInformation.omit(clientSide).strict();
export const ProvideInformationBody = ProvideInformation.omit(clientSide).strict();
export const EnrolInTrainingBody = EnrolInTraining.omit(clientSide).strict();
export const RecordTrainingHoursBody = RecordTrainingHours.omit(clientSide).strict();
export const SignOffTrainingBody = SignOffTraining.omit(clientSide).strict();
export const RecognisePriorLearningBody = RecognisePriorLearning.omit(clientSide).strict();
export const CheckRecognitionBody = CheckRecognition.omit(clientSide).strict();
export const DecisionBody = z.discriminatedUnion('decision', [
  DecideCertification.pick({ decision: true }).strict(),
  DenyCertification.pick({ reason: true }).extend({ decision: z.literal('deny') }).strict(),
]);

export const ApplicationStatus = z.enum([
  'registered',
  'awaiting-information',
  'eligible',
  'in-training',
  'trained',
  'assessment-booked',
  'assessment-failed',
  'assessed',
  'certified',
  'rejected',
  'withdrawn',
  'refused',
  'denied',
]);

export const WorklistQuery = z
  .object({
    status: ApplicationStatus.optional(),
    station: Text.min(1).max(100).optional(),
    standard: StandardCode.optional(),
    country: CountryCode.optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page's `nextCursor`. */
    cursor: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
  })
  .strict();
export type WorklistQuery = z.infer<typeof WorklistQuery>;

export const ApplicationView = z.object({
  applicationId: z.uuid(),
  candidateId: z.string(),
  candidateName: z.string(),
  nationality: z.string(),
  language: z.string(),
  standardCode: z.string(),
  level: LevelCode,
  stationId: z.string().nullable(),
  schemeVersion: z.number(),
  status: z.string(),
  reviewDueBy: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  validUntil: z.string().nullable(),
  registeredAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;
