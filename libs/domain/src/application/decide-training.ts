import type { ApplicationCommandOf } from './application.commands';
import type { ApplicationContext } from './application.context';
import type { ApplicationEvent } from './application.events';
import { applicationIdOf, requireStatus } from './application.guards';
import type { ApplicationState } from './application.state';
import { findTrainingProvider } from '../reference/reference-lookup';
import type { Actor } from '../shared/actor';
import { requireRole } from '../shared/actor-roles';
import { refuse } from '../shared/domain-error';

type TrainingCommand = ApplicationCommandOf<
  'EnrolInTraining' | 'RecordTrainingHours' | 'SignOffTraining' | 'RecognisePriorLearning'
>;

/** A station account records training only for candidates it trains itself. */
function requireTrainingProvider(actor: Actor, state: ApplicationState, what: string): void {
  requireRole(actor, ['officer', 'station'], what);
  if (actor.role === 'station' && actor.stationId !== state.training.providerId)
    refuse(
      'forbidden',
      `station ${actor.stationId} is not the training provider (${state.training.providerId})`,
    );
}

export function decideTraining(
  command: TrainingCommand,
  state: ApplicationState,
  ctx: ApplicationContext,
): ApplicationEvent[] {
  const applicationId = applicationIdOf(state);
  const { actor, at } = command;
  switch (command.type) {
    case 'EnrolInTraining': {
      requireRole(actor, ['officer', 'station'], 'enrol a candidate in training');
      if (state.status === 'in-training')
        refuse('already-enrolled', `already enrolled at ${state.training.providerId}`);
      requireStatus(state, ['eligible'], 'enrol in training');
      const { scheme, reference } = ctx;
      const provider =
        findTrainingProvider(reference, command.providerId) ??
        refuse('unknown-provider', `no training provider ${command.providerId}`);
      const accepted = scheme.training.acceptedProviders;
      if (
        !accepted.kinds.includes(provider.kind) ||
        (accepted.providerIds && !accepted.providerIds.includes(provider.id))
      )
        refuse(
          'provider-not-accepted',
          `the scheme does not accept training at ${provider.id} (${provider.kind})`,
        );
      const accredited =
        [...reference.stations, ...reference.trainingBases].find((p) => p.id === provider.id)?.standards ??
        [];
      if (!accredited.includes(scheme.standardCode))
        refuse('provider-not-accredited', `${provider.id} does not train for ${scheme.standardCode}`);
      return [
        {
          type: 'TrainingEnrolled',
          data: { applicationId, by: actor, provider: { id: provider.id, kind: provider.kind }, at },
        },
      ];
    }
    case 'RecordTrainingHours': {
      requireStatus(state, ['in-training'], 'record training hours');
      requireTrainingProvider(actor, state, 'record training hours');
      const totalHours = state.training.hours + command.hours;
      return [
        {
          type: 'TrainingHoursRecorded',
          data: {
            applicationId,
            by: actor,
            hours: command.hours,
            instructorId: command.instructorId,
            totalHours,
            at,
          },
        },
      ];
    }
    case 'SignOffTraining': {
      requireStatus(state, ['in-training'], 'sign off training');
      requireTrainingProvider(actor, state, 'sign off training');
      const required = ctx.scheme.training.requiredHours;
      const { hours, exemptHours } = state.training;
      if (hours + exemptHours < required)
        refuse(
          'hours-insufficient',
          `${hours} hour(s) attended and ${exemptHours} exempted; the scheme requires ${required}`,
        );
      return [
        {
          type: 'TrainingCompleted',
          data: {
            applicationId,
            by: actor,
            instructorId: command.instructorId,
            hoursCompleted: hours,
            hoursExempted: exemptHours,
            requiredHours: required,
            at,
          },
        },
      ];
    }
    case 'RecognisePriorLearning': {
      requireRole(actor, ['officer'], 'recognise prior learning');
      requireStatus(state, ['eligible', 'in-training'], 'recognise prior learning');
      const { requiredHours, priorLearning } = ctx.scheme.training;
      if (!priorLearning.recognised)
        refuse('rpl-not-allowed', 'this scheme does not recognise prior learning');
      if (command.exemption.kind === 'full') {
        if (!priorLearning.fullExemption)
          refuse(
            'rpl-full-not-allowed',
            `this scheme exempts at most ${priorLearning.maxExemptHours} hour(s)`,
          );
        return [
          {
            type: 'PriorLearningRecognised',
            data: {
              applicationId,
              by: actor,
              exemptHours: requiredHours - state.training.exemptHours,
              fullExemption: true,
              basis: command.basis,
              at,
            },
          },
        ];
      }
      const total = state.training.exemptHours + command.exemption.hours;
      if (total > priorLearning.maxExemptHours)
        refuse(
          'rpl-limit',
          `${total} hour(s) exempted in all would exceed the scheme's maximum of ${priorLearning.maxExemptHours}`,
        );
      return [
        {
          type: 'PriorLearningRecognised',
          data: {
            applicationId,
            by: actor,
            exemptHours: command.exemption.hours,
            fullExemption: false,
            basis: command.basis,
            at,
          },
        },
      ];
    }
  }
}
