import type { ApplicationState, ApplicationStatus } from './application.state';
import { refuse } from '../shared/domain-error';

/** Refuses (code 'invalid-transition') unless the application is in one of the statuses. */
export function requireStatus(
  state: ApplicationState,
  allowed: readonly ApplicationStatus[],
  what: string,
): void {
  if (!allowed.includes(state.status))
    refuse(
      'invalid-transition',
      `cannot ${what}: the application is ${state.status}, not ${allowed.join(' or ')}`,
    );
}

/** The id of a registered application (every status past 'new' has one). */
export function applicationIdOf(state: ApplicationState): string {
  return state.applicationId ?? refuse('invalid-transition', 'the application is not registered');
}
