import { CertificateFacts } from './certificate-facts';

function validFacts(): CertificateFacts {
  return {
    certificateNumber: 'BRISC-2025-000001',
    candidate: { id: 'cand-0001', fullName: 'Ivan Petrov', nationality: 'RU', language: 'ru' },
    standard: {
      code: 'BR-WELD-1',
      titleZh: '焊工',
      titleEn: 'Welder',
      iscoCode: '7212',
      level: { code: 'technician', rank: 4, zh: '技师', en: 'Technician' },
    },
    results: [
      { component: 'theory', score: 70, passMark: 60, weight: 0.4 },
      { component: 'practical', score: 80, passMark: 60, weight: 0.6 },
    ],
    recognitions: [],
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2028-01-01T00:00:00Z',
    issuedAt: '2024-12-20T10:00:00+08:00',
  };
}

function issuesOf(input: unknown): string[] {
  const parsed = CertificateFacts.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('CertificateFacts', () => {
  it('accepts complete facts', () => {
    expect(issuesOf(validFacts())).toEqual([]);
  });

  it.each([
    ['a lowercase country', (f: CertificateFacts) => (f.candidate.nationality = 'ru'), 'candidate.nationality'],
    ['an unassigned country', (f: CertificateFacts) => (f.candidate.nationality = 'XX'), 'candidate.nationality'],
    ['a malformed language tag', (f: CertificateFacts) => (f.candidate.language = 'not a tag!'), 'candidate.language'],
    ['a 3-digit ISCO code', (f: CertificateFacts) => (f.standard.iscoCode = '721'), 'standard.iscoCode'],
    ['a rank that contradicts the level code', (f: CertificateFacts) => (f.standard.level.rank = 1), 'standard.level.rank'],
    ['a failed component', (f: CertificateFacts) => (f.results[0]!.score = 59), 'results.0.score'],
    ['weights that do not add up', (f: CertificateFacts) => (f.results[1]!.weight = 0.5), 'results'],
    ['a duplicated component', (f: CertificateFacts) => (f.results[1]!.component = 'theory'), 'results'],
    ['a local date-time without zone', (f: CertificateFacts) => (f.issuedAt = '2024-12-20T10:00:00'), 'issuedAt'],
    ['validUntil before validFrom', (f: CertificateFacts) => (f.validUntil = '2024-01-01T00:00:00Z'), 'validUntil'],
    ['an e-mail as candidate id', (f: CertificateFacts) => (f.candidate.id = 'ivan@example.org'), 'candidate.id'],
  ])('refuses %s', (_label, mutate, path) => {
    const facts = validFacts();
    mutate(facts);
    expect(issuesOf(facts).some((issue) => issue.startsWith(`${path}:`))).toBe(true);
  });

  it('accepts region and script subtags in the language', () => {
    const facts = validFacts();
    facts.candidate.language = 'uz-Cyrl-UZ';
    expect(issuesOf(facts)).toEqual([]);
  });
});
