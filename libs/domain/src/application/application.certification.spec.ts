import {
  alice,
  almaty,
  applicationId,
  bob,
  carol,
  ctx,
  dave,
  day,
  given,
  register,
  run,
  toAssessed,
  toEligible,
  toTrained,
  book,
  result,
  enrolAlmaty,
  hours,
  signOff,
} from './application.fixtures';
import type { ApplicationCommand, ApplicationCommandOf } from './application.commands';
import { certificateNumberFor, decideApplication, replayApplication } from './application.decider';
import { refusal } from '../testing/refusal';

const checked = [...toAssessed, { type: 'CheckRecognition', actor: dave, at: day(52) } as ApplicationCommand];
const grant = (actor = bob, validityYears = 3): ApplicationCommandOf<'DecideCertification'> => ({
  type: 'DecideCertification',
  decision: 'grant',
  validityYears,
  actor,
  at: day(55),
});
const deny: ApplicationCommandOf<'DenyCertification'> = {
  type: 'DenyCertification',
  reason: 'identity documents found forged',
  actor: bob,
  at: day(55),
};

describe('certification decision', () => {
  it('given an assessed candidate with recognition checked, when an uninvolved officer grants, then granted and issued', () => {
    const events = decideApplication(grant(), given(checked), ctx);
    expect(events).toEqual([
      {
        type: 'CertificationGranted',
        data: {
          applicationId,
          by: bob,
          at: day(55),
          recognition: [
            { countryCode: 'TH', outcome: 'conditional', agreementId: 'MRA-TH-AUTO-EV', agreementVersion: 2 },
            { countryCode: 'MY', outcome: 'recognised', agreementId: 'MRA-MY-AUTO-EV', agreementVersion: 1 },
          ],
        },
      },
      {
        type: 'CertificateIssued',
        data: {
          applicationId,
          certificateNumber: 'CN-2026-3F2A6C1E8B4D',
          validFrom: day(55),
          validUntil: '2029-04-25T08:00:00.000Z',
          at: day(55),
          candidateId: 'KZ-000123',
          standardCode: 'BR-AUTO-EV',
          level: 'senior',
          schemeVersion: 1,
        },
      },
    ]);
    expect(certificateNumberFor(applicationId, day(55))).toBe('CN-2026-3F2A6C1E8B4D');
  });

  it('then the application is certified, and replaying its events gives the same state', () => {
    const { state, events } = run([...checked, grant()]);
    expect(state).toMatchObject({
      status: 'certified',
      decidedBy: 'officer-bob',
      certificateNumber: 'CN-2026-3F2A6C1E8B4D',
    });
    expect(replayApplication(events)).toEqual(state);
    expect(refusal(() => decideApplication(grant(), state, ctx)).code).toBe('application-closed');
  });

  it('grants without recognition checks when no country was targeted', () => {
    const { state } = run([register({ targetCountries: undefined }), ...toAssessed.slice(1), grant()]);
    expect(state.status).toBe('certified');
  });

  it('refuses a decision before the assessment is passed', () => {
    expect(refusal(() => decideApplication(grant(), given(toEligible), ctx)).code).toBe('invalid-transition');
    expect(refusal(() => decideApplication(grant(), given(toTrained), ctx)).code).toBe('invalid-transition');
  });

  it('refuses while a target country is unchecked', () => {
    const err = refusal(() => decideApplication(grant(), given(toAssessed), ctx));
    expect(err.code).toBe('recognition-pending');
    expect(err.message).toContain('TH, MY');
  });

  it('refuses validity other than the pinned scheme’s', () => {
    expect(refusal(() => decideApplication(grant(bob, 5), given(checked), ctx)).code).toBe('scheme-mismatch');
  });

  it('refuses a station deciding', () => {
    expect(refusal(() => decideApplication(grant(almaty), given(checked), ctx)).code).toBe('forbidden');
  });

  it.each([
    ['the eligibility reviewer', alice],
    ['an assessor acting as officer', { id: 'EX-0002', role: 'officer' as const }],
  ])('refuses %s deciding (four eyes)', (_who, actor) => {
    expect(refusal(() => decideApplication(grant(actor), given(checked), ctx)).code).toBe('four-eyes');
  });

  it('refuses the officer who recognised prior learning (four eyes)', () => {
    const withRpl = [
      ...toEligible,
      enrolAlmaty,
      {
        type: 'RecognisePriorLearning',
        exemption: { kind: 'partial', hours: 40 },
        basis: 'portfolio',
        actor: carol,
        at: day(4),
      } as ApplicationCommand,
      hours(200),
      signOff(),
      book(),
      result(80, 75),
      { type: 'CheckRecognition', actor: dave, at: day(52) } as ApplicationCommand,
    ];
    expect(refusal(() => decideApplication(grant(carol), given(withRpl), ctx)).code).toBe('four-eyes');
    expect(decideApplication(grant(bob), given(withRpl), ctx)).toHaveLength(2);
  });

  it('refuses an officer who recorded the result (four eyes)', () => {
    const recorder = { id: 'officer-erin', role: 'officer' as const };
    const recordedByOfficer = [
      ...toTrained,
      book(),
      { ...result(80, 75), actor: recorder },
      { type: 'CheckRecognition', actor: dave, at: day(52) } as ApplicationCommand,
    ];
    expect(refusal(() => decideApplication(grant(recorder), given(recordedByOfficer), ctx)).code).toBe(
      'four-eyes',
    );
  });
});

describe('certification denial', () => {
  it('when an uninvolved officer denies, then CertificationDenied and the application is closed', () => {
    const { state, events } = run([...toAssessed, deny]);
    expect(events.at(-1)).toEqual({
      type: 'CertificationDenied',
      data: { applicationId, by: bob, reason: 'identity documents found forged', at: day(55) },
    });
    expect(state).toMatchObject({ status: 'denied', decidedBy: 'officer-bob' });
    expect(refusal(() => decideApplication(grant(), state, ctx)).code).toBe('application-closed');
  });

  it('refuses a denial before assessment, by the reviewer, or by a station', () => {
    expect(refusal(() => decideApplication(deny, given(toEligible), ctx)).code).toBe('invalid-transition');
    expect(refusal(() => decideApplication({ ...deny, actor: alice }, given(toAssessed), ctx)).code).toBe(
      'four-eyes',
    );
    expect(refusal(() => decideApplication({ ...deny, actor: almaty }, given(toAssessed), ctx)).code).toBe(
      'forbidden',
    );
  });
});
