import {
  alice,
  almaty,
  applicationId,
  auditor,
  carol,
  ctx,
  day,
  enrolAlmaty,
  given,
  hours,
  rayong,
  run,
  signOff,
  toEligible,
  toRegistered,
} from './application.fixtures';
import type { ApplicationCommandOf } from './application.commands';
import { decideApplication } from './application.decider';
import { testScheme } from '../testing/scheme-fixture';
import { refusal } from '../testing/refusal';

const enrolled = [...toEligible, enrolAlmaty];
const rpl = (
  exemption: { kind: 'partial'; hours: number } | { kind: 'full' },
  at = day(4),
): ApplicationCommandOf<'RecognisePriorLearning'> => ({
  type: 'RecognisePriorLearning',
  exemption,
  basis: 'five years as EV service lead, portfolio reviewed',
  actor: carol,
  at,
});
const withTraining = (training: Partial<ReturnType<typeof testScheme>['training']>) => ({
  ...ctx,
  scheme: testScheme({ training: { ...testScheme().training, ...training } }),
});

describe('training: enrolment', () => {
  it('given an eligible candidate, when the station enrols them with itself, then TrainingEnrolled', () => {
    expect(decideApplication(enrolAlmaty, given(toEligible), ctx)).toEqual([
      {
        type: 'TrainingEnrolled',
        data: {
          applicationId,
          by: almaty,
          provider: { id: 'ST-KZ-ALA', kind: 'service-station' },
          at: day(3),
        },
      },
    ]);
    expect(given(enrolled)).toMatchObject({
      status: 'in-training',
      training: { providerId: 'ST-KZ-ALA', providerKind: 'service-station' },
    });
  });

  it('enrols at a training base or master workshop too', () => {
    expect(
      run([...toEligible, { ...enrolAlmaty, providerId: 'TB-CQ-AUTO' }]).state.training.providerKind,
    ).toBe('training-base');
    expect(
      run([...toEligible, { ...enrolAlmaty, providerId: 'MW-TH-AYT' }]).state.training.providerKind,
    ).toBe('master-workshop');
  });

  it('refuses an unknown provider, one the scheme does not accept, and one not accredited for the standard', () => {
    const state = given(toEligible);
    expect(
      refusal(() => decideApplication({ ...enrolAlmaty, providerId: 'ST-ZZ-NONE' }, state, ctx)).code,
    ).toBe('unknown-provider');
    const basesOnly = withTraining({ acceptedProviders: { kinds: ['training-base'] } });
    expect(refusal(() => decideApplication(enrolAlmaty, state, basesOnly)).code).toBe(
      'provider-not-accepted',
    );
    const listed = withTraining({
      acceptedProviders: { kinds: ['training-base', 'service-station'], providerIds: ['TB-CQ-AUTO'] },
    });
    expect(refusal(() => decideApplication(enrolAlmaty, state, listed)).code).toBe('provider-not-accepted');
    expect(
      refusal(() => decideApplication({ ...enrolAlmaty, providerId: 'ST-KZ-AST' }, state, ctx)).code,
    ).toBe('provider-not-accredited');
  });

  it('refuses enrolment before eligibility, a second enrolment, and an auditor', () => {
    expect(refusal(() => decideApplication(enrolAlmaty, given(toRegistered), ctx)).code).toBe(
      'invalid-transition',
    );
    expect(refusal(() => decideApplication(enrolAlmaty, given(enrolled), ctx)).code).toBe('already-enrolled');
    expect(
      refusal(() => decideApplication({ ...enrolAlmaty, actor: auditor }, given(toEligible), ctx)).code,
    ).toBe('forbidden');
  });
});

describe('training: hours and sign-off', () => {
  it('when the provider records hours, then TrainingHoursRecorded carries the running total', () => {
    const { state, events } = run([...enrolled, hours(100, day(10)), hours(60, day(20))]);
    expect(events.at(-1)).toEqual({
      type: 'TrainingHoursRecorded',
      data: { applicationId, by: almaty, hours: 60, instructorId: 'INS-KZ-07', totalHours: 160, at: day(20) },
    });
    expect(state.training.hours).toBe(160);
  });

  it('refuses hours before enrolment and from a station that is not the provider', () => {
    expect(refusal(() => decideApplication(hours(8), given(toEligible), ctx)).code).toBe(
      'invalid-transition',
    );
    expect(refusal(() => decideApplication({ ...hours(8), actor: rayong }, given(enrolled), ctx)).code).toBe(
      'forbidden',
    );
  });

  it('when the instructor signs off with the required hours, then TrainingCompleted', () => {
    const { state, events } = run([...enrolled, hours(200), hours(40), signOff()]);
    expect(events.at(-1)).toEqual({
      type: 'TrainingCompleted',
      data: {
        applicationId,
        by: almaty,
        instructorId: 'INS-KZ-07',
        hoursCompleted: 240,
        hoursExempted: 0,
        requiredHours: 240,
        at: day(40),
      },
    });
    expect(state.status).toBe('trained');
  });

  it('refuses a sign-off short of the required hours, and from another station', () => {
    const short = given([...enrolled, hours(200), hours(39)]);
    const err = refusal(() => decideApplication(signOff(), short, ctx));
    expect(err.code).toBe('hours-insufficient');
    expect(err.message).toContain('239 hour(s) attended and 0 exempted; the scheme requires 240');
    expect(
      refusal(() =>
        decideApplication({ ...signOff(), actor: rayong }, given([...enrolled, hours(200), hours(40)]), ctx),
      ).code,
    ).toBe('forbidden');
  });

  it('refuses a sign-off before enrolment', () => {
    expect(refusal(() => decideApplication(signOff(), given(toEligible), ctx)).code).toBe(
      'invalid-transition',
    );
  });
});

describe('training: recognition of prior learning', () => {
  it('when an officer exempts part of the hours, then PriorLearningRecognised and fewer hours are needed', () => {
    const { state, events } = run([...enrolled, rpl({ kind: 'partial', hours: 100 }), hours(140), signOff()]);
    expect(events.find((e) => e.type === 'PriorLearningRecognised')?.data).toEqual({
      applicationId,
      by: carol,
      exemptHours: 100,
      fullExemption: false,
      basis: 'five years as EV service lead, portfolio reviewed',
      at: day(4),
    });
    expect(state).toMatchObject({
      status: 'trained',
      training: { hours: 140, exemptHours: 100 },
      assessors: ['officer-carol'],
    });
  });

  it('may exempt before enrolment', () => {
    expect(run([...toEligible, rpl({ kind: 'partial', hours: 40 })]).state).toMatchObject({
      status: 'eligible',
      training: { exemptHours: 40 },
    });
  });

  it('refuses exemptions beyond the scheme’s maximum, counting earlier ones', () => {
    expect(
      refusal(() => decideApplication(rpl({ kind: 'partial', hours: 121 }), given(enrolled), ctx)).code,
    ).toBe('rpl-limit');
    const after = given([...enrolled, rpl({ kind: 'partial', hours: 100 })]);
    expect(refusal(() => decideApplication(rpl({ kind: 'partial', hours: 21 }), after, ctx)).code).toBe(
      'rpl-limit',
    );
  });

  it('refuses full exemption where the scheme allows only part, and any exemption where it allows none', () => {
    expect(refusal(() => decideApplication(rpl({ kind: 'full' }), given(enrolled), ctx)).code).toBe(
      'rpl-full-not-allowed',
    );
    const none = withTraining({
      priorLearning: { recognised: false, maxExemptHours: 0, fullExemption: false },
    });
    expect(
      refusal(() => decideApplication(rpl({ kind: 'partial', hours: 10 }), given(enrolled, none), none)).code,
    ).toBe('rpl-not-allowed');
  });

  it('given a scheme allowing full exemption, then the candidate is trained without attending', () => {
    const full = withTraining({
      priorLearning: { recognised: true, maxExemptHours: 240, fullExemption: true },
    });
    const { state, events } = run([...toEligible, rpl({ kind: 'full' })], full);
    expect(events.at(-1)?.data).toMatchObject({ exemptHours: 240, fullExemption: true });
    expect(state).toMatchObject({ status: 'trained', training: { completed: true, fullExemption: true } });
    expect(refusal(() => decideApplication(enrolAlmaty, state, full)).code).toBe('invalid-transition');
  });

  it('refuses recognition by a station, and after training is complete', () => {
    expect(
      refusal(() =>
        decideApplication({ ...rpl({ kind: 'partial', hours: 10 }), actor: almaty }, given(enrolled), ctx),
      ).code,
    ).toBe('forbidden');
    const trained = given([...enrolled, hours(240), signOff()]);
    expect(refusal(() => decideApplication(rpl({ kind: 'partial', hours: 10 }), trained, ctx)).code).toBe(
      'invalid-transition',
    );
  });

  it('refuses recognition before eligibility', () => {
    expect(
      refusal(() =>
        decideApplication({ ...rpl({ kind: 'partial', hours: 10 }), actor: alice }, given(toRegistered), ctx),
      ).code,
    ).toBe('invalid-transition');
  });
});
