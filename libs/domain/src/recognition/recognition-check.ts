import { z } from 'zod';
import {
  CefrLevel,
  LanguageCode,
  type RecognitionAgreement,
  type RecognitionCondition,
} from './recognition-agreement';
import { CountryCode } from '../shared/ids';
import { Text } from '../shared/text';
import type { LevelCode } from '../shared/levels';

/** Below half of our units in common, a partner qualification is a different occupation, whatever is signed. */
export const MINIMUM_UNIT_OVERLAP_PERCENT = 50;

/** What the candidate has done towards partners' conditions. */
export const RecognitionEvidence = z.strictObject({
  topUpModulesCompleted: z.array(Text.min(1)).optional(),
  /** Countries where the candidate passed the partner's practical re-test. */
  practicalRetestsPassed: z.array(CountryCode).optional(),
  languageProficiency: z.array(z.strictObject({ language: LanguageCode, cefr: CefrLevel })).optional(),
});
export type RecognitionEvidence = z.infer<typeof RecognitionEvidence>;

export const RecognitionOutcome = z.enum(['recognised', 'conditional', 'not-recognised']);
export type RecognitionOutcome = z.infer<typeof RecognitionOutcome>;

export const NotRecognisedReason = z.enum([
  'no-agreement',
  'agreement-not-in-force',
  'level-not-covered',
  'insufficient-overlap',
]);
export type NotRecognisedReason = z.infer<typeof NotRecognisedReason>;

export interface RecognitionResult {
  countryCode: string;
  outcome: RecognitionOutcome;
  reason?: NotRecognisedReason;
  agreement?: {
    id: string;
    version: number;
    partnerStandard: { code: string; name: string };
    partnerLevel?: string;
    eqfLevel?: number;
    mappingSource?: string;
    unitOverlapPercent: number;
  };
  conditionsMet: RecognitionCondition[];
  conditionsUnmet: RecognitionCondition[];
}

export interface RecognitionQuery {
  standardCode: string;
  level: LevelCode;
  countryCode: string;
  /** The instant of the check; the agreement must be in force on that day. */
  at: string;
  evidence: RecognitionEvidence;
}

const CEFR_ORDER = CefrLevel.options;

function conditionMet(
  condition: RecognitionCondition,
  evidence: RecognitionEvidence,
  countryCode: string,
): boolean {
  switch (condition.kind) {
    case 'top-up-module':
      return (evidence.topUpModulesCompleted ?? []).includes(condition.moduleCode);
    case 'practical-retest':
      return (evidence.practicalRetestsPassed ?? []).includes(countryCode);
    case 'language':
      return (evidence.languageProficiency ?? []).some(
        (p) =>
          p.language === condition.language &&
          CEFR_ORDER.indexOf(p.cefr) >= CEFR_ORDER.indexOf(condition.minimumCefr),
      );
  }
}

const inForce = (a: RecognitionAgreement, day: string): boolean =>
  a.validFrom <= day && (a.validUntil === undefined || day <= a.validUntil);

/** The agreement version in force on `day` for the standard and country (the highest version if several). */
export function agreementInForce(
  agreements: readonly RecognitionAgreement[],
  standardCode: string,
  countryCode: string,
  day: string,
): RecognitionAgreement | undefined {
  return agreements
    .filter((a) => a.standardCode === standardCode && a.countryCode === countryCode && inForce(a, day))
    .reduce<RecognitionAgreement | undefined>(
      (best, a) => (!best || a.version > best.version ? a : best),
      undefined,
    );
}

/**
 * Looks up the agreement for the certified standard and level in one target country and weighs the
 * candidate's evidence against its conditions: all met → recognised, some unmet → conditional.
 */
export function checkRecognition(
  agreements: readonly RecognitionAgreement[],
  query: RecognitionQuery,
): RecognitionResult {
  const { countryCode, standardCode, level } = query;
  const day = query.at.slice(0, 10);
  const none = (
    reason: NotRecognisedReason,
    agreement?: RecognitionResult['agreement'],
  ): RecognitionResult => ({
    countryCode,
    outcome: 'not-recognised',
    reason,
    agreement,
    conditionsMet: [],
    conditionsUnmet: [],
  });

  const forCountry = agreements.filter(
    (a) => a.standardCode === standardCode && a.countryCode === countryCode,
  );
  if (forCountry.length === 0) return none('no-agreement');
  const agreement = agreementInForce(forCountry, standardCode, countryCode, day);
  if (!agreement) return none('agreement-not-in-force');

  const mapping = agreement.levelMappings.find((m) => m.level === level);
  const summary: RecognitionResult['agreement'] = {
    id: agreement.id,
    version: agreement.version,
    partnerStandard: agreement.partnerStandard,
    partnerLevel: mapping?.partnerLevel,
    eqfLevel: mapping?.eqfLevel,
    mappingSource: mapping?.source,
    unitOverlapPercent: agreement.unitOverlapPercent,
  };
  if (!mapping) return none('level-not-covered', summary);
  if (agreement.unitOverlapPercent < MINIMUM_UNIT_OVERLAP_PERCENT)
    return none('insufficient-overlap', summary);

  const conditionsMet = agreement.conditions.filter((c) => conditionMet(c, query.evidence, countryCode));
  const conditionsUnmet = agreement.conditions.filter((c) => !conditionMet(c, query.evidence, countryCode));
  return {
    countryCode,
    outcome: conditionsUnmet.length === 0 ? 'recognised' : 'conditional',
    agreement: summary,
    conditionsMet,
    conditionsUnmet,
  };
}

export type OverallRecognition = 'not-checked' | 'recognised' | 'partial' | 'not-recognised';

/** Across target countries: recognised everywhere, nowhere, or partial (some conditional or refused). */
export function overallRecognition(outcomes: readonly RecognitionOutcome[]): OverallRecognition {
  if (outcomes.length === 0) return 'not-checked';
  if (outcomes.every((o) => o === 'recognised')) return 'recognised';
  if (outcomes.every((o) => o === 'not-recognised')) return 'not-recognised';
  return 'partial';
}

/** Where a certificate of this standard and level can be recognised on `day`: the agreement in force per country that maps the level. */
export function recognitionAgreementsFor(
  agreements: readonly RecognitionAgreement[],
  standardCode: string,
  level: LevelCode,
  day: string,
): RecognitionAgreement[] {
  const countries = [
    ...new Set(agreements.filter((a) => a.standardCode === standardCode).map((a) => a.countryCode)),
  ];
  return countries
    .map((country) => agreementInForce(agreements, standardCode, country, day))
    .filter(
      (a): a is RecognitionAgreement => a !== undefined && a.levelMappings.some((m) => m.level === level),
    );
}
