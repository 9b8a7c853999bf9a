import { CandidateId, LevelCode, StandardCode, levelOf } from '@corridor/domain';
import countries from 'i18n-iso-countries';
import { z } from 'zod';

/** Date-times in credentials must carry a zone (OB 3.0 `DateTimeZ`), so local times are refused here. */
const IsoDateTime = z.iso.datetime({ offset: true });

const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code in capitals')
  .refine((code) => countries.isValid(code), 'unknown ISO 3166-1 alpha-2 country code');

/**
 * BCP 47 tag, checked with the runtime's own parser so `kk`, `zh-Hans-CN`, `sr-Latn` pass and typos do not.
 * The tag is kept as given; the PDF picks its labels by primary subtag.
 */
const LanguageTag = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, 'BCP 47 language tag');

/** Labels travel with the facts (they are printed), but the rank must be the one the domain assigns to the code. */
export const CertificateLevel = z
  .object({
    code: LevelCode,
    rank: z.number().int().min(1).max(5),
    zh: z.string().min(1),
    en: z.string().min(1),
  })
  .refine((level) => levelOf(level.code).rank === level.rank, { message: 'rank does not match the level code', path: ['rank'] });

export const AssessmentComponent = z.enum(['theory', 'practical']);
export type AssessmentComponent = z.infer<typeof AssessmentComponent>;

/** Scores and pass marks are percentages; weights are fractions of the final mark. */
export const ComponentResult = z
  .object({
    component: AssessmentComponent,
    score: z.number().min(0).max(100),
    passMark: z.number().min(0).max(100),
    weight: z.number().gt(0).max(1),
  })
  .refine((r) => r.score >= r.passMark, { message: 'a certificate is only issued for passed components', path: ['score'] });
export type ComponentResult = z.infer<typeof ComponentResult>;

export const RecognitionStatus = z.enum(['recognised', 'conditional', 'not-recognised']);
export type RecognitionStatus = z.infer<typeof RecognitionStatus>;

export const Recognition = z.object({
  country: CountryCode,
  standardCode: z.string().min(1),
  standardName: z.string().min(1),
  agreementVersion: z.string().min(1),
  status: RecognitionStatus,
  conditions: z.array(z.string().min(1)).optional(),
});
export type Recognition = z.infer<typeof Recognition>;

/**
 * Everything the certification decision fixed about one certificate: the single input from which the
 * credential and the PDF are both derived, so the two can never disagree.
 */
export const CertificateFacts = z
  .object({
    certificateNumber: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$/, 'certificate number: 3–64 letters, digits, . _ / -'),
    candidate: z.object({
      id: CandidateId,
      fullName: z.string().min(1),
      nationality: CountryCode,
      language: LanguageTag,
    }),
    standard: z.object({
      code: StandardCode,
      titleZh: z.string().min(1),
      titleEn: z.string().min(1),
      iscoCode: z.string().regex(/^\d{4}$/, 'ISCO-08 unit group: 4 digits'),
      level: CertificateLevel,
    }),
    results: z.array(ComponentResult).min(1),
    recognitions: z.array(Recognition),
    validFrom: IsoDateTime,
    validUntil: IsoDateTime,
    issuedAt: IsoDateTime,
  })
  .superRefine((facts, ctx) => {
    const components = facts.results.map((r) => r.component);
    if (new Set(components).size !== components.length) {
      ctx.addIssue({ code: 'custom', path: ['results'], message: 'each component appears at most once' });
    }
    const totalWeight = facts.results.reduce((sum, r) => sum + r.weight, 0);
    // Weights come from the scheme as decimals; allow rounding noise but not a scheme that does not add up.
    if (Math.abs(totalWeight - 1) > 1e-6) {
      ctx.addIssue({ code: 'custom', path: ['results'], message: `weights must add up to 1 (got ${totalWeight})` });
    }
    if (Date.parse(facts.validUntil) <= Date.parse(facts.validFrom)) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'validUntil must be after validFrom' });
    }
  });
export type CertificateFacts = z.infer<typeof CertificateFacts>;
