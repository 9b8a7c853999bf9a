import { RecognitionAgreement, type RecognitionAgreementInput } from './recognition-agreement';
import {
  checkRecognition,
  overallRecognition,
  recognitionAgreementsFor,
  type RecognitionEvidence,
} from './recognition-check';

const base: RecognitionAgreementInput = {
  id: 'MRA-TH-AUTO-EV',
  version: 2,
  standardCode: 'BR-AUTO-EV',
  countryCode: 'TH',
  partnerFramework: 'TPQF',
  partnerStandard: { code: 'TH-AUT-EV', name: 'EV Service Technician' },
  levelMappings: [{ level: 'senior', partnerLevel: 'TPQF level 4', eqfLevel: 4, source: 'annex A' }],
  unitOverlapPercent: 85,
  conditions: [
    { kind: 'top-up-module', moduleCode: 'TH-EV-REG', hours: 12, description: 'regulations' },
    { kind: 'practical-retest', description: 're-test' },
    { kind: 'language', language: 'th', minimumCefr: 'A2' },
  ],
  validFrom: '2026-01-01',
  validUntil: '2029-12-31',
};
const agreement = (o: Partial<RecognitionAgreementInput> = {}): RecognitionAgreement =>
  RecognitionAgreement.parse({ ...base, ...o });
const at = '2026-06-01T00:00:00.000Z';
const query = (
  evidence: RecognitionEvidence,
  countryCode = 'TH',
  level: 'senior' | 'technician' = 'senior',
) => ({
  standardCode: 'BR-AUTO-EV',
  level,
  countryCode,
  at,
  evidence,
});
const allMet: RecognitionEvidence = {
  topUpModulesCompleted: ['TH-EV-REG'],
  practicalRetestsPassed: ['TH'],
  languageProficiency: [{ language: 'th', cefr: 'B1' }],
};

describe('checkRecognition', () => {
  it('recognises when every condition is met, recording the agreement version and level mapping', () => {
    const result = checkRecognition([agreement()], query(allMet));
    expect(result.outcome).toBe('recognised');
    expect(result.conditionsUnmet).toEqual([]);
    expect(result.agreement).toMatchObject({
      id: 'MRA-TH-AUTO-EV',
      version: 2,
      partnerLevel: 'TPQF level 4',
      mappingSource: 'annex A',
    });
  });

  it('is conditional and lists what is unmet: a re-test passed elsewhere and too low a language level do not count', () => {
    const result = checkRecognition(
      [agreement()],
      query({
        topUpModulesCompleted: ['TH-EV-REG'],
        practicalRetestsPassed: ['KZ'],
        languageProficiency: [{ language: 'th', cefr: 'A1' }],
      }),
    );
    expect(result.outcome).toBe('conditional');
    expect(result.conditionsUnmet.map((c) => c.kind)).toEqual(['practical-retest', 'language']);
    expect(result.conditionsMet.map((c) => c.kind)).toEqual(['top-up-module']);
  });

  it('is not recognised without an agreement for the country', () => {
    expect(checkRecognition([agreement()], query(allMet, 'RU'))).toMatchObject({
      outcome: 'not-recognised',
      reason: 'no-agreement',
    });
  });

  it('is not recognised when the agreement is not in force on the day of the check', () => {
    const expired = agreement({ validFrom: '2023-01-01', validUntil: '2026-05-31' });
    expect(checkRecognition([expired], query(allMet))).toMatchObject({
      outcome: 'not-recognised',
      reason: 'agreement-not-in-force',
    });
  });

  it('uses the highest version in force, and in force includes the last day', () => {
    const v1 = agreement({ version: 1, validFrom: '2023-01-01', validUntil: '2026-06-01', conditions: [] });
    expect(checkRecognition([v1, agreement()], query({})).agreement?.version).toBe(2);
    expect(checkRecognition([v1], query({}))).toMatchObject({
      outcome: 'recognised',
      agreement: { version: 1 },
    });
  });

  it('is not recognised when the level is not mapped', () => {
    expect(checkRecognition([agreement()], query(allMet, 'TH', 'technician'))).toMatchObject({
      outcome: 'not-recognised',
      reason: 'level-not-covered',
    });
  });

  it('is not recognised when too few units overlap', () => {
    expect(checkRecognition([agreement({ unitOverlapPercent: 49 })], query(allMet))).toMatchObject({
      outcome: 'not-recognised',
      reason: 'insufficient-overlap',
    });
    expect(checkRecognition([agreement({ unitOverlapPercent: 50 })], query(allMet)).outcome).toBe(
      'recognised',
    );
  });
});

describe('overallRecognition', () => {
  it.each([
    [[], 'not-checked'],
    [['recognised', 'recognised'], 'recognised'],
    [['recognised', 'conditional'], 'partial'],
    [['recognised', 'not-recognised'], 'partial'],
    [['not-recognised', 'not-recognised'], 'not-recognised'],
  ] as const)('%j → %s', (outcomes, overall) => {
    expect(overallRecognition(outcomes)).toBe(overall);
  });
});

describe('recognitionAgreementsFor', () => {
  it('lists the agreement in force per country that maps the level', () => {
    const th1 = agreement({ version: 1, validFrom: '2023-01-01', validUntil: '2025-12-31' });
    const th2 = agreement();
    const ru = agreement({
      id: 'MRA-RU-AUTO-EV',
      countryCode: 'RU',
      levelMappings: [{ level: 'technician', partnerLevel: 'level 5', source: 's' }],
    });
    const weld = agreement({ id: 'MRA-TH-MFG-WELD', standardCode: 'BR-MFG-WELD' });
    const found = recognitionAgreementsFor([th1, th2, ru, weld], 'BR-AUTO-EV', 'senior', '2026-06-01');
    expect(found.map((a) => `${a.id} v${a.version}`)).toEqual(['MRA-TH-AUTO-EV v2']);
    expect(
      recognitionAgreementsFor([th1, th2, ru], 'BR-AUTO-EV', 'technician', '2026-06-01').map(
        (a) => a.countryCode,
      ),
    ).toEqual(['RU']);
  });
});
