import {
  almaty,
  applicationId,
  ctx,
  dave,
  day,
  given,
  register,
  run,
  toAssessed,
  toBooked,
} from './application.fixtures';
import type { ApplicationCommandOf } from './application.commands';
import { decideApplication } from './application.decider';
import { overallRecognition } from '../recognition/recognition-check';
import { refusal } from '../testing/refusal';

const check = (
  o: Partial<ApplicationCommandOf<'CheckRecognition'>> = {},
): ApplicationCommandOf<'CheckRecognition'> => ({
  type: 'CheckRecognition',
  actor: dave,
  at: day(52),
  ...o,
});

describe('mutual recognition check', () => {
  it('given an assessed candidate, when an officer checks, then one RecognitionChecked per target country', () => {
    const events = decideApplication(check(), given(toAssessed), ctx);
    expect(events.map((e) => e.type)).toEqual(['RecognitionChecked', 'RecognitionChecked']);
    expect(events[0]).toEqual({
      type: 'RecognitionChecked',
      data: {
        applicationId,
        by: dave,
        countryCode: 'TH',
        outcome: 'conditional',
        reason: undefined,
        agreement: {
          id: 'MRA-TH-AUTO-EV',
          version: 2,
          partnerStandard: { code: 'TH-AUT-EV', name: 'EV Service Technician' },
          partnerLevel: 'TPQF level 4',
          eqfLevel: undefined,
          mappingSource: 'annex A',
          unitOverlapPercent: 85,
        },
        conditionsMet: [],
        conditionsUnmet: [
          { kind: 'top-up-module', moduleCode: 'TH-EV-REG', hours: 12, description: 'regulations' },
        ],
        at: day(52),
      },
    });
    expect(events[1]?.data).toMatchObject({
      countryCode: 'MY',
      outcome: 'recognised',
      agreement: { id: 'MRA-MY-AUTO-EV', version: 1 },
    });
  });

  it('then the state keeps the latest outcome per country and the overall picture is partial', () => {
    const { state } = run([...toAssessed, check()]);
    expect(state.recognition).toEqual({
      TH: {
        outcome: 'conditional',
        agreementId: 'MRA-TH-AUTO-EV',
        agreementVersion: 2,
        unmetConditions: 1,
        at: day(52),
      },
      MY: {
        outcome: 'recognised',
        agreementId: 'MRA-MY-AUTO-EV',
        agreementVersion: 1,
        unmetConditions: 0,
        at: day(52),
      },
    });
    expect(overallRecognition(Object.values(state.recognition).map((r) => r.outcome))).toBe('partial');
  });

  it('when the top-up module is done and the check repeated, then recognised everywhere', () => {
    const { state } = run([
      ...toAssessed,
      check(),
      check({ evidence: { topUpModulesCompleted: ['TH-EV-REG'] }, targetCountries: ['TH'], at: day(60) }),
    ]);
    expect(state.recognition.TH).toMatchObject({ outcome: 'recognised', unmetConditions: 0, at: day(60) });
    expect(overallRecognition(Object.values(state.recognition).map((r) => r.outcome))).toBe('recognised');
  });

  it('checks countries named in the command, adding them to the targets; none agreed means not recognised', () => {
    const { state, events } = run([...toAssessed, check({ targetCountries: ['RU'] })]);
    expect(events.at(-1)?.data).toMatchObject({
      countryCode: 'RU',
      outcome: 'not-recognised',
      reason: 'no-agreement',
    });
    expect(state.targetCountries).toEqual(['TH', 'MY', 'RU']);
  });

  it('refuses a check before the assessment is passed', () => {
    expect(refusal(() => decideApplication(check(), given(toBooked), ctx)).code).toBe('invalid-transition');
  });

  it('refuses a check without target countries, for an unknown country, and by a station', () => {
    const noTargets = given([register({ targetCountries: undefined }), ...toAssessed.slice(1)]);
    expect(refusal(() => decideApplication(check(), noTargets, ctx)).code).toBe('no-target-country');
    expect(
      refusal(() => decideApplication(check({ targetCountries: ['ZZ'] }), given(toAssessed), ctx)).code,
    ).toBe('unknown-country');
    expect(refusal(() => decideApplication(check({ actor: almaty }), given(toAssessed), ctx)).code).toBe(
      'forbidden',
    );
  });
});
