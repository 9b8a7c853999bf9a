import { conflictsBetween, type AssessorTies, type CandidateTies } from './conflict-of-interest';
import type { SessionCommand, SessionCommandOf } from './session.commands';
import type { SessionEvent } from './session.events';
import type { SessionState } from './session.state';
import type { ReferenceData } from '../reference/reference-data.schema';
import { findSchemeIn } from '../reference/reference-lookup';
import { shippedReferenceData } from '../reference/shipped-reference-data';
import {
  schemeLabel,
  type CertificationScheme,
  type ConflictOfInterestRule,
} from '../scheme/certification-scheme';
import type { Actor } from '../shared/actor';
import { requireRole } from '../shared/actor-roles';
import { refuse } from '../shared/domain-error';
import { isBefore } from '../shared/iso-time';

export {
  evolveSession,
  initialSessionState,
  replaySession,
  type SessionState,
  type SessionStatus,
} from './session.state';

/** Optional inputs: reference data (default: shipped) and the scheme to apply (default: looked up). */
export interface SessionContextInput {
  reference?: ReferenceData;
  scheme?: CertificationScheme;
}

/** Officers act for any station; a station account only for its own sessions. */
function requireSessionActor(actor: Actor, stationId: string | undefined, what: string): void {
  requireRole(actor, ['officer', 'station'], what);
  if (actor.role === 'station' && actor.stationId !== stationId)
    refuse('forbidden', `station ${actor.stationId} does not run this session (${stationId})`);
}

function describeConflicts(
  rule: ConflictOfInterestRule,
  assessors: readonly AssessorTies[],
  candidates: readonly CandidateTies[],
): string[] {
  const found: string[] = [];
  for (const a of assessors)
    for (const c of candidates) {
      const kinds = conflictsBetween(rule, a, c);
      if (kinds.length > 0)
        found.push(`assessor ${a.assessorId} and candidate ${c.candidateId}: ${kinds.join(', ')}`);
    }
  return found;
}

function schedule(
  command: SessionCommandOf<'ScheduleSession'>,
  state: SessionState,
  context: SessionContextInput,
): SessionEvent[] {
  if (state.status !== 'new') refuse('already-scheduled', `session ${state.sessionId} is already scheduled`);
  requireSessionActor(command.actor, command.stationId, 'schedule an assessment session');
  const reference = context.reference ?? shippedReferenceData();
  const station =
    reference.stations.find((s) => s.id === command.stationId) ??
    refuse('unknown-station', `no station ${command.stationId}`);
  if (!station.standards.includes(command.standardCode))
    refuse('station-not-accredited', `station ${station.id} is not accredited for ${command.standardCode}`);
  const wanted = { standardCode: command.standardCode, level: command.level };
  const scheme =
    context.scheme ??
    findSchemeIn(reference.schemes, command.standardCode, command.level, command.schemeVersion) ??
    refuse(
      'unknown-scheme',
      `no certification scheme for ${command.standardCode} ${command.level}${command.schemeVersion ? ` v${command.schemeVersion}` : ''}`,
    );
  if (
    scheme.standardCode !== wanted.standardCode ||
    scheme.level !== wanted.level ||
    (command.schemeVersion !== undefined && scheme.version !== command.schemeVersion)
  )
    refuse(
      'scheme-mismatch',
      `the session is for ${command.standardCode} ${command.level}, not ${schemeLabel(scheme)}`,
    );
  if (!isBefore(command.at, command.scheduledFor))
    refuse('session-in-past', `a session cannot be scheduled for ${command.scheduledFor}`);
  return [
    {
      type: 'SessionScheduled',
      data: {
        sessionId: command.sessionId,
        stationId: station.id,
        standardCode: command.standardCode,
        level: command.level,
        schemeVersion: scheme.version,
        conflictRule: scheme.conflictOfInterest,
        scheduledFor: command.scheduledFor,
        capacity: command.capacity,
        by: command.actor,
        at: command.at,
      },
    },
  ];
}

/**
 * Decides a command for an assessment session: the events to record, or a DomainError with a stable
 * code. The conflict-of-interest rule is the one pinned when the session was scheduled.
 */
export function decideSession(
  command: SessionCommand,
  state: SessionState,
  context: SessionContextInput = {},
): SessionEvent[] {
  if (command.type === 'ScheduleSession') return schedule(command, state, context);
  if (state.status === 'new') refuse('invalid-transition', 'the session is not scheduled');
  if (state.status === 'closed') refuse('session-closed', `session ${state.sessionId} is closed`);
  const sessionId = state.sessionId ?? refuse('invalid-transition', 'the session is not scheduled');
  const scheduledFor = state.scheduledFor ?? refuse('invalid-transition', 'the session has no date');
  const rule = state.conflictRule ?? { sameEmployer: true, sameTrainingProvider: true };
  const { actor, at } = command;

  switch (command.type) {
    case 'BookCandidate': {
      requireSessionActor(actor, state.stationId, 'book a candidate');
      if (!isBefore(at, scheduledFor)) refuse('session-started', `the session began at ${scheduledFor}`);
      if (
        state.bookings.some(
          (b) => b.applicationId === command.applicationId || b.candidateId === command.candidateId,
        )
      )
        refuse('already-booked', `candidate ${command.candidateId} is already booked into this session`);
      if (state.bookings.length >= state.capacity)
        refuse('session-full', `all ${state.capacity} places are taken`);
      const candidate: CandidateTies = {
        applicationId: command.applicationId,
        candidateId: command.candidateId,
        employer: command.employer,
        trainingProviderId: command.trainingProviderId,
      };
      const conflicts = describeConflicts(rule, state.assessors, [candidate]);
      if (conflicts.length > 0) refuse('conflict-of-interest', conflicts.join('; '));
      return [{ type: 'SessionCandidateBooked', data: { sessionId, ...candidate, by: actor, at } }];
    }
    case 'CancelSessionBooking': {
      requireSessionActor(actor, state.stationId, 'cancel a booking');
      if (!state.bookings.some((b) => b.applicationId === command.applicationId))
        refuse('not-booked', `application ${command.applicationId} is not booked`);
      if (state.results[command.applicationId])
        refuse('result-already-submitted', 'the candidate has already been assessed');
      return [
        {
          type: 'SessionCandidateCancelled',
          data: { sessionId, applicationId: command.applicationId, reason: command.reason, by: actor, at },
        },
      ];
    }
    case 'AssignAssessor': {
      requireSessionActor(actor, state.stationId, 'assign an assessor');
      const reference = context.reference ?? shippedReferenceData();
      const expert =
        reference.assessors.find((a) => a.id === command.assessorId) ??
        refuse('unknown-assessor', `no assessor ${command.assessorId} in the expert database`);
      if (!expert.standards.includes(state.standardCode ?? ''))
        refuse('assessor-not-qualified', `${expert.id} does not assess ${state.standardCode}`);
      if (state.assessors.some((a) => a.assessorId === expert.id))
        refuse('already-assigned', `${expert.id} is already assigned`);
      const ties: AssessorTies = {
        assessorId: expert.id,
        employer: expert.employer,
        trainingProviderId: expert.trainingProviderId,
      };
      const conflicts = describeConflicts(rule, [ties], state.bookings);
      if (conflicts.length > 0) refuse('conflict-of-interest', conflicts.join('; '));
      return [{ type: 'AssessorAssigned', data: { sessionId, ...ties, name: expert.name, by: actor, at } }];
    }
    case 'SubmitSessionResult': {
      requireSessionActor(actor, state.stationId, 'submit a result');
      if (isBefore(at, scheduledFor))
        refuse('session-not-held', `the session is scheduled for ${scheduledFor}`);
      const booking =
        state.bookings.find((b) => b.applicationId === command.applicationId) ??
        refuse('not-booked', `application ${command.applicationId} is not booked`);
      if (state.results[command.applicationId])
        refuse('result-already-submitted', `a result for ${booking.candidateId} is already in`);
      if (state.assessors.length === 0) refuse('no-assessor', 'no assessor is assigned to the session');
      const strangers = command.assessorIds.filter((id) => !state.assessors.some((a) => a.assessorId === id));
      if (strangers.length > 0)
        refuse('assessor-not-assigned', `not assigned to this session: ${strangers.join(', ')}`);
      return [
        {
          type: 'SessionResultSubmitted',
          data: {
            sessionId,
            applicationId: booking.applicationId,
            candidateId: booking.candidateId,
            scores: command.scores,
            assessorIds: command.assessorIds,
            by: actor,
            at,
          },
        },
      ];
    }
    case 'CloseSession': {
      requireSessionActor(actor, state.stationId, 'close a session');
      if (isBefore(at, scheduledFor))
        refuse('session-not-held', `the session is scheduled for ${scheduledFor}`);
      const absentees = state.bookings
        .filter((b) => !state.results[b.applicationId])
        .map((b) => b.applicationId);
      return [{ type: 'SessionClosed', data: { sessionId, absentees, by: actor, at } }];
    }
  }
}
