import { z } from 'zod';
import { Percent } from '../scheme/certification-scheme';
import { CountryCode, StandardCode } from '../shared/ids';
import { LevelCode } from '../shared/levels';

export const CefrLevel = z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
export type CefrLevel = z.infer<typeof CefrLevel>;

/** Primary language subtag (ISO 639-1/-3), e.g. "th", "ru", "kk". */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a lower-case ISO 639 language code such as "th"');

/** What the partner asks on top of our certificate before it counts as theirs. */
export const RecognitionCondition = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('top-up-module'),
    moduleCode: z.string().min(1).max(40),
    hours: z.number().int().positive(),
    description: z.string().min(1),
  }),
  z.object({ kind: z.literal('practical-retest'), description: z.string().min(1) }),
  z.object({ kind: z.literal('language'), language: LanguageCode, minimumCefr: CefrLevel }),
]);
export type RecognitionCondition = z.infer<typeof RecognitionCondition>;

/** How one of our levels maps onto the partner's framework, and who said so. */
export const LevelMapping = z.object({
  level: LevelCode,
  partnerLevel: z.string().min(1),
  eqfLevel: z.number().int().min(1).max(8).optional(),
  /** The document the mapping was taken from (agreement annex, expert panel minutes, …). */
  source: z.string().min(1),
});
export type LevelMapping = z.infer<typeof LevelMapping>;

/**
 * A mutual-recognition agreement for one standard with one country. Versioned on its own: partners
 * renegotiate independently of our scheme versions, so a recognition check records the version it used.
 */
export const RecognitionAgreement = z
  .object({
    id: z.string().regex(/^MRA-[A-Z0-9-]+$/, 'an agreement id such as "MRA-TH-AUTO-EV"'),
    version: z.number().int().positive(),
    standardCode: StandardCode,
    countryCode: CountryCode,
    partnerFramework: z.string().min(1),
    partnerStandard: z.object({ code: z.string().min(1).max(40), name: z.string().min(1) }),
    levelMappings: z.array(LevelMapping).min(1, 'at least one level mapping'),
    /** Share of our standard's units that the partner standard also covers. */
    unitOverlapPercent: Percent,
    conditions: z.array(RecognitionCondition),
    validFrom: z.iso.date(),
    /** Absent: in force until replaced. */
    validUntil: z.iso.date().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.validUntil !== undefined && a.validUntil < a.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: `ends (${a.validUntil}) before it starts (${a.validFrom})`,
      });
    const seen = new Set<string>();
    a.levelMappings.forEach((m, i) => {
      if (seen.has(m.level))
        ctx.addIssue({
          code: 'custom',
          path: ['levelMappings', i, 'level'],
          message: `level ${m.level} is mapped twice`,
        });
      seen.add(m.level);
    });
  });
export type RecognitionAgreement = z.output<typeof RecognitionAgreement>;
export type RecognitionAgreementInput = z.input<typeof RecognitionAgreement>;
