import { rawReferenceData } from './data';
import { loadReferenceData, ReferenceDataError } from './load-reference-data';
import type { ReferenceDataInput } from './reference-data.schema';

/** A deep copy of the shipped raw data, changed by `edit`. */
function broken(edit: (raw: ReferenceDataInput) => void): ReferenceDataInput {
  const raw = structuredClone(rawReferenceData);
  edit(raw);
  return raw;
}

function issuesOf(raw: unknown): string[] {
  try {
    loadReferenceData(raw);
  } catch (error) {
    if (error instanceof ReferenceDataError) return error.issues;
    throw error;
  }
  throw new Error('expected the reference data to be refused');
}

describe('loadReferenceData', () => {
  it('given the shipped data, then it loads with the organisation’s counts', () => {
    const data = loadReferenceData(rawReferenceData);
    expect(data.stations.filter((s) => s.kind === 'service-station')).toHaveLength(27);
    expect(data.stations.filter((s) => s.kind === 'master-workshop')).toHaveLength(6);
    expect(data.trainingBases).toHaveLength(4);
    expect(data.countries).toHaveLength(47);
    expect(data.standards.length).toBeGreaterThanOrEqual(30);
    expect(data.assessors.length).toBeGreaterThan(0);
    expect(data.agreements.length).toBeGreaterThan(0);
  });

  it('covers the priority fields, gives every standard a scheme and parses durations to seconds', () => {
    const data = loadReferenceData(rawReferenceData);
    const fields = new Set(data.standards.map((s) => s.field));
    for (const f of [
      'automotive',
      'artificial-intelligence',
      'advanced-manufacturing',
      'green-low-carbon',
    ] as const)
      expect(fields).toContain(f);
    expect(data.standards.find((s) => s.code === 'BR-AUTO-EV')?.titleEn).toMatch(/new-energy vehicle/i);
    for (const s of data.standards)
      expect(data.schemes.some((scheme) => scheme.standardCode === s.code)).toBe(true);
    const ev = data.schemes.find(
      (s) => s.standardCode === 'BR-AUTO-EV' && s.level === 'senior' && s.version === 1,
    );
    expect(ev?.assessment.cooldown).toBe(30 * 86_400);
    expect(ev?.deadlines.reviewSla).toBe(10 * 86_400);
  });

  it('when a station names an unknown country, then it is refused naming the record and field', () => {
    const raw = broken((r) => {
      r.stations[3] = { ...r.stations[3]!, id: 'ST-XX-AST', countryCode: 'XX' };
    });
    const issues = issuesOf(raw);
    expect(issues[0]).toBe('stations[3].countryCode: unknown country "XX"');
    // The renamed station leaves its assessor pointing nowhere, and that is reported too.
    expect(issues).toContain('assessors[12].stationId: unknown station "ST-KZ-AST"');
    expect(() => loadReferenceData(raw)).toThrow(
      /^invalid reference data: stations\[3\]\.countryCode: unknown country "XX"/,
    );
  });

  it('when a field has the wrong shape, then the zod issue names the record and field', () => {
    const raw = broken((r) => {
      r.stations[5]!.countryCode = 'ru';
    });
    expect(issuesOf(raw)).toContainEqual(
      expect.stringMatching(/^stations\[5\]\.countryCode: an ISO 3166-1 alpha-2 code/),
    );
  });

  it('refuses a station whose id and country disagree', () => {
    const raw = broken((r) => {
      r.stations[0]!.countryCode = 'VN';
    });
    expect(issuesOf(raw)).toEqual(['stations[0].countryCode: VN does not match the id ST-TH-BKK']);
  });

  it('refuses scheme weights that do not add up to 100 and unreadable durations', () => {
    const raw = broken((r) => {
      r.schemes[0]!.assessment.practical.weight = 50;
      r.schemes[2]!.assessment.cooldown = 'P1Y';
    });
    const issues = issuesOf(raw);
    expect(issues).toContainEqual(
      expect.stringMatching(
        /^schemes\[0\]\.assessment\.practical\.weight: theory and practical weights add up to \d+, not 100$/,
      ),
    );
    expect(issues).toContainEqual(
      expect.stringMatching(/^schemes\[2\]\.assessment\.cooldown: "P1Y" is not a duration/),
    );
  });

  it('refuses RPL exemptions larger than the training they exempt from', () => {
    const raw = broken((r) => {
      const t = r.schemes[1]!.training;
      t.priorLearning = { recognised: true, maxExemptHours: t.requiredHours + 1, fullExemption: false };
    });
    expect(issuesOf(raw)).toContainEqual(
      expect.stringMatching(/^schemes\[1\]\.training\.priorLearning\.maxExemptHours: exempts more hours/),
    );
  });

  it('refuses references to unknown standards, stations and providers', () => {
    const raw = broken((r) => {
      r.schemes[4]!.standardCode = 'BR-NOPE';
      r.assessors[2]!.stationId = 'ST-ZZ-NOWHERE';
      r.assessors[3]!.trainingProviderId = 'TB-CQ-NONE';
      r.stations[7]!.standards = ['BR-UNKNOWN'];
    });
    const issues = issuesOf(raw);
    expect(issues).toContain('schemes[4].standardCode: unknown standard "BR-NOPE"');
    expect(issues).toContain('assessors[2].stationId: unknown station "ST-ZZ-NOWHERE"');
    expect(issues).toContain('assessors[3].trainingProviderId: unknown training provider "TB-CQ-NONE"');
    expect(issues).toContain('stations[7].standards[0]: unknown standard "BR-UNKNOWN"');
  });

  it('refuses a scheme that accepts a provider of a kind it does not accept', () => {
    const raw = broken((r) => {
      const icv = r.schemes.findIndex((s) => s.standardCode === 'BR-AUTO-ICV');
      r.schemes[icv]!.training.acceptedProviders = {
        kinds: ['training-base'],
        providerIds: ['TB-CQ-AUTO', 'ST-RU-MOW'],
      };
    });
    expect(issuesOf(raw)).toContainEqual(
      expect.stringMatching(/acceptedProviders\.providerIds\[1\]: ST-RU-MOW is a service-station/),
    );
  });

  it('refuses duplicates, a standard without a scheme and a scheme for another occupation', () => {
    const raw = broken((r) => {
      r.stations.push({ ...r.stations[0]! });
      r.schemes = r.schemes.filter((s) => s.standardCode !== 'BR-SRV-TUINA');
      r.schemes[0]!.occupation.iscoCode = '9999';
    });
    const issues = issuesOf(raw);
    expect(issues).toContain(
      `stations[${raw.stations.length - 1}].id: ST-TH-BKK is defined twice (first at stations[0])`,
    );
    expect(issues).toContainEqual(
      expect.stringMatching(/^standards\[\d+\]\.code: BR-SRV-TUINA has no certification scheme$/),
    );
    expect(issues).toContainEqual(
      expect.stringMatching(
        /^schemes\[0\]\.occupation\.iscoCode: 9999 differs from the standard's occupation/,
      ),
    );
  });

  it('refuses an agreement that ends before it starts or maps a level twice', () => {
    const raw = broken((r) => {
      r.agreements[0]!.validUntil = '2020-01-01';
      r.agreements[1]!.levelMappings.push({ ...r.agreements[1]!.levelMappings[0]! });
    });
    const issues = issuesOf(raw);
    expect(issues).toContainEqual(
      expect.stringMatching(/^agreements\[0\]\.validUntil: ends \(2020-01-01\) before it starts/),
    );
    expect(issues).toContainEqual(
      expect.stringMatching(/^agreements\[1\]\.levelMappings\[\d+\]\.level: level junior is mapped twice$/),
    );
  });

  it('refuses something that is not reference data at all', () => {
    expect(issuesOf(null)).toEqual(['(root): Invalid input: expected object, received null']);
  });
});
