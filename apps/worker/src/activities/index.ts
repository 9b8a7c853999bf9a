import type { EventStore } from '@corridor/event-store';
import type { CorridorActivities } from '../../../../workflows/src/public';
import { appendEventsActivity } from './append-events.activity';

export function createActivities(deps: { store: EventStore }): CorridorActivities {
  return { appendEvents: appendEventsActivity(deps.store) };
}
