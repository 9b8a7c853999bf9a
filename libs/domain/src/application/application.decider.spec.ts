import { decideApplication, initialApplicationState, replayApplication } from './application.decider';
import type { ApplicationEvent } from './application.events';
import { DomainError } from '../shared/domain-error';

const at = '2026-03-01T08:00:00.000Z';
const applicationId = '3f2a6c1e-8b4d-4e0a-9c1b-2d3e4f5a6b7c';
const alice = { id: 'officer-alice', role: 'officer' as const };
const bob = { id: 'officer-bob', role: 'officer' as const };

const registered: ApplicationEvent = {
  type: 'ApplicationRegistered',
  data: {
    applicationId,
    candidate: { id: 'KZ-000123', fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' },
    standardCode: 'BR-AUTO-EV',
    level: 'senior',
    stationId: 'ST-KZ-ALA',
    schemeVersion: 1,
    registeredBy: { id: 'station-kz', role: 'station', stationId: 'ST-KZ-ALA' },
    at,
  },
};
const approvedByAlice: ApplicationEvent = { type: 'EligibilityApproved', data: { applicationId, by: alice, at } };

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

describe('application decider', () => {
  it('given a registered application, when an officer approves eligibility, then EligibilityApproved', () => {
    const state = replayApplication([registered]);
    expect(decideApplication({ type: 'ApproveEligibility', actor: alice, at }, state)).toEqual([
      { type: 'EligibilityApproved', data: { applicationId, by: alice, note: undefined, at } },
    ]);
  });

  it('given an eligible application, when another officer grants, then granted and issued with a number', () => {
    const state = replayApplication([registered, approvedByAlice]);
    const events = decideApplication({ type: 'DecideCertification', actor: bob, decision: 'grant', validityYears: 3, at }, state);
    expect(events.map((e) => e.type)).toEqual(['CertificationGranted', 'CertificateIssued']);
    expect(events[1]!.data).toMatchObject({ certificateNumber: 'CN-2026-3F2A6C1E8B4D', validUntil: '2029-03-01T08:00:00.000Z' });
    expect(replayApplication([registered, approvedByAlice, ...events]).status).toBe('certified');
  });

  it('refuses the reviewer deciding too (four eyes)', () => {
    const state = replayApplication([registered, approvedByAlice]);
    const err = refusal(() => decideApplication({ type: 'DecideCertification', actor: alice, decision: 'grant', validityYears: 3, at }, state));
    expect(err.code).toBe('four-eyes');
  });

  it('refuses a decision before eligibility and a second registration', () => {
    const state = replayApplication([registered]);
    expect(refusal(() => decideApplication({ type: 'DecideCertification', actor: bob, decision: 'grant', validityYears: 3, at }, state)).code).toBe('invalid-transition');
    expect(refusal(() => decideApplication({ type: 'RegisterApplication', ...registered.data, candidate: registered.data.candidate, actor: alice, at } as never, state)).code).toBe('already-registered');
    expect(initialApplicationState().status).toBe('new');
  });

  it('refuses a station approving eligibility', () => {
    const state = replayApplication([registered]);
    const err = refusal(() => decideApplication({ type: 'ApproveEligibility', actor: { id: 's', role: 'station', stationId: 'ST-KZ-ALA' }, at }, state));
    expect(err.code).toBe('forbidden');
  });
});
