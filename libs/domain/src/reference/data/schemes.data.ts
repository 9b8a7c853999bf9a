import { schemeFromRow, type SchemeRow } from './scheme-profiles';
import { standardsData } from './standards.data';
import type { CertificationSchemeInput } from '../../scheme/certification-scheme';

const WORKSHOPS = ['training-base', 'master-workshop', 'service-station'] as const;
const STATIONS = ['training-base', 'service-station'] as const;
const LOWER = ['junior', 'intermediate', 'senior'] as const;
const ALL = ['junior', 'intermediate', 'senior', 'technician', 'senior-technician'] as const;

/** Per standard: the levels it certifies and how its schemes differ from the level ladder. */
const rows: SchemeRow[] = [
  { standardCode: 'BR-AUTO-EV', levels: [...ALL], publishedOn: '2023-06-01', juniorHours: 160, practicalWeight: 60, providerKinds: [...WORKSHOPS], extraDocuments: ['medical-certificate'], rpl: 'half', validityYears: 3, continuingPracticeHours: 240 },
  { standardCode: 'BR-AUTO-MECH', levels: [...ALL], publishedOn: '2022-09-01', juniorHours: 160, practicalWeight: 60, providerKinds: [...WORKSHOPS], rpl: 'full', validityYears: 3, continuingPracticeHours: 200 },
  { standardCode: 'BR-AUTO-BODY', levels: [...LOWER, 'technician'], publishedOn: '2022-09-01', juniorHours: 140, practicalWeight: 70, providerKinds: [...WORKSHOPS], rpl: 'full', validityYears: 3, continuingPracticeHours: 200 },
  { standardCode: 'BR-AUTO-PAINT', levels: [...LOWER], publishedOn: '2023-03-01', juniorHours: 120, practicalWeight: 70, providerKinds: [...WORKSHOPS], extraDocuments: ['medical-certificate'], rpl: 'half', validityYears: 3, continuingPracticeHours: 160 },
  { standardCode: 'BR-AUTO-ELEC', levels: [...LOWER, 'technician'], publishedOn: '2023-03-01', juniorHours: 140, practicalWeight: 60, providerKinds: [...WORKSHOPS], rpl: 'half', validityYears: 3, continuingPracticeHours: 200 },
  { standardCode: 'BR-AUTO-ICV', levels: ['senior', 'technician'], publishedOn: '2024-05-01', juniorHours: 180, practicalWeight: 50, providerKinds: ['training-base', 'service-station', 'master-workshop'], providerIds: ['TB-CQ-AUTO', 'ST-RU-MOW', 'ST-RU-KZN', 'ST-SG-SIN', 'MW-ID-BDO'], extraDocuments: ['education-certificate', 'driving-licence'], rpl: 'none', validityYears: 3, continuingPracticeHours: 160 },
  { standardCode: 'BR-AUTO-BATT', levels: ['intermediate', 'senior', 'technician'], publishedOn: '2024-05-01', juniorHours: 140, practicalWeight: 60, providerKinds: [...WORKSHOPS], extraDocuments: ['medical-certificate'], rpl: 'half', validityYears: 3, continuingPracticeHours: 200 },
  { standardCode: 'BR-AUTO-CHG', levels: [...LOWER], publishedOn: '2024-09-01', juniorHours: 100, practicalWeight: 60, providerKinds: [...WORKSHOPS], rpl: 'half', validityYears: 3, continuingPracticeHours: 120 },
  { standardCode: 'BR-AI-TRAIN', levels: [...LOWER, 'technician'], publishedOn: '2024-03-01', juniorHours: 120, practicalWeight: 50, providerKinds: [...STATIONS], extraDocuments: ['education-certificate'], rpl: 'full', validityYears: 3, continuingPracticeHours: 120 },
  { standardCode: 'BR-AI-APP', levels: ['intermediate', 'senior', 'technician'], publishedOn: '2025-01-15', juniorHours: 140, practicalWeight: 50, providerKinds: [...STATIONS], extraDocuments: ['education-certificate'], rpl: 'half', validityYears: 3, continuingPracticeHours: 120 },
  { standardCode: 'BR-AI-ROBOT', levels: [...ALL], publishedOn: '2023-06-01', juniorHours: 160, practicalWeight: 60, providerKinds: [...STATIONS], rpl: 'half', validityYears: 4, continuingPracticeHours: 240 },
  { standardCode: 'BR-AI-DRONE', levels: [...LOWER], publishedOn: '2024-09-01', juniorHours: 80, practicalWeight: 70, providerKinds: [...STATIONS], extraDocuments: ['medical-certificate'], rpl: 'none', validityYears: 2, continuingPracticeHours: 60, sameTrainingProviderConflict: false },
  { standardCode: 'BR-MFG-CNC', levels: [...ALL], publishedOn: '2022-09-01', juniorHours: 160, practicalWeight: 70, providerKinds: [...STATIONS], rpl: 'full', validityYears: 4, continuingPracticeHours: 240 },
  { standardCode: 'BR-MFG-WELD', levels: [...ALL], publishedOn: '2022-09-01', juniorHours: 160, practicalWeight: 80, providerKinds: [...STATIONS], extraDocuments: ['medical-certificate'], rpl: 'full', validityYears: 3, continuingPracticeHours: 240 },
  { standardCode: 'BR-MFG-MECHA', levels: [...LOWER, 'technician'], publishedOn: '2023-03-01', juniorHours: 180, practicalWeight: 60, providerKinds: [...STATIONS], rpl: 'half', validityYears: 4, continuingPracticeHours: 200 },
  { standardCode: 'BR-MFG-ADDITIVE', levels: ['intermediate', 'senior'], publishedOn: '2024-03-01', juniorHours: 120, practicalWeight: 60, providerKinds: [...STATIONS], rpl: 'half', validityYears: 3, continuingPracticeHours: 120 },
  { standardCode: 'BR-MFG-PLC', levels: ['intermediate', 'senior', 'technician'], publishedOn: '2023-06-01', juniorHours: 160, practicalWeight: 60, providerKinds: [...STATIONS], extraDocuments: ['education-certificate'], rpl: 'half', validityYears: 4, continuingPracticeHours: 200 },
  { standardCode: 'BR-MFG-TOOL', levels: [...ALL], publishedOn: '2023-03-01', juniorHours: 180, practicalWeight: 75, providerKinds: [...STATIONS], rpl: 'full', validityYears: 4, continuingPracticeHours: 240 },
  { standardCode: 'BR-MFG-FITTER', levels: [...ALL], publishedOn: '2023-03-01', juniorHours: 160, practicalWeight: 70, providerKinds: [...STATIONS], rpl: 'full', validityYears: 4, continuingPracticeHours: 240 },
  { standardCode: 'BR-MFG-QC', levels: [...LOWER], publishedOn: '2024-03-01', juniorHours: 100, practicalWeight: 50, providerKinds: [...STATIONS], rpl: 'full', validityYears: 3, continuingPracticeHours: 120 },
  { standardCode: 'BR-GREEN-PV', levels: [...LOWER, 'technician'], publishedOn: '2023-06-01', juniorHours: 120, practicalWeight: 60, providerKinds: [...STATIONS], extraDocuments: ['medical-certificate'], rpl: 'half', validityYears: 3, continuingPracticeHours: 160 },
  { standardCode: 'BR-GREEN-WIND', levels: ['intermediate', 'senior', 'technician'], publishedOn: '2024-03-01', juniorHours: 160, practicalWeight: 60, providerKinds: [...STATIONS], extraDocuments: ['medical-certificate'], rpl: 'half', validityYears: 2, continuingPracticeHours: 200 },
  { standardCode: 'BR-GREEN-ESS', levels: ['intermediate', 'senior'], publishedOn: '2024-09-01', juniorHours: 140, practicalWeight: 55, providerKinds: [...STATIONS], rpl: 'half', validityYears: 3, continuingPracticeHours: 160 },
  { standardCode: 'BR-GREEN-CARBON', levels: ['intermediate', 'senior', 'technician'], publishedOn: '2024-05-01', juniorHours: 100, practicalWeight: 40, providerKinds: [...STATIONS], extraDocuments: ['education-certificate'], rpl: 'full', validityYears: 3, continuingPracticeHours: 80, sameTrainingProviderConflict: false },
  { standardCode: 'BR-GREEN-HVAC', levels: [...ALL], publishedOn: '2023-03-01', juniorHours: 140, practicalWeight: 65, providerKinds: [...STATIONS], rpl: 'full', validityYears: 3, continuingPracticeHours: 200 },
  { standardCode: 'BR-ICT-NET', levels: [...LOWER, 'technician'], publishedOn: '2023-06-01', juniorHours: 120, practicalWeight: 50, providerKinds: [...STATIONS], extraDocuments: ['education-certificate'], rpl: 'full', validityYears: 3, continuingPracticeHours: 120 },
  { standardCode: 'BR-ICT-IOT', levels: [...LOWER], publishedOn: '2024-03-01', juniorHours: 120, practicalWeight: 60, providerKinds: [...STATIONS], rpl: 'half', validityYears: 3, continuingPracticeHours: 120 },
  { standardCode: 'BR-CON-ELEC', levels: [...ALL], publishedOn: '2022-09-01', juniorHours: 160, practicalWeight: 60, providerKinds: [...STATIONS], extraDocuments: ['medical-certificate'], rpl: 'full', validityYears: 3, continuingPracticeHours: 200 },
  { standardCode: 'BR-CON-BIM', levels: ['intermediate', 'senior'], publishedOn: '2024-03-01', juniorHours: 120, practicalWeight: 60, providerKinds: [...STATIONS], extraDocuments: ['education-certificate'], rpl: 'half', validityYears: 3, continuingPracticeHours: 100 },
  { standardCode: 'BR-CON-RAIL', levels: [...LOWER, 'technician'], publishedOn: '2023-06-01', juniorHours: 180, practicalWeight: 65, providerKinds: [...STATIONS], extraDocuments: ['medical-certificate'], rpl: 'half', validityYears: 3, continuingPracticeHours: 240 },
  { standardCode: 'BR-LOG-FWD', levels: [...LOWER], publishedOn: '2023-06-01', juniorHours: 80, practicalWeight: 40, providerKinds: [...STATIONS], rpl: 'full', validityYears: 3, continuingPracticeHours: 80, sameTrainingProviderConflict: false },
  { standardCode: 'BR-LOG-ECOM', levels: [...LOWER], publishedOn: '2024-05-01', juniorHours: 80, practicalWeight: 50, providerKinds: [...STATIONS], rpl: 'full', validityYears: 3, continuingPracticeHours: 80, sameTrainingProviderConflict: false },
  { standardCode: 'BR-SRV-CHEF', levels: [...ALL], publishedOn: '2022-09-01', juniorHours: 120, practicalWeight: 80, providerKinds: [...STATIONS], extraDocuments: ['medical-certificate'], rpl: 'full', validityYears: 4, continuingPracticeHours: 200 },
  { standardCode: 'BR-SRV-TUINA', levels: [...LOWER], publishedOn: '2023-03-01', juniorHours: 200, practicalWeight: 70, providerKinds: [...STATIONS], extraDocuments: ['medical-certificate', 'education-certificate'], rpl: 'half', validityYears: 3, continuingPracticeHours: 160 },
];

function occupationOf(code: string): CertificationSchemeInput['occupation'] {
  const standard = standardsData.find((s) => s.code === code);
  // An unknown code here keeps an empty occupation so the loader reports it against the scheme record.
  return { iscoCode: standard?.iscoCode ?? '', titleZh: standard?.titleZh ?? '', titleEn: standard?.titleEn ?? '' };
}

const generated: CertificationSchemeInput[] = rows.flatMap((row) =>
  row.levels.map((level) => schemeFromRow(row, level, occupationOf(row.standardCode))),
);

const evSeniorV1 = generated.find((s) => s.standardCode === 'BR-AUTO-EV' && s.level === 'senior');

/**
 * Version 2 of the new-energy vehicle senior scheme (2026): after incident reviews on high-voltage
 * isolation, the practical pass mark rises and a safety top-up is added to training. Applications
 * started under version 1 keep version 1.
 */
const evSeniorV2: CertificationSchemeInput[] = evSeniorV1
  ? [
      {
        ...evSeniorV1,
        version: 2,
        publishedOn: '2026-01-10',
        training: { ...evSeniorV1.training, requiredHours: evSeniorV1.training.requiredHours + 24 },
        assessment: { ...evSeniorV1.assessment, practical: { weight: 60, passMark: 75 }, overallPassMark: 70 },
      },
    ]
  : [];

export const schemesData: CertificationSchemeInput[] = [...generated, ...evSeniorV2];
