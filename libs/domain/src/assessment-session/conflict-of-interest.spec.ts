import { conflictsBetween } from './conflict-of-interest';

const both = { sameEmployer: true, sameTrainingProvider: true };
const assessor = {
  assessorId: 'EX-0011',
  employer: 'Steppe Motors Service LLP',
  trainingProviderId: 'ST-KZ-ALA',
};
const candidate = { applicationId: 'a', candidateId: 'KZ-000123' };

describe('conflictsBetween', () => {
  it('finds a shared employer, ignoring case and spacing', () => {
    expect(
      conflictsBetween(both, assessor, { ...candidate, employer: '  steppe motors  service llp' }),
    ).toEqual(['same-employer']);
  });

  it('finds a shared training provider', () => {
    expect(conflictsBetween(both, assessor, { ...candidate, trainingProviderId: 'ST-KZ-ALA' })).toEqual([
      'same-training-provider',
    ]);
  });

  it('finds both at once, and nothing between strangers', () => {
    expect(
      conflictsBetween(both, assessor, {
        ...candidate,
        employer: 'Steppe Motors Service LLP',
        trainingProviderId: 'ST-KZ-ALA',
      }),
    ).toEqual(['same-employer', 'same-training-provider']);
    expect(
      conflictsBetween(both, assessor, {
        ...candidate,
        employer: 'Nomad Garage',
        trainingProviderId: 'TB-CQ-AUTO',
      }),
    ).toEqual([]);
  });

  it('applies only the parts of the rule the scheme switches on', () => {
    const employerOnly = { sameEmployer: true, sameTrainingProvider: false };
    expect(
      conflictsBetween(employerOnly, assessor, { ...candidate, trainingProviderId: 'ST-KZ-ALA' }),
    ).toEqual([]);
    const providerOnly = { sameEmployer: false, sameTrainingProvider: true };
    expect(
      conflictsBetween(providerOnly, assessor, { ...candidate, employer: 'Steppe Motors Service LLP' }),
    ).toEqual([]);
  });

  it('sees no provider conflict for an assessor who teaches nowhere', () => {
    expect(
      conflictsBetween(
        both,
        { assessorId: 'EX-0003', employer: 'X' },
        { ...candidate, trainingProviderId: 'ST-KZ-ALA' },
      ),
    ).toEqual([]);
  });
});
