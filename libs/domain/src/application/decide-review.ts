import type { ApplicationCommandOf } from './application.commands';
import type { ApplicationContext } from './application.context';
import type { ApplicationEvent } from './application.events';
import { applicationIdOf, requireStatus } from './application.guards';
import type { ApplicationState } from './application.state';
import { assessEligibility } from '../scheme/eligibility';
import { requireRole } from '../shared/actor-roles';
import { refuse } from '../shared/domain-error';
import { addSeconds, isBefore } from '../shared/iso-time';

type ReviewCommand = ApplicationCommandOf<
  | 'ApproveEligibility'
  | 'RejectEligibility'
  | 'RequestInformation'
  | 'ProvideInformation'
  | 'WithdrawForSilence'
  | 'EscalateReview'
>;

/** Eligibility review: approve, reject, ask for more, and the two timers (silence, SLA). */
export function decideReview(
  command: ReviewCommand,
  state: ApplicationState,
  ctx: ApplicationContext,
): ApplicationEvent[] {
  const applicationId = applicationIdOf(state);
  const { actor, at } = command;
  switch (command.type) {
    case 'ApproveEligibility': {
      requireRole(actor, ['officer'], 'approve eligibility');
      requireStatus(state, ['registered'], 'approve eligibility');
      // Declared evidence is checked against the pinned scheme; without any, the officer's review of the
      // paper file is the basis, and the event says so.
      if (state.evidence) {
        const result = assessEligibility(ctx.scheme, state.evidence, at);
        if (!result.eligible)
          refuse(
            'eligibility-unmet',
            `the declared evidence does not meet the scheme: ${result.unmet.map((u) => u.detail).join('; ')}`,
          );
      }
      return [
        {
          type: 'EligibilityApproved',
          data: {
            applicationId,
            by: actor,
            note: command.note,
            at,
            evidenceChecked: state.evidence !== undefined,
          },
        },
      ];
    }
    case 'RejectEligibility': {
      requireRole(actor, ['officer'], 'reject eligibility');
      requireStatus(state, ['registered', 'awaiting-information'], 'reject eligibility');
      const unmet = state.evidence ? assessEligibility(ctx.scheme, state.evidence, at).unmet : [];
      return [
        {
          type: 'EligibilityRejected',
          data: { applicationId, by: actor, reason: command.reason, unmet, at },
        },
      ];
    }
    case 'RequestInformation': {
      requireRole(actor, ['officer'], 'request information');
      requireStatus(state, ['registered'], 'request information');
      const respondBy = addSeconds(at, ctx.durations.informationRequest);
      return [
        {
          type: 'InformationRequested',
          data: { applicationId, by: actor, items: command.items, respondBy, at },
        },
      ];
    }
    case 'ProvideInformation': {
      requireRole(actor, ['officer', 'station'], 'provide information');
      requireStatus(state, ['awaiting-information'], 'provide information');
      if (actor.role === 'station' && actor.stationId !== state.stationId)
        refuse('forbidden', `station ${actor.stationId} did not register this application`);
      const respondBy = state.informationRequest?.respondBy;
      if (respondBy && isBefore(respondBy, at))
        refuse('deadline-passed', `the information was due by ${respondBy}`);
      return [
        {
          type: 'InformationProvided',
          data: { applicationId, by: actor, evidence: command.evidence, note: command.note, at },
        },
      ];
    }
    case 'WithdrawForSilence': {
      requireRole(actor, ['officer', 'admin'], 'withdraw an application for silence');
      requireStatus(state, ['awaiting-information'], 'withdraw for silence');
      const respondBy =
        state.informationRequest?.respondBy ?? refuse('invalid-transition', 'no information request is open');
      if (isBefore(at, respondBy))
        refuse('deadline-not-reached', `the candidate has until ${respondBy} to answer`);
      return [
        {
          type: 'ApplicationWithdrawn',
          data: { applicationId, by: actor, reason: 'no-response-to-information-request', respondBy, at },
        },
      ];
    }
    case 'EscalateReview': {
      requireRole(actor, ['officer', 'admin'], 'escalate a review');
      requireStatus(state, ['registered', 'awaiting-information'], 'escalate the review');
      if (state.reviewEscalated) refuse('already-escalated', 'the review has already been escalated');
      // Applications registered before the due date was recorded fall back to the SLA now in force.
      const dueBy = state.reviewDueBy ?? addSeconds(state.registeredAt ?? at, ctx.durations.reviewSla);
      if (isBefore(at, dueBy)) refuse('deadline-not-reached', `the review is due by ${dueBy}`);
      return [{ type: 'ReviewEscalated', data: { applicationId, by: actor, dueBy, at } }];
    }
  }
}
