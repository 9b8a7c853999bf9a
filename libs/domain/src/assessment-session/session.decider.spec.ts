import type { SessionCommand, SessionCommandOf } from './session.commands';
import {
  decideSession,
  evolveSession,
  initialSessionState,
  replaySession,
  type SessionState,
} from './session.decider';
import type { SessionEvent } from './session.events';
import { Assessor } from '../reference/reference-data.schema';
import { shippedReferenceData } from '../reference/shipped-reference-data';
import type { Actor } from '../shared/actor';
import { addSeconds } from '../shared/iso-time';
import { testScheme } from '../testing/scheme-fixture';
import { refusal } from '../testing/refusal';

const sessionId = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
const appA = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const appB = '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const appC = '2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
const t0 = '2026-05-01T09:00:00.000Z';
const day = (n: number): string => addSeconds(t0, n * 86_400);

const officer: Actor = { id: 'officer-alice', role: 'officer' };
const almaty: Actor = { id: 'station-kz-ala', role: 'station', stationId: 'ST-KZ-ALA' };
const rayong: Actor = { id: 'station-th-ryg', role: 'station', stationId: 'ST-TH-RYG' };
const auditor: Actor = { id: 'auditor-1', role: 'auditor' };

/** Shipped stations and schemes, with an expert database written for these tests. */
const reference = {
  ...shippedReferenceData(),
  assessors: [
    {
      id: 'EX-0101',
      name: 'Li Na',
      employer: 'Chongqing Automotive Vocational Institute',
      trainingProviderId: 'TB-CQ-AUTO',
      standards: ['BR-AUTO-EV'],
      stationId: 'ST-KZ-ALA',
    },
    {
      id: 'EX-0102',
      name: 'Aibek Nurlanov',
      employer: 'Steppe Motors Service LLP',
      standards: ['BR-AUTO-EV'],
      stationId: 'ST-KZ-ALA',
    },
    {
      id: 'EX-0103',
      name: 'Dana Seitkali',
      employer: 'Almaty Polytechnic College',
      trainingProviderId: 'ST-KZ-ALA',
      standards: ['BR-AUTO-EV'],
      stationId: 'ST-KZ-ALA',
    },
    {
      id: 'EX-0104',
      name: 'Liu Yang',
      employer: 'Chongqing Industrial Polytechnic',
      standards: ['BR-MFG-WELD'],
      stationId: 'ST-KZ-ALA',
    },
  ].map((a) => Assessor.parse(a)),
};
const ctx = { reference };

const schedule = (
  o: Partial<SessionCommandOf<'ScheduleSession'>> = {},
): SessionCommandOf<'ScheduleSession'> => ({
  type: 'ScheduleSession',
  sessionId,
  stationId: 'ST-KZ-ALA',
  standardCode: 'BR-AUTO-EV',
  level: 'senior',
  scheduledFor: day(30),
  capacity: 2,
  actor: almaty,
  at: t0,
  ...o,
});
const bookA: SessionCommandOf<'BookCandidate'> = {
  type: 'BookCandidate',
  applicationId: appA,
  candidateId: 'KZ-000123',
  employer: 'Steppe Motors Service LLP',
  trainingProviderId: 'TB-CQ-AUTO',
  actor: almaty,
  at: day(1),
};
const bookB: SessionCommandOf<'BookCandidate'> = {
  type: 'BookCandidate',
  applicationId: appB,
  candidateId: 'KZ-000456',
  employer: 'Nomad Garage',
  trainingProviderId: 'ST-KZ-ALA',
  actor: almaty,
  at: day(2),
};
const bookC: SessionCommandOf<'BookCandidate'> = {
  type: 'BookCandidate',
  applicationId: appC,
  candidateId: 'KZ-000789',
  employer: 'Nomad Garage',
  trainingProviderId: 'MW-KZ-SHY',
  actor: almaty,
  at: day(3),
};
const assign = (assessorId: string, at = day(5)): SessionCommandOf<'AssignAssessor'> => ({
  type: 'AssignAssessor',
  assessorId,
  actor: officer,
  at,
});
const submit = (
  applicationId: string,
  at = day(30),
  assessorIds = ['EX-0103'],
): SessionCommandOf<'SubmitSessionResult'> => ({
  type: 'SubmitSessionResult',
  applicationId,
  scores: { theory: 78, practical: 81 },
  assessorIds,
  actor: almaty,
  at,
});
const close = (at = day(31)): SessionCommandOf<'CloseSession'> => ({
  type: 'CloseSession',
  actor: almaty,
  at,
});

function run(commands: SessionCommand[]): { state: SessionState; events: SessionEvent[] } {
  let state = initialSessionState();
  const events: SessionEvent[] = [];
  for (const c of commands)
    for (const e of decideSession(c, state, ctx)) {
      events.push(e);
      state = evolveSession(state, e);
    }
  return { state, events };
}
const given = (commands: SessionCommand[]): SessionState => run(commands).state;

// Candidate A works for EX-0102's employer; B trained where EX-0103 teaches; EX-0101 teaches where A trained.
const scheduled = [schedule()];
const withA = [schedule(), bookA];
const staffed = [schedule(), bookA, assign('EX-0103')];

describe('assessment session: scheduling', () => {
  it('when a station schedules a session for a standard it is accredited for, then SessionScheduled pins the scheme’s conflict rule', () => {
    expect(decideSession(schedule(), initialSessionState(), ctx)).toEqual([
      {
        type: 'SessionScheduled',
        data: {
          sessionId,
          stationId: 'ST-KZ-ALA',
          standardCode: 'BR-AUTO-EV',
          level: 'senior',
          schemeVersion: 2,
          conflictRule: { sameEmployer: true, sameTrainingProvider: true },
          scheduledFor: day(30),
          capacity: 2,
          by: almaty,
          at: t0,
        },
      },
    ]);
    expect(given(scheduled)).toMatchObject({ status: 'scheduled', capacity: 2, scheduledFor: day(30) });
  });

  it('pins a requested scheme version or a supplied scheme', () => {
    expect(decideSession(schedule({ schemeVersion: 1 }), initialSessionState(), ctx)[0]?.data).toMatchObject({
      schemeVersion: 1,
    });
    const lenient = testScheme({ conflictOfInterest: { sameEmployer: true, sameTrainingProvider: false } });
    expect(
      decideSession(schedule(), initialSessionState(), { ...ctx, scheme: lenient })[0]?.data,
    ).toMatchObject({
      schemeVersion: 1,
      conflictRule: { sameEmployer: true, sameTrainingProvider: false },
    });
  });

  it('refuses a second scheduling, another station’s account and an auditor', () => {
    expect(refusal(() => decideSession(schedule(), given(scheduled), ctx)).code).toBe('already-scheduled');
    expect(refusal(() => decideSession(schedule({ actor: rayong }), initialSessionState(), ctx)).code).toBe(
      'forbidden',
    );
    expect(refusal(() => decideSession(schedule({ actor: auditor }), initialSessionState(), ctx)).code).toBe(
      'forbidden',
    );
  });

  it('refuses an unknown station, an unaccredited standard, an unknown scheme and a mismatched one', () => {
    expect(
      refusal(() =>
        decideSession(schedule({ stationId: 'ST-ZZ-NONE', actor: officer }), initialSessionState(), ctx),
      ).code,
    ).toBe('unknown-station');
    expect(
      refusal(() => decideSession(schedule({ standardCode: 'BR-AI-TRAIN' }), initialSessionState(), ctx))
        .code,
    ).toBe('station-not-accredited');
    expect(
      refusal(() => decideSession(schedule({ schemeVersion: 7 }), initialSessionState(), ctx)).code,
    ).toBe('unknown-scheme');
    const other = testScheme({ level: 'technician' });
    expect(
      refusal(() => decideSession(schedule(), initialSessionState(), { ...ctx, scheme: other })).code,
    ).toBe('scheme-mismatch');
  });

  it('refuses a date that is not in the future', () => {
    expect(
      refusal(() => decideSession(schedule({ scheduledFor: t0 }), initialSessionState(), ctx)).code,
    ).toBe('session-in-past');
  });

  it('refuses every other command before scheduling', () => {
    expect(refusal(() => decideSession(bookA, initialSessionState(), ctx)).code).toBe('invalid-transition');
  });
});

describe('assessment session: bookings', () => {
  it('when a candidate is booked, then SessionCandidateBooked with the ties used for conflict checks', () => {
    expect(decideSession(bookA, given(scheduled), ctx)).toEqual([
      {
        type: 'SessionCandidateBooked',
        data: {
          sessionId,
          applicationId: appA,
          candidateId: 'KZ-000123',
          employer: 'Steppe Motors Service LLP',
          trainingProviderId: 'TB-CQ-AUTO',
          by: almaty,
          at: day(1),
        },
      },
    ]);
    expect(given(withA).bookings).toHaveLength(1);
  });

  it('refuses a duplicate booking by application or by candidate', () => {
    expect(refusal(() => decideSession(bookA, given(withA), ctx)).code).toBe('already-booked');
    expect(refusal(() => decideSession({ ...bookB, candidateId: 'KZ-000123' }, given(withA), ctx)).code).toBe(
      'already-booked',
    );
  });

  it('refuses a booking beyond capacity', () => {
    expect(refusal(() => decideSession(bookC, given([...withA, bookB]), ctx)).code).toBe('session-full');
  });

  it('refuses a booking once the session has begun, or from another station', () => {
    expect(refusal(() => decideSession({ ...bookB, at: day(30) }, given(withA), ctx)).code).toBe(
      'session-started',
    );
    expect(refusal(() => decideSession({ ...bookB, actor: rayong }, given(withA), ctx)).code).toBe(
      'forbidden',
    );
  });

  it('refuses a candidate tied to an assessor already assigned', () => {
    const err = refusal(() => decideSession(bookB, given(staffed), ctx));
    expect(err.code).toBe('conflict-of-interest');
    expect(err.message).toBe('assessor EX-0103 and candidate KZ-000456: same-training-provider');
  });

  it('when a booking is cancelled, then the seat is free again', () => {
    const cancel: SessionCommand = {
      type: 'CancelSessionBooking',
      applicationId: appA,
      reason: 'candidate ill',
      actor: almaty,
      at: day(4),
    };
    const { state, events } = run([...withA, bookB, cancel]);
    expect(events.at(-1)).toEqual({
      type: 'SessionCandidateCancelled',
      data: { sessionId, applicationId: appA, reason: 'candidate ill', by: almaty, at: day(4) },
    });
    expect(state.bookings.map((b) => b.applicationId)).toEqual([appB]);
    expect(decideSession(bookC, state, ctx)).toHaveLength(1);
    expect(refusal(() => decideSession(cancel, state, ctx)).code).toBe('not-booked');
    expect(
      refusal(() => decideSession({ ...cancel, applicationId: appB, actor: rayong }, state, ctx)).code,
    ).toBe('forbidden');
  });
});

describe('assessment session: assessors', () => {
  it('when a qualified assessor without ties is assigned, then AssessorAssigned snapshots the expert record', () => {
    expect(decideSession(assign('EX-0103'), given(withA), ctx)).toEqual([
      {
        type: 'AssessorAssigned',
        data: {
          sessionId,
          assessorId: 'EX-0103',
          name: 'Dana Seitkali',
          employer: 'Almaty Polytechnic College',
          trainingProviderId: 'ST-KZ-ALA',
          by: officer,
          at: day(5),
        },
      },
    ]);
  });

  it('refuses an assessor sharing the candidate’s employer or training provider', () => {
    const employer = refusal(() => decideSession(assign('EX-0102'), given(withA), ctx));
    expect(employer.code).toBe('conflict-of-interest');
    expect(employer.message).toContain('same-employer');
    const provider = refusal(() => decideSession(assign('EX-0101'), given(withA), ctx));
    expect(provider.code).toBe('conflict-of-interest');
    expect(provider.message).toContain('same-training-provider');
  });

  it('allows a shared training provider when the scheme’s rule does not forbid it', () => {
    const lenient = testScheme({ conflictOfInterest: { sameEmployer: true, sameTrainingProvider: false } });
    const [scheduledEvent] = decideSession(schedule(), initialSessionState(), { ...ctx, scheme: lenient });
    let state = evolveSession(initialSessionState(), scheduledEvent!);
    for (const e of decideSession(bookA, state, ctx)) state = evolveSession(state, e);
    expect(decideSession(assign('EX-0101'), state, ctx)[0]?.type).toBe('AssessorAssigned');
  });

  it('refuses an unknown, unqualified or already assigned assessor', () => {
    expect(refusal(() => decideSession(assign('EX-9999'), given(withA), ctx)).code).toBe('unknown-assessor');
    expect(refusal(() => decideSession(assign('EX-0104'), given(withA), ctx)).code).toBe(
      'assessor-not-qualified',
    );
    expect(refusal(() => decideSession(assign('EX-0103'), given(staffed), ctx)).code).toBe(
      'already-assigned',
    );
  });

  it('refuses an assignment by another station', () => {
    expect(
      refusal(() => decideSession({ ...assign('EX-0103'), actor: rayong }, given(withA), ctx)).code,
    ).toBe('forbidden');
  });
});

describe('assessment session: results and closing', () => {
  it('when a booked candidate’s result is submitted, then SessionResultSubmitted once', () => {
    const { state, events } = run([...staffed, submit(appA)]);
    expect(events.at(-1)).toEqual({
      type: 'SessionResultSubmitted',
      data: {
        sessionId,
        applicationId: appA,
        candidateId: 'KZ-000123',
        scores: { theory: 78, practical: 81 },
        assessorIds: ['EX-0103'],
        by: almaty,
        at: day(30),
      },
    });
    expect(state.results[appA]).toEqual({ theory: 78, practical: 81, assessorIds: ['EX-0103'] });
    expect(refusal(() => decideSession(submit(appA, day(30)), state, ctx)).code).toBe(
      'result-already-submitted',
    );
  });

  it('refuses a result for a candidate not booked, before the session, or marked by someone not assigned', () => {
    const state = given(staffed);
    expect(refusal(() => decideSession(submit(appB), state, ctx)).code).toBe('not-booked');
    expect(refusal(() => decideSession(submit(appA, day(29)), state, ctx)).code).toBe('session-not-held');
    expect(refusal(() => decideSession(submit(appA, day(30), ['EX-0101']), state, ctx)).code).toBe(
      'assessor-not-assigned',
    );
  });

  it('refuses a result when no assessor is assigned, and from another station', () => {
    expect(refusal(() => decideSession(submit(appA), given(withA), ctx)).code).toBe('no-assessor');
    expect(refusal(() => decideSession({ ...submit(appA), actor: rayong }, given(staffed), ctx)).code).toBe(
      'forbidden',
    );
  });

  it('refuses cancelling a booking that already has a result', () => {
    const cancel: SessionCommand = {
      type: 'CancelSessionBooking',
      applicationId: appA,
      reason: 'late',
      actor: almaty,
      at: day(30),
    };
    expect(refusal(() => decideSession(cancel, given([...staffed, submit(appA)]), ctx)).code).toBe(
      'result-already-submitted',
    );
  });

  it('when the session is closed, then SessionClosed lists absentees and nothing more is accepted', () => {
    const commands = [schedule(), bookA, bookC, assign('EX-0103'), submit(appA), close()];
    const { state, events } = run(commands);
    expect(events.at(-1)).toEqual({
      type: 'SessionClosed',
      data: { sessionId, absentees: [appC], by: almaty, at: day(31) },
    });
    expect(state).toMatchObject({ status: 'closed', absentees: [appC] });
    expect(replaySession(events)).toEqual(state);
    expect(refusal(() => decideSession(submit(appC, day(31)), state, ctx)).code).toBe('session-closed');
    expect(refusal(() => decideSession(close(day(32)), state, ctx)).code).toBe('session-closed');
  });

  it('refuses closing before the session date, and by another station', () => {
    expect(refusal(() => decideSession(close(day(29)), given(staffed), ctx)).code).toBe('session-not-held');
    expect(refusal(() => decideSession({ ...close(), actor: rayong }, given(staffed), ctx)).code).toBe(
      'forbidden',
    );
  });
});
