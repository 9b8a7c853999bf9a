import { findScheme, shippedReferenceData } from './shipped-reference-data';
import { findTrainingProvider } from './reference-lookup';

describe('findScheme', () => {
  it('returns the latest version when none is asked for', () => {
    expect(findScheme('BR-AUTO-EV', 'senior')?.version).toBe(2);
  });

  it('returns a pinned version as it was published', () => {
    const v1 = findScheme('BR-AUTO-EV', 'senior', 1);
    const v2 = findScheme('BR-AUTO-EV', 'senior', 2);
    expect(v1?.assessment.practical.passMark).toBe(70);
    expect(v2?.assessment.practical.passMark).toBe(75);
    expect(v2!.training.requiredHours).toBeGreaterThan(v1!.training.requiredHours);
  });

  it('finds nothing for an unknown standard, level or version', () => {
    expect(findScheme('BR-NOPE', 'senior')).toBeUndefined();
    expect(findScheme('BR-AUTO-ICV', 'junior')).toBeUndefined();
    expect(findScheme('BR-AUTO-EV', 'senior', 9)).toBeUndefined();
  });
});

describe('findTrainingProvider', () => {
  it('finds stations, workshops and bases by id, with their kind', () => {
    const data = shippedReferenceData();
    expect(findTrainingProvider(data, 'ST-KZ-ALA')).toMatchObject({
      kind: 'service-station',
      countryCode: 'KZ',
    });
    expect(findTrainingProvider(data, 'MW-TH-AYT')).toMatchObject({
      kind: 'master-workshop',
      countryCode: 'TH',
    });
    expect(findTrainingProvider(data, 'TB-CQ-AUTO')).toMatchObject({
      kind: 'training-base',
      countryCode: 'CN',
    });
    expect(findTrainingProvider(data, 'TB-XX-NONE')).toBeUndefined();
  });
});
