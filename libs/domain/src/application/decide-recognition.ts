import type { ApplicationCommandOf } from './application.commands';
import type { ApplicationContext } from './application.context';
import type { ApplicationEvent } from './application.events';
import { applicationIdOf, requireStatus } from './application.guards';
import type { ApplicationState } from './application.state';
import { checkRecognition } from '../recognition/recognition-check';
import { requireRole } from '../shared/actor-roles';
import { refuse } from '../shared/domain-error';

/** One RecognitionChecked per target country, each naming the agreement version it relied on. */
export function decideRecognition(
  command: ApplicationCommandOf<'CheckRecognition'>,
  state: ApplicationState,
  ctx: ApplicationContext,
): ApplicationEvent[] {
  const applicationId = applicationIdOf(state);
  requireRole(command.actor, ['officer'], 'check mutual recognition');
  requireStatus(state, ['assessed'], 'check mutual recognition');
  const countries = [...new Set(command.targetCountries ?? state.targetCountries)];
  if (countries.length === 0)
    refuse('no-target-country', 'the candidate named no country to be recognised in');
  const known = new Set(ctx.reference.countries.map((c) => c.code));
  const unknown = countries.filter((c) => !known.has(c));
  if (unknown.length > 0) refuse('unknown-country', `unknown countries: ${unknown.join(', ')}`);

  return countries.map((countryCode): ApplicationEvent => {
    const result = checkRecognition(ctx.reference.agreements, {
      standardCode: state.standardCode ?? '',
      level: state.level ?? 'junior',
      countryCode,
      at: command.at,
      evidence: command.evidence ?? {},
    });
    return {
      type: 'RecognitionChecked',
      data: {
        applicationId,
        by: command.actor,
        countryCode,
        outcome: result.outcome,
        reason: result.reason,
        agreement: result.agreement,
        conditionsMet: result.conditionsMet,
        conditionsUnmet: result.conditionsUnmet,
        at: command.at,
      },
    };
  });
}
