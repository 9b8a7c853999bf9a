import { z } from 'zod';
import { DocumentKind, type CertificationScheme, type EligibilityPathway } from './certification-scheme';
import { StandardCode } from '../shared/ids';
import { Text } from '../shared/text';
import { wholeYearsBetween } from '../shared/iso-time';
import { LevelCode, levelOf } from '../shared/levels';

function evidenceSchema(text: z.ZodString, strict: boolean) {
  // Same inferred type either way; strictness only changes what parsing refuses.
  const object = <S extends z.core.$ZodLooseShape>(shape: S) =>
    (strict ? z.strictObject(shape) : z.object(shape)) as z.ZodObject<S>;
  return object({
    dateOfBirth: z.iso.date().optional(),
    yearsOfExperience: z.number().min(0).max(60).optional(),
    /** Current employer; also used for the assessors' conflict-of-interest check. */
    employer: text.trim().min(1).max(200).optional(),
    priorCertificates: z
      .array(
        object({
          standardCode: StandardCode,
          level: LevelCode,
          certificateNumber: text.min(1).max(64).optional(),
        }),
      )
      .optional(),
    documents: z.array(DocumentKind).optional(),
  });
}

/** What a candidate declares and documents for the eligibility review (as a client sends it: checked text, no unknown fields). */
export const CandidateEvidence = evidenceSchema(Text, true);
/**
 * The same evidence as events record it. Read back leniently: events written before text was checked
 * at the edge must stay readable (the event store validates on read); new ones are checked on write.
 */
export const RecordedEvidence = evidenceSchema(z.string(), false);
export type CandidateEvidence = z.infer<typeof CandidateEvidence>;

export type EligibilityCriterion = 'minimum-age' | 'pathway' | 'required-document';

export interface EligibilityShortfall {
  criterion: EligibilityCriterion;
  detail: string;
}

export interface EligibilityAssessment {
  eligible: boolean;
  unmet: EligibilityShortfall[];
}

/** Later evidence adds to earlier evidence: lists are merged, single values replaced. */
export function mergeEvidence(
  a: CandidateEvidence | undefined,
  b: CandidateEvidence | undefined,
): CandidateEvidence | undefined {
  if (!a) return b;
  if (!b) return a;
  const union = <T>(x: T[] | undefined, y: T[] | undefined): T[] | undefined =>
    x || y
      ? [
          ...(x ?? []),
          ...(y ?? []).filter((v) => !(x ?? []).some((w) => JSON.stringify(w) === JSON.stringify(v))),
        ]
      : undefined;
  return {
    ...a,
    ...b,
    priorCertificates: union(a.priorCertificates, b.priorCertificates),
    documents: union(a.documents, b.documents),
  };
}

function describePathway(p: EligibilityPathway, ownStandard: string): string {
  const years = `${p.yearsOfExperience} year(s) of experience`;
  if (!p.priorCertificate) return years;
  const standards = (p.priorCertificate.standardCodes ?? [ownStandard]).join('/');
  return `a ${standards} certificate at ${p.priorCertificate.minimumLevel} level or above and ${years}`;
}

function meetsPathway(p: EligibilityPathway, evidence: CandidateEvidence, ownStandard: string): boolean {
  if ((evidence.yearsOfExperience ?? 0) < p.yearsOfExperience) return false;
  const prior = p.priorCertificate;
  if (!prior) return true;
  const standards = prior.standardCodes ?? [ownStandard];
  const minimumRank = levelOf(prior.minimumLevel).rank;
  return (evidence.priorCertificates ?? []).some(
    (c) => standards.includes(c.standardCode) && levelOf(c.level).rank >= minimumRank,
  );
}

/**
 * Checks declared evidence against the scheme's eligibility rules as of `at` (the review date).
 * Missing evidence counts as unmet: the officer then requests information rather than guessing.
 */
export function assessEligibility(
  scheme: Pick<CertificationScheme, 'standardCode' | 'eligibility'>,
  evidence: CandidateEvidence,
  at: string,
): EligibilityAssessment {
  const rules = scheme.eligibility;
  const unmet: EligibilityShortfall[] = [];

  if (!evidence.dateOfBirth) unmet.push({ criterion: 'minimum-age', detail: 'date of birth not given' });
  else {
    const age = wholeYearsBetween(evidence.dateOfBirth, at);
    if (age < rules.minimumAge)
      unmet.push({ criterion: 'minimum-age', detail: `aged ${age}, the minimum is ${rules.minimumAge}` });
  }

  if (!rules.pathways.some((p) => meetsPathway(p, evidence, scheme.standardCode)))
    unmet.push({
      criterion: 'pathway',
      detail: `needs one of: ${rules.pathways.map((p) => describePathway(p, scheme.standardCode)).join('; ')}`,
    });

  const documents = evidence.documents ?? [];
  for (const required of rules.requiredDocuments)
    if (!documents.includes(required))
      unmet.push({ criterion: 'required-document', detail: `${required} missing` });

  return { eligible: unmet.length === 0, unmet };
}
