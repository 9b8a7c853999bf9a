import {
  alice,
  almaty,
  applicationId,
  approve,
  ctx,
  day,
  given,
  goodEvidence,
  rayong,
  register,
  run,
  timer,
  toEligible,
  toRegistered,
} from './application.fixtures';
import type { ApplicationCommandOf } from './application.commands';
import { decideApplication } from './application.decider';
import { refusal } from '../testing/refusal';

const requestInfo: ApplicationCommandOf<'RequestInformation'> = {
  type: 'RequestInformation',
  items: ['employment record for 2019-2024'],
  actor: alice,
  at: day(1),
};
const provide = (at = day(5)): ApplicationCommandOf<'ProvideInformation'> => ({
  type: 'ProvideInformation',
  evidence: { documents: ['employment-record'] },
  actor: almaty,
  at,
});
const withdraw = (at: string): ApplicationCommandOf<'WithdrawForSilence'> => ({
  type: 'WithdrawForSilence',
  actor: timer,
  at,
});
const escalate = (at: string): ApplicationCommandOf<'EscalateReview'> => ({
  type: 'EscalateReview',
  actor: timer,
  at,
});
const reject: ApplicationCommandOf<'RejectEligibility'> = {
  type: 'RejectEligibility',
  reason: 'experience not in the occupation',
  actor: alice,
  at: day(2),
};
const awaiting = [...toRegistered, requestInfo];

describe('eligibility review: approve', () => {
  it('given no declared evidence, when an officer approves, then EligibilityApproved on the officer’s review alone', () => {
    expect(decideApplication(approve, given(toRegistered), ctx)).toEqual([
      {
        type: 'EligibilityApproved',
        data: { applicationId, by: alice, note: undefined, at: day(2), evidenceChecked: false },
      },
    ]);
    expect(given(toEligible)).toMatchObject({ status: 'eligible', reviewers: ['officer-alice'] });
  });

  it('given evidence meeting the scheme, then approval records that it was checked', () => {
    const [event] = decideApplication(approve, given([register({ evidence: goodEvidence })]), ctx);
    expect(event?.data).toMatchObject({ evidenceChecked: true });
  });

  it('refuses approval when declared evidence misses the scheme, naming what is missing', () => {
    const state = given([
      register({ evidence: { ...goodEvidence, yearsOfExperience: 1, documents: ['photo'] } }),
    ]);
    const err = refusal(() => decideApplication(approve, state, ctx));
    expect(err.code).toBe('eligibility-unmet');
    expect(err.message).toContain('identity-document missing');
  });

  it('refuses a station approving, approval while information is awaited, and a second approval', () => {
    expect(
      refusal(() => decideApplication({ ...approve, actor: almaty }, given(toRegistered), ctx)).code,
    ).toBe('forbidden');
    expect(refusal(() => decideApplication(approve, given(awaiting), ctx)).code).toBe('invalid-transition');
    expect(refusal(() => decideApplication(approve, given(toEligible), ctx)).code).toBe('invalid-transition');
  });
});

describe('eligibility review: reject', () => {
  it('when an officer rejects, then EligibilityRejected with the unmet criteria and the application is closed', () => {
    const { state, events } = run([
      register({ evidence: { ...goodEvidence, dateOfBirth: '2010-01-01' } }),
      reject,
    ]);
    expect(events[1]).toEqual({
      type: 'EligibilityRejected',
      data: {
        applicationId,
        by: alice,
        reason: 'experience not in the occupation',
        unmet: [{ criterion: 'minimum-age', detail: 'aged 16, the minimum is 20' }],
        at: day(2),
      },
    });
    expect(state.status).toBe('rejected');
    expect(refusal(() => decideApplication(approve, state, ctx)).code).toBe('application-closed');
  });

  it('may reject while information is awaited, not after approval, and only as an officer', () => {
    expect(run([...awaiting, reject]).state.status).toBe('rejected');
    expect(refusal(() => decideApplication(reject, given(toEligible), ctx)).code).toBe('invalid-transition');
    expect(
      refusal(() => decideApplication({ ...reject, actor: almaty }, given(toRegistered), ctx)).code,
    ).toBe('forbidden');
  });
});

describe('eligibility review: information requests', () => {
  it('when an officer requests information, then InformationRequested with the deadline from the scheme', () => {
    const [event] = decideApplication(requestInfo, given(toRegistered), ctx);
    expect(event).toEqual({
      type: 'InformationRequested',
      data: {
        applicationId,
        by: alice,
        items: ['employment record for 2019-2024'],
        respondBy: day(22),
        at: day(1),
      },
    });
    expect(given(awaiting)).toMatchObject({
      status: 'awaiting-information',
      informationRequest: { respondBy: day(22) },
      reviewers: ['officer-alice'],
    });
  });

  it('takes the deadline from configuration when it is overridden', () => {
    const [event] = decideApplication(requestInfo, given(toRegistered), {
      ...ctx,
      durationConfig: { overrides: { informationRequest: 30 } },
    });
    expect(event?.data).toMatchObject({ respondBy: '2026-03-02T08:00:30.000Z' });
  });

  it('refuses a request from a station or after approval', () => {
    expect(
      refusal(() => decideApplication({ ...requestInfo, actor: almaty }, given(toRegistered), ctx)).code,
    ).toBe('forbidden');
    expect(refusal(() => decideApplication(requestInfo, given(toEligible), ctx)).code).toBe(
      'invalid-transition',
    );
  });

  it('when the station provides it in time, then the evidence is added and the review resumes', () => {
    const { state, events } = run([
      register({ evidence: { ...goodEvidence, documents: ['photo'] } }),
      requestInfo,
      provide(day(22)),
    ]);
    expect(events[2]?.type).toBe('InformationProvided');
    expect(state.status).toBe('registered');
    expect(state.informationRequest).toBeUndefined();
    expect(state.evidence?.documents).toEqual(['photo', 'employment-record']);
  });

  it('refuses information after the deadline, when none was asked, or from another station', () => {
    expect(refusal(() => decideApplication(provide(day(23)), given(awaiting), ctx)).code).toBe(
      'deadline-passed',
    );
    expect(refusal(() => decideApplication(provide(), given(toRegistered), ctx)).code).toBe(
      'invalid-transition',
    );
    expect(refusal(() => decideApplication({ ...provide(), actor: rayong }, given(awaiting), ctx)).code).toBe(
      'forbidden',
    );
  });

  it('when the deadline passes in silence, then the workflow’s timer withdraws the application', () => {
    const { state, events } = run([...awaiting, withdraw(day(22))]);
    expect(events.at(-1)).toEqual({
      type: 'ApplicationWithdrawn',
      data: {
        applicationId,
        by: timer,
        reason: 'no-response-to-information-request',
        respondBy: day(22),
        at: day(22),
      },
    });
    expect(state.status).toBe('withdrawn');
    expect(refusal(() => decideApplication(provide(day(22)), state, ctx)).code).toBe('application-closed');
  });

  it('refuses withdrawal before the deadline, without an open request, or by a station', () => {
    expect(refusal(() => decideApplication(withdraw(day(21)), given(awaiting), ctx)).code).toBe(
      'deadline-not-reached',
    );
    expect(refusal(() => decideApplication(withdraw(day(30)), given(toRegistered), ctx)).code).toBe(
      'invalid-transition',
    );
    expect(
      refusal(() => decideApplication({ ...withdraw(day(30)), actor: almaty }, given(awaiting), ctx)).code,
    ).toBe('forbidden');
  });
});

describe('eligibility review: SLA escalation', () => {
  it('when the review is still open at its due date, then ReviewEscalated once', () => {
    const { state, events } = run([...toRegistered, escalate(day(10))]);
    expect(events.at(-1)).toEqual({
      type: 'ReviewEscalated',
      data: { applicationId, by: timer, dueBy: day(10), at: day(10) },
    });
    expect(state).toMatchObject({ status: 'registered', reviewEscalated: true });
    expect(refusal(() => decideApplication(escalate(day(11)), state, ctx)).code).toBe('already-escalated');
  });

  it('escalates while information is awaited too', () => {
    expect(run([...awaiting, escalate(day(10))]).state.reviewEscalated).toBe(true);
  });

  it('refuses escalation before the due date, after the review ended, or by a station', () => {
    expect(refusal(() => decideApplication(escalate(day(9)), given(toRegistered), ctx)).code).toBe(
      'deadline-not-reached',
    );
    expect(refusal(() => decideApplication(escalate(day(11)), given(toEligible), ctx)).code).toBe(
      'invalid-transition',
    );
    expect(
      refusal(() => decideApplication({ ...escalate(day(11)), actor: almaty }, given(toRegistered), ctx))
        .code,
    ).toBe('forbidden');
  });

  it('falls back to the SLA in force for applications registered before due dates were recorded', () => {
    const state = { ...given(toRegistered), reviewDueBy: undefined };
    expect(refusal(() => decideApplication(escalate(day(9)), state, ctx)).code).toBe('deadline-not-reached');
    expect(decideApplication(escalate(day(10)), state, ctx)[0]?.data).toMatchObject({ dueBy: day(10) });
  });
});
