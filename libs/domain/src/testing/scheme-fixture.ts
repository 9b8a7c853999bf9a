import { CertificationScheme, type CertificationSchemeInput } from '../scheme/certification-scheme';

/**
 * A scheme written out for tests, independent of the shipped data so that editing the data cannot
 * silently change what a test means. Overrides are shallow per section.
 */
export function testScheme(overrides: Partial<CertificationSchemeInput> = {}): CertificationScheme {
  return CertificationScheme.parse({
    standardCode: 'BR-AUTO-EV',
    version: 1,
    level: 'senior',
    publishedOn: '2023-06-01',
    occupation: {
      iscoCode: '7231',
      titleZh: '新能源汽车维修工',
      titleEn: 'New-energy vehicle maintenance technician',
    },
    eligibility: {
      minimumAge: 20,
      pathways: [
        { priorCertificate: { minimumLevel: 'intermediate' }, yearsOfExperience: 3 },
        { yearsOfExperience: 6 },
      ],
      requiredDocuments: ['identity-document', 'photo'],
    },
    training: {
      requiredHours: 240,
      acceptedProviders: { kinds: ['training-base', 'master-workshop', 'service-station'] },
      priorLearning: { recognised: true, maxExemptHours: 120, fullExemption: false },
    },
    assessment: {
      theory: { weight: 40, passMark: 60 },
      practical: { weight: 60, passMark: 70 },
      overallPassMark: 65,
      maxAttempts: 3,
      cooldown: 'P30D',
    },
    conflictOfInterest: { sameEmployer: true, sameTrainingProvider: true },
    certificate: {
      validityYears: 3,
      renewal: { continuingPracticeHours: 240, reminderLead: 'P90D', window: 'P180D', grace: 'P90D' },
    },
    deadlines: { reviewSla: 'P10D', informationRequest: 'P21D', bookingWindow: 'P90D' },
    ...overrides,
  });
}
