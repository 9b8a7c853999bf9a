import {
  almaty,
  applicationId,
  auditor,
  book,
  ctx,
  day,
  given,
  result,
  run,
  secondSessionId,
  sessionId,
  toBooked,
  toEligible,
  toTrained,
  enrolAlmaty,
  goodEvidence,
  register,
} from './application.fixtures';
import type { ApplicationCommand, ApplicationCommandOf } from './application.commands';
import { decideApplication } from './application.decider';
import { testScheme } from '../testing/scheme-fixture';
import { refusal } from '../testing/refusal';

const cancel: ApplicationCommandOf<'CancelAssessmentBooking'> = {
  type: 'CancelAssessmentBooking',
  reason: 'candidate ill',
  actor: almaty,
  at: day(45),
};
const failedOnce = [...toBooked, result(50, 50)]; // result at day 50, cool-down 30 days → day 80

describe('assessment: booking', () => {
  it('given a trained candidate, when the station books a session, then AssessmentBooked as attempt 1', () => {
    expect(decideApplication(book(), given(toTrained), ctx)).toEqual([
      {
        type: 'AssessmentBooked',
        data: {
          applicationId,
          by: almaty,
          attempt: 1,
          sessionId,
          stationId: 'ST-KZ-ALA',
          scheduledFor: day(50),
          at: day(41),
        },
      },
    ]);
    expect(given(toBooked)).toMatchObject({
      status: 'assessment-booked',
      booking: { attempt: 1, sessionId, scheduledFor: day(50) },
    });
  });

  it('refuses booking before training is complete, a second booking, and an auditor', () => {
    expect(refusal(() => decideApplication(book(), given([...toEligible, enrolAlmaty]), ctx)).code).toBe(
      'invalid-transition',
    );
    expect(refusal(() => decideApplication(book(), given(toBooked), ctx)).code).toBe('already-booked');
    expect(refusal(() => decideApplication({ ...book(), actor: auditor }, given(toTrained), ctx)).code).toBe(
      'forbidden',
    );
  });

  it('refuses a session for another standard or level', () => {
    const command = book();
    const other: ApplicationCommand = { ...command, session: { ...command.session, level: 'technician' } };
    expect(refusal(() => decideApplication(other, given(toTrained), ctx)).code).toBe('session-mismatch');
  });

  it('refuses a session in the past and one beyond the booking window', () => {
    expect(refusal(() => decideApplication(book(day(41), day(40)), given(toTrained), ctx)).code).toBe(
      'session-in-past',
    );
    expect(refusal(() => decideApplication(book(day(41), day(132)), given(toTrained), ctx)).code).toBe(
      'outside-booking-window',
    );
    expect(decideApplication(book(day(41), day(131)), given(toTrained), ctx)).toHaveLength(1);
  });

  it('given a scheme without training hours, then an eligible candidate books directly', () => {
    const noTraining = {
      ...ctx,
      scheme: testScheme({
        training: {
          ...testScheme().training,
          requiredHours: 0,
          priorLearning: { recognised: false, maxExemptHours: 0, fullExemption: false },
        },
      }),
    };
    expect(decideApplication(book(day(3), day(10)), given(toEligible, noTraining), noTraining)[0]?.type).toBe(
      'AssessmentBooked',
    );
    expect(refusal(() => decideApplication(book(day(3), day(10)), given(toEligible), ctx)).code).toBe(
      'invalid-transition',
    );
  });

  it('when the booking is cancelled, then the candidate may book again', () => {
    const { state, events } = run([...toBooked, cancel]);
    expect(events.at(-1)).toEqual({
      type: 'AssessmentBookingCancelled',
      data: { applicationId, by: almaty, sessionId, reason: 'candidate ill', at: day(45) },
    });
    expect(state).toMatchObject({ status: 'trained', booking: undefined, attempts: 0 });
    expect(run([...toBooked, cancel, book(day(46), day(60), secondSessionId)]).state.booking).toMatchObject({
      attempt: 1,
      sessionId: secondSessionId,
    });
  });

  it('refuses cancelling when nothing is booked, and by an auditor', () => {
    expect(refusal(() => decideApplication(cancel, given(toTrained), ctx)).code).toBe('not-booked');
    expect(refusal(() => decideApplication({ ...cancel, actor: auditor }, given(toBooked), ctx)).code).toBe(
      'forbidden',
    );
  });
});

describe('assessment: results', () => {
  it('when a passing result is recorded, then AssessmentResultRecorded with the scoring and the application is assessed', () => {
    const { state, events } = run([...toBooked, result(80, 75)]);
    expect(events.at(-1)).toEqual({
      type: 'AssessmentResultRecorded',
      data: {
        applicationId,
        by: almaty,
        attempt: 1,
        sessionId,
        scores: { theory: 80, practical: 75 },
        components: [
          { component: 'theory', score: 80, weight: 40, passMark: 60, passed: true },
          { component: 'practical', score: 75, weight: 60, passMark: 70, passed: true },
        ],
        weightedScore: 77,
        overallPassMark: 65,
        passed: true,
        assessorIds: ['EX-0002', 'EX-0011'],
        retryNotBefore: undefined,
        at: day(50),
      },
    });
    expect(state).toMatchObject({
      status: 'assessed',
      attempts: 1,
      lastResult: { passed: true, weightedScore: 77 },
    });
    expect(state.assessors).toEqual(['EX-0002', 'EX-0011', 'station-kz-ala']);
  });

  it('when a failing result is recorded, then a cool-down starts from the result', () => {
    const { state, events } = run(failedOnce);
    expect(events.at(-1)?.data).toMatchObject({ passed: false, retryNotBefore: day(80) });
    expect(state).toMatchObject({
      status: 'assessment-failed',
      attempts: 1,
      lastAttemptAt: day(50),
      retryNotBefore: day(80),
    });
  });

  it('refuses a new booking during the cool-down and accepts it after, as attempt 2', () => {
    const err = refusal(() =>
      decideApplication(book(day(79), day(85), secondSessionId), given(failedOnce), ctx),
    );
    expect(err.code).toBe('cooldown');
    expect(err.message).toContain(day(80));
    expect(
      decideApplication(book(day(80), day(85), secondSessionId), given(failedOnce), ctx)[0]?.data,
    ).toMatchObject({ attempt: 2 });
  });

  it('takes the cool-down from configuration when it is overridden', () => {
    const quick = { ...ctx, durationConfig: { overrides: { assessmentCooldown: 60 } } };
    const { events } = run(failedOnce, quick);
    expect(events.at(-1)?.data).toMatchObject({ retryNotBefore: '2026-04-20T08:01:00.000Z' });
  });

  it('when the last allowed attempt fails, then ApplicationRefused and the application is closed', () => {
    const third = [
      ...failedOnce,
      book(day(80), day(85), secondSessionId),
      result(55, 60, day(85), secondSessionId),
      book(day(115), day(120)),
    ];
    const { state, events } = run([...third, result(60, 69, day(120))]);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['AssessmentResultRecorded', 'ApplicationRefused']);
    expect(events.at(-2)?.data).toMatchObject({ attempt: 3, passed: false, retryNotBefore: undefined });
    expect(events.at(-1)).toEqual({
      type: 'ApplicationRefused',
      data: { applicationId, reason: 'attempts-exhausted', attempts: 3, at: day(120) },
    });
    expect(state.status).toBe('refused');
    expect(refusal(() => decideApplication(book(day(200), day(210)), state, ctx)).code).toBe(
      'application-closed',
    );
  });

  it('passes on a later attempt within the limit', () => {
    const { state } = run([
      ...failedOnce,
      book(day(80), day(85), secondSessionId),
      result(70, 72, day(85), secondSessionId),
    ]);
    expect(state).toMatchObject({ status: 'assessed', attempts: 2 });
  });

  it('refuses a result without a booking, for another session, or before the session', () => {
    expect(refusal(() => decideApplication(result(80, 80), given(toTrained), ctx)).code).toBe('not-booked');
    expect(
      refusal(() => decideApplication(result(80, 80, day(50), secondSessionId), given(toBooked), ctx)).code,
    ).toBe('session-mismatch');
    expect(refusal(() => decideApplication(result(80, 80, day(49)), given(toBooked), ctx)).code).toBe(
      'session-not-held',
    );
  });

  it('refuses a result from an auditor and scores out of range', () => {
    expect(
      refusal(() => decideApplication({ ...result(80, 80), actor: auditor }, given(toBooked), ctx)).code,
    ).toBe('forbidden');
    expect(refusal(() => decideApplication(result(80, 120), given(toBooked), ctx)).code).toBe(
      'invalid-score',
    );
  });
});

describe('assessment: only what a session checked', () => {
  const viaSession = { ...ctx, viaSession: true };
  const impartial = { assessorId: 'EX-0002', employer: 'Chongqing Automotive Vocational Institute', trainingProviderId: 'TB-CQ-AUTO' };
  const sameEmployer = { assessorId: 'EX-0011', employer: '  steppe motors  service LLP' };
  const sameProvider = { assessorId: 'EX-0031', employer: 'Almaty College', trainingProviderId: 'ST-KZ-ALA' };

  it('refuses a booking into a session run by another station', () => {
    const foreign = { ...book(), session: { ...book().session, stationId: 'ST-TH-BKK' } };
    expect(refusal(() => decideApplication(foreign, given(toTrained), ctx)).code).toBe('station-mismatch');
  });

  it('refuses a booking or result from a session that names no assessors', () => {
    expect(refusal(() => decideApplication(book(), given(toTrained), viaSession)).code).toBe('invalid-command');
    expect(refusal(() => decideApplication(result(80, 80), given(toBooked), viaSession)).code).toBe('invalid-command');
  });

  it('re-checks the conflict of interest against its own record of the candidate', () => {
    const declared = [register({ evidence: goodEvidence }), ...toTrained.slice(1)];
    expect(
      refusal(() => decideApplication({ ...book(), assessors: [impartial, sameEmployer] }, given(declared), viaSession)).code,
    ).toBe('conflict-of-interest');
    // Enrolled with the Almaty station as training provider: an assessor from that provider is tied too.
    const scored = { ...result(80, 80), assessorIds: ['EX-0031'], assessors: [impartial, sameProvider] };
    expect(refusal(() => decideApplication(scored, given(toBooked), viaSession)).message).toMatch(/same-training-provider/);
  });

  it('refuses scoring assessors the session did not assign, and accepts assigned impartial ones', () => {
    const stranger = { ...result(80, 80), assessorIds: ['EX-0002', 'EXP-AUTO-001'], assessors: [impartial] };
    expect(refusal(() => decideApplication(stranger, given(toBooked), viaSession)).code).toBe('assessor-not-assigned');
    const fine = { ...result(80, 80), assessorIds: ['EX-0002'], assessors: [impartial, sameEmployer] };
    // An assigned assessor who did not score this candidate does not taint the result.
    expect(decideApplication(fine, given(toBooked), viaSession).map((e) => e.type)).toEqual(['AssessmentResultRecorded']);
  });
});
