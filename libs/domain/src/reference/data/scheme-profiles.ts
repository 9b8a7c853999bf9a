import type { CertificationSchemeInput, DocumentKind, ProviderKind } from '../../scheme/certification-scheme';
import type { LevelCode } from '../../shared/levels';

/**
 * The level-dependent parts of a scheme. China's national level rules give every occupation the same
 * ladder — age, the lower certificate plus years in the trade (or more years alone), longer training and
 * stricter marking going up — so the ladder is written once here and each standard states what differs.
 */
interface LevelProfile {
  minimumAge: number;
  pathways: CertificationSchemeInput['eligibility']['pathways'];
  hoursFactor: number;
  passMarks: { theory: number; practical: number; overall: number };
  maxAttempts: number;
  cooldown: string;
}

export const LEVEL_PROFILES: Record<LevelCode, LevelProfile> = {
  junior: {
    minimumAge: 16,
    pathways: [{ yearsOfExperience: 0 }],
    hoursFactor: 1,
    passMarks: { theory: 60, practical: 60, overall: 60 },
    maxAttempts: 3,
    cooldown: 'P14D',
  },
  intermediate: {
    minimumAge: 18,
    pathways: [
      { priorCertificate: { minimumLevel: 'junior' }, yearsOfExperience: 2 },
      { yearsOfExperience: 4 },
    ],
    hoursFactor: 1.25,
    passMarks: { theory: 60, practical: 60, overall: 60 },
    maxAttempts: 3,
    cooldown: 'P14D',
  },
  senior: {
    minimumAge: 20,
    pathways: [
      { priorCertificate: { minimumLevel: 'intermediate' }, yearsOfExperience: 3 },
      { yearsOfExperience: 6 },
    ],
    hoursFactor: 1.5,
    passMarks: { theory: 60, practical: 70, overall: 65 },
    maxAttempts: 3,
    cooldown: 'P30D',
  },
  technician: {
    minimumAge: 22,
    pathways: [{ priorCertificate: { minimumLevel: 'senior' }, yearsOfExperience: 4 }],
    hoursFactor: 1.75,
    passMarks: { theory: 65, practical: 70, overall: 70 },
    maxAttempts: 2,
    cooldown: 'P60D',
  },
  'senior-technician': {
    minimumAge: 25,
    pathways: [{ priorCertificate: { minimumLevel: 'technician' }, yearsOfExperience: 4 }],
    hoursFactor: 2,
    passMarks: { theory: 70, practical: 75, overall: 75 },
    maxAttempts: 2,
    cooldown: 'P90D',
  },
};

/** What one standard's schemes state on top of the ladder. */
export interface SchemeRow {
  standardCode: string;
  levels: LevelCode[];
  publishedOn: string;
  /** Training hours at junior level; higher levels multiply by the profile's factor. */
  juniorHours: number;
  practicalWeight: number;
  providerKinds: ProviderKind[];
  providerIds?: string[];
  extraDocuments?: DocumentKind[];
  /** Recognition of prior learning: none, up to half the hours, or all of them. */
  rpl: 'none' | 'half' | 'full';
  validityYears: number;
  continuingPracticeHours: number;
  /** Trades with few providers per country cannot exclude an assessor for sharing one. */
  sameTrainingProviderConflict?: boolean;
}

const roundToTen = (n: number): number => Math.round(n / 10) * 10;

export function schemeFromRow(
  row: SchemeRow,
  level: LevelCode,
  occupation: CertificationSchemeInput['occupation'],
): CertificationSchemeInput {
  const profile = LEVEL_PROFILES[level];
  const hours = roundToTen(row.juniorHours * profile.hoursFactor);
  const maxExempt = row.rpl === 'none' ? 0 : row.rpl === 'half' ? Math.floor(hours / 2) : hours;
  const documents: DocumentKind[] = ['identity-document', 'photo'];
  if (level !== 'junior') documents.push('employment-record');
  // The certificate copy is demanded only where every pathway needs one; experience routes bring employment records.
  if (profile.pathways.every((p) => p.priorCertificate)) documents.push('prior-certificate');
  return {
    standardCode: row.standardCode,
    version: 1,
    level,
    publishedOn: row.publishedOn,
    occupation,
    eligibility: {
      minimumAge: profile.minimumAge,
      pathways: profile.pathways,
      requiredDocuments: [...documents, ...(row.extraDocuments ?? [])],
    },
    training: {
      requiredHours: hours,
      acceptedProviders: { kinds: row.providerKinds, providerIds: row.providerIds },
      priorLearning: {
        recognised: row.rpl !== 'none',
        maxExemptHours: maxExempt,
        fullExemption: row.rpl === 'full',
      },
    },
    assessment: {
      theory: { weight: 100 - row.practicalWeight, passMark: profile.passMarks.theory },
      practical: { weight: row.practicalWeight, passMark: profile.passMarks.practical },
      overallPassMark: profile.passMarks.overall,
      maxAttempts: profile.maxAttempts,
      cooldown: profile.cooldown,
    },
    conflictOfInterest: {
      sameEmployer: true,
      sameTrainingProvider: row.sameTrainingProviderConflict ?? true,
    },
    certificate: {
      validityYears: row.validityYears,
      renewal: {
        continuingPracticeHours: row.continuingPracticeHours,
        reminderLead: 'P90D',
        window: 'P180D',
        grace: 'P90D',
      },
    },
    deadlines: { reviewSla: 'P10D', informationRequest: 'P21D', bookingWindow: 'P90D' },
  };
}
