import type { ConflictOfInterestRule } from '../scheme/certification-scheme';

export type ConflictKind = 'same-employer' | 'same-training-provider';

export interface AssessorTies {
  assessorId: string;
  employer: string;
  trainingProviderId?: string;
}

export interface CandidateTies {
  applicationId: string;
  candidateId: string;
  employer?: string;
  trainingProviderId?: string;
}

/** Employer names are typed by people at stations: compare them without case or spacing differences. */
const sameName = (a: string, b: string): boolean =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** The ways an assessor is tied to a candidate that the scheme's rule forbids; empty when none. */
export function conflictsBetween(
  rule: ConflictOfInterestRule,
  assessor: AssessorTies,
  candidate: CandidateTies,
): ConflictKind[] {
  const conflicts: ConflictKind[] = [];
  if (
    rule.sameEmployer &&
    candidate.employer !== undefined &&
    sameName(assessor.employer, candidate.employer)
  )
    conflicts.push('same-employer');
  if (
    rule.sameTrainingProvider &&
    candidate.trainingProviderId !== undefined &&
    assessor.trainingProviderId !== undefined &&
    assessor.trainingProviderId === candidate.trainingProviderId
  )
    conflicts.push('same-training-provider');
  return conflicts;
}
