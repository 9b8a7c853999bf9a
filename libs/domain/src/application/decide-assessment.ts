import type { ApplicationCommandOf } from './application.commands';
import type { ApplicationContext } from './application.context';
import type { ApplicationEvent } from './application.events';
import { applicationIdOf, requireStatus } from './application.guards';
import type { ApplicationState, ApplicationStatus } from './application.state';
import { conflictsBetween } from '../assessment-session/conflict-of-interest';
import { scoreAttempt } from '../scheme/scoring';
import { requireRole } from '../shared/actor-roles';
import { refuse } from '../shared/domain-error';
import { addSeconds, isBefore } from '../shared/iso-time';

type AssessmentCommand = ApplicationCommandOf<
  'BookAssessment' | 'CancelAssessmentBooking' | 'RecordAssessmentResult'
>;

function bookableStatuses(ctx: ApplicationContext): ApplicationStatus[] {
  // A scheme without training hours goes straight from eligibility to assessment.
  return ctx.scheme.training.requiredHours === 0
    ? ['eligible', 'trained', 'assessment-failed']
    : ['trained', 'assessment-failed'];
}

type SessionAssessors = NonNullable<ApplicationCommandOf<'RecordAssessmentResult'>['assessors']>;

/**
 * Impartiality, checked by the application itself against its own record of the candidate (employer
 * declared at registration, training provider enrolled with) rather than trusting the session's copy.
 * Commands from a session must name the session's assessors; histories from before replay without.
 */
function requireImpartial(
  assessors: SessionAssessors | undefined,
  state: ApplicationState,
  ctx: ApplicationContext,
): void {
  if (!assessors) {
    if (ctx.viaSession) refuse('invalid-command', 'a session must name its assessors');
    return;
  }
  const candidate = {
    applicationId: applicationIdOf(state),
    candidateId: state.candidateId ?? '',
    employer: state.evidence?.employer,
    trainingProviderId: state.training.providerId,
  };
  const found = assessors.flatMap((a) =>
    conflictsBetween(ctx.scheme.conflictOfInterest, a, candidate).map((kind) => `assessor ${a.assessorId}: ${kind}`),
  );
  if (found.length > 0) refuse('conflict-of-interest', found.join('; '));
}

export function decideAssessment(
  command: AssessmentCommand,
  state: ApplicationState,
  ctx: ApplicationContext,
): ApplicationEvent[] {
  const applicationId = applicationIdOf(state);
  const { actor, at } = command;
  switch (command.type) {
    case 'BookAssessment': {
      requireRole(actor, ['officer', 'station'], 'book an assessment');
      if (state.status === 'assessment-booked')
        refuse('already-booked', `already booked into session ${state.booking?.sessionId}`);
      requireStatus(state, bookableStatuses(ctx), 'book an assessment');
      const { session } = command;
      // Overseas stations assess their own candidates only.
      if (state.stationId && session.stationId !== state.stationId)
        refuse(
          'station-mismatch',
          `the candidate is registered at ${state.stationId}; session ${session.sessionId} is run by ${session.stationId}`,
        );
      requireImpartial(command.assessors, state, ctx);
      if (session.standardCode !== state.standardCode || session.level !== state.level)
        refuse(
          'session-mismatch',
          `session ${session.sessionId} assesses ${session.standardCode} ${session.level}, not ${state.standardCode} ${state.level}`,
        );
      if (state.retryNotBefore && isBefore(at, state.retryNotBefore))
        refuse(
          'cooldown',
          `after the last attempt no new booking is possible before ${state.retryNotBefore}`,
        );
      if (isBefore(session.scheduledFor, at))
        refuse('session-in-past', `session ${session.sessionId} took place at ${session.scheduledFor}`);
      const latest = addSeconds(at, ctx.durations.bookingWindow);
      if (isBefore(latest, session.scheduledFor))
        refuse(
          'outside-booking-window',
          `sessions can be booked up to ${latest}; this one is at ${session.scheduledFor}`,
        );
      return [
        {
          type: 'AssessmentBooked',
          data: {
            applicationId,
            by: actor,
            attempt: state.attempts + 1,
            sessionId: session.sessionId,
            stationId: session.stationId,
            scheduledFor: session.scheduledFor,
            at,
          },
        },
      ];
    }
    case 'CancelAssessmentBooking': {
      requireRole(actor, ['officer', 'station'], 'cancel an assessment booking');
      const booking = state.booking;
      if (state.status !== 'assessment-booked' || !booking) refuse('not-booked', 'no assessment is booked');
      return [
        {
          type: 'AssessmentBookingCancelled',
          data: { applicationId, by: actor, sessionId: booking.sessionId, reason: command.reason, at },
        },
      ];
    }
    case 'RecordAssessmentResult': {
      requireRole(actor, ['officer', 'station'], 'record an assessment result');
      const booking = state.booking;
      if (state.status !== 'assessment-booked' || !booking) refuse('not-booked', 'no assessment is booked');
      if (booking.sessionId !== command.sessionId)
        refuse(
          'session-mismatch',
          `the candidate is booked into session ${booking.sessionId}, not ${command.sessionId}`,
        );
      if (isBefore(at, booking.scheduledFor))
        refuse('session-not-held', `the session is scheduled for ${booking.scheduledFor}`);
      if (command.assessors) {
        const assigned = command.assessors;
        const strangers = command.assessorIds.filter((id) => !assigned.some((a) => a.assessorId === id));
        if (strangers.length > 0)
          refuse('assessor-not-assigned', `not assigned to session ${command.sessionId}: ${strangers.join(', ')}`);
        requireImpartial(
          assigned.filter((a) => command.assessorIds.includes(a.assessorId)),
          state,
          ctx,
        );
      } else requireImpartial(undefined, state, ctx);
      const { scheme, durations } = ctx;
      const score = scoreAttempt(scheme, command.scores);
      const attempt = booking.attempt;
      const exhausted = !score.passed && attempt >= scheme.assessment.maxAttempts;
      const events: ApplicationEvent[] = [
        {
          type: 'AssessmentResultRecorded',
          data: {
            applicationId,
            by: actor,
            attempt,
            sessionId: command.sessionId,
            scores: command.scores,
            components: score.components,
            weightedScore: score.weightedScore,
            overallPassMark: score.overallPassMark,
            passed: score.passed,
            assessorIds: command.assessorIds,
            retryNotBefore:
              score.passed || exhausted ? undefined : addSeconds(at, durations.assessmentCooldown),
            at,
          },
        },
      ];
      if (exhausted)
        events.push({
          type: 'ApplicationRefused',
          data: { applicationId, reason: 'attempts-exhausted', attempts: attempt, at },
        });
      return events;
    }
  }
}
