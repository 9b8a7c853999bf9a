import { assessEligibility, mergeEvidence, type CandidateEvidence } from './eligibility';
import { testScheme } from '../testing/scheme-fixture';

// senior: age ≥ 20; an intermediate certificate and 3 years, or 6 years; identity document and photo
const scheme = testScheme();
const at = '2026-03-01T08:00:00.000Z';
const complete: CandidateEvidence = {
  dateOfBirth: '1995-05-17',
  yearsOfExperience: 4,
  priorCertificates: [{ standardCode: 'BR-AUTO-EV', level: 'intermediate' }],
  documents: ['identity-document', 'photo'],
};

describe('assessEligibility', () => {
  it('accepts a candidate meeting age, a pathway and the documents', () => {
    expect(assessEligibility(scheme, complete, at)).toEqual({ eligible: true, unmet: [] });
  });

  it('accepts the experience-only pathway and a higher prior level', () => {
    expect(
      assessEligibility(scheme, { ...complete, priorCertificates: [], yearsOfExperience: 6 }, at).eligible,
    ).toBe(true);
    expect(
      assessEligibility(
        scheme,
        { ...complete, priorCertificates: [{ standardCode: 'BR-AUTO-EV', level: 'technician' }] },
        at,
      ).eligible,
    ).toBe(true);
  });

  it('refuses a candidate too young on the review date', () => {
    const result = assessEligibility(scheme, { ...complete, dateOfBirth: '2006-03-02' }, at);
    expect(result.unmet).toEqual([{ criterion: 'minimum-age', detail: 'aged 19, the minimum is 20' }]);
  });

  it('refuses a certificate of another standard or a lower level, and too little experience', () => {
    const other = assessEligibility(
      scheme,
      { ...complete, priorCertificates: [{ standardCode: 'BR-MFG-WELD', level: 'senior' }] },
      at,
    );
    expect(other.unmet.map((u) => u.criterion)).toEqual(['pathway']);
    expect(other.unmet[0]?.detail).toContain(
      'a BR-AUTO-EV certificate at intermediate level or above and 3 year(s)',
    );
    const lower = assessEligibility(
      scheme,
      { ...complete, priorCertificates: [{ standardCode: 'BR-AUTO-EV', level: 'junior' }] },
      at,
    );
    expect(lower.eligible).toBe(false);
    const junior = assessEligibility(scheme, { ...complete, yearsOfExperience: 2 }, at);
    expect(junior.eligible).toBe(false);
  });

  it('lists every missing piece when nothing was declared', () => {
    expect(assessEligibility(scheme, {}, at).unmet.map((u) => u.criterion)).toEqual([
      'minimum-age',
      'pathway',
      'required-document',
      'required-document',
    ]);
  });
});

describe('mergeEvidence', () => {
  it('adds documents and certificates and replaces single values', () => {
    const merged = mergeEvidence(
      { yearsOfExperience: 2, documents: ['photo'] },
      { yearsOfExperience: 3, documents: ['photo', 'identity-document'] },
    );
    expect(merged).toEqual({
      yearsOfExperience: 3,
      documents: ['photo', 'identity-document'],
      priorCertificates: undefined,
    });
    expect(mergeEvidence(undefined, { documents: ['photo'] })).toEqual({ documents: ['photo'] });
  });
});
