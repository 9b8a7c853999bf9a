import { z } from 'zod';
import { DurationSeconds } from '../shared/duration';
import { StandardCode } from '../shared/ids';
import { LevelCode } from '../shared/levels';

/** Where training can take place: the centre's bases in Chongqing, master workshops and service stations abroad. */
export const ProviderKind = z.enum(['training-base', 'master-workshop', 'service-station']);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const DocumentKind = z.enum([
  'identity-document',
  'photo',
  'education-certificate',
  'employment-record',
  'prior-certificate',
  'training-record',
  'medical-certificate',
  'driving-licence',
  'language-certificate',
]);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const Percent = z.number().min(0).max(100);

/**
 * One way into the level: China's level rules accept either the lower certificate plus some years in
 * the occupation, or a longer time in the occupation alone. A candidate needs one pathway.
 */
export const EligibilityPathway = z.object({
  priorCertificate: z
    .object({
      minimumLevel: LevelCode,
      /** Certificates of these standards count; absent means the scheme's own standard. */
      standardCodes: z.array(StandardCode).min(1).optional(),
    })
    .optional(),
  yearsOfExperience: z.number().min(0).max(40),
});
export type EligibilityPathway = z.infer<typeof EligibilityPathway>;

export const AssessmentComponent = z.object({
  /** Share of the weighted score, in percent; theory and practical add up to 100. */
  weight: z.number().int().min(0).max(100),
  passMark: Percent,
});

const Eligibility = z.object({
  minimumAge: z.number().int().min(14).max(70),
  pathways: z.array(EligibilityPathway).min(1, 'at least one eligibility pathway'),
  requiredDocuments: z.array(DocumentKind),
});

const Training = z
  .object({
    requiredHours: z.number().int().min(0).max(5000),
    acceptedProviders: z.object({
      kinds: z.array(ProviderKind).min(1, 'at least one provider kind'),
      /** When present, only these providers (stations or bases) may train for this scheme. */
      providerIds: z.array(z.string().min(1)).min(1).optional(),
    }),
    priorLearning: z.object({
      recognised: z.boolean(),
      maxExemptHours: z.number().int().min(0),
      fullExemption: z.boolean(),
    }),
  })
  .superRefine((t, ctx) => {
    if (t.priorLearning.maxExemptHours > t.requiredHours)
      ctx.addIssue({
        code: 'custom',
        path: ['priorLearning', 'maxExemptHours'],
        message: `exempts more hours (${t.priorLearning.maxExemptHours}) than training requires (${t.requiredHours})`,
      });
    if (!t.priorLearning.recognised && (t.priorLearning.maxExemptHours > 0 || t.priorLearning.fullExemption))
      ctx.addIssue({
        code: 'custom',
        path: ['priorLearning'],
        message: 'exemptions given although prior learning is not recognised',
      });
  });

const Assessment = z
  .object({
    theory: AssessmentComponent,
    practical: AssessmentComponent,
    overallPassMark: Percent,
    maxAttempts: z.number().int().min(1).max(10),
    /** Minimum time between the result of one attempt and booking the next. */
    cooldown: DurationSeconds,
  })
  .superRefine((a, ctx) => {
    const total = a.theory.weight + a.practical.weight;
    if (total !== 100)
      ctx.addIssue({
        code: 'custom',
        path: ['practical', 'weight'],
        message: `theory and practical weights add up to ${total}, not 100`,
      });
  });

export const ConflictOfInterestRule = z.object({
  /** An assessor may not assess a candidate who works for the same employer. */
  sameEmployer: z.boolean(),
  /** An assessor may not assess a candidate trained by the provider the assessor teaches at. */
  sameTrainingProvider: z.boolean(),
});
export type ConflictOfInterestRule = z.infer<typeof ConflictOfInterestRule>;

const CertificateTerms = z.object({
  validityYears: z.number().int().min(1).max(10),
  renewal: z.object({
    /** Hours of documented practice in the occupation since the certificate was issued or last renewed. */
    continuingPracticeHours: z.number().int().min(0),
    /** How long before expiry the holder is reminded. */
    reminderLead: DurationSeconds,
    /** How long before expiry a renewal may be granted. */
    window: DurationSeconds,
    /** How long after expiry a renewal is still accepted. */
    grace: DurationSeconds,
  }),
});

const Deadlines = z.object({
  /** Time for the eligibility review before it escalates. */
  reviewSla: DurationSeconds,
  /** Time a candidate has to answer a request for information before the application is withdrawn. */
  informationRequest: DurationSeconds,
  /** How far ahead of the booking an assessment session may lie. */
  bookingWindow: DurationSeconds,
});

/**
 * A certification scheme: what it takes to be certified for one standard at one level. Versioned and
 * immutable once published — an application pins the version it started under (invariant 8).
 */
export const CertificationScheme = z.object({
  standardCode: StandardCode,
  version: z.number().int().positive(),
  level: LevelCode,
  publishedOn: z.iso.date(),
  occupation: z.object({
    iscoCode: z.string().regex(/^\d{4}$/, 'an ISCO-08 unit group code of 4 digits'),
    titleZh: z.string().min(1),
    titleEn: z.string().min(1),
  }),
  eligibility: Eligibility,
  training: Training,
  assessment: Assessment,
  conflictOfInterest: ConflictOfInterestRule,
  certificate: CertificateTerms,
  deadlines: Deadlines,
});
export type CertificationScheme = z.output<typeof CertificationScheme>;
export type CertificationSchemeInput = z.input<typeof CertificationScheme>;

/** A stable label for messages and logs, e.g. "BR-AUTO-EV senior v2". */
export const schemeLabel = (s: Pick<CertificationScheme, 'standardCode' | 'level' | 'version'>): string =>
  `${s.standardCode} ${s.level} v${s.version}`;
