import type { ApplicationCommandOf } from './application.commands';
import type { ApplicationContext } from './application.context';
import type { ApplicationEvent } from './application.events';
import type { ApplicationState } from './application.state';
import { requireRole } from '../shared/actor-roles';
import { refuse } from '../shared/domain-error';
import { addSeconds } from '../shared/iso-time';

export function decideRegistration(
  command: ApplicationCommandOf<'RegisterApplication'>,
  state: ApplicationState,
  ctx: ApplicationContext,
): ApplicationEvent[] {
  if (state.status !== 'new')
    refuse('already-registered', `application ${state.applicationId} already exists`);
  requireRole(command.actor, ['officer', 'station'], 'register an application');
  if (command.actor.role === 'station' && command.stationId !== command.actor.stationId)
    refuse('forbidden', `station ${command.actor.stationId} can only register candidates at its own station`);

  const { reference, scheme, durations } = ctx; // refuses an unknown scheme
  if (command.stationId !== undefined) {
    const station =
      reference.stations.find((s) => s.id === command.stationId) ??
      refuse('unknown-station', `no station ${command.stationId}`);
    if (!station.standards.includes(command.standardCode))
      refuse('station-not-accredited', `station ${station.id} is not accredited for ${command.standardCode}`);
  }
  const countries = new Set(reference.countries.map((c) => c.code));
  const unknown = (command.targetCountries ?? []).filter((c) => !countries.has(c));
  if (unknown.length > 0)
    refuse('unknown-country', `no recognition possible in unknown countries: ${unknown.join(', ')}`);

  return [
    {
      type: 'ApplicationRegistered',
      data: {
        applicationId: command.applicationId,
        candidate: command.candidate,
        standardCode: command.standardCode,
        level: command.level,
        stationId: command.stationId,
        schemeVersion: scheme.version,
        registeredBy: command.actor,
        at: command.at,
        evidence: command.evidence,
        targetCountries: command.targetCountries ? [...new Set(command.targetCountries)] : undefined,
        reviewDueBy: addSeconds(command.at, durations.reviewSla),
      },
    },
  ];
}
