import type { Actor, Role } from './actor';
import { refuse } from './domain-error';

/** Refuses (code 'forbidden') unless the actor holds one of the roles; `what` completes "only … can <what>". */
export function requireRole(actor: Actor, roles: readonly Role[], what: string): void {
  if (!roles.includes(actor.role))
    refuse('forbidden', `only ${roles.join(' or ')} can ${what} (actor ${actor.id} is ${actor.role})`);
  // A station account acts for one station; without it we could not tell whose candidates it may touch.
  if (actor.role === 'station' && !actor.stationId)
    refuse('forbidden', `station actor ${actor.id} names no station`);
}
