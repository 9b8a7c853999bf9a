import type { Client } from '@temporalio/client';
import type { EventStore } from '@corridor/event-store';
import type { CorridorActivities } from '../../../../workflows/src/public';
import { appendEventsActivity } from './append-events.activity';
import { deliverToApplicationActivity } from './deliver-to-application.activity';

export function createActivities(deps: { store: EventStore; temporal: Client }): CorridorActivities {
  return {
    appendEvents: appendEventsActivity(deps.store),
    deliverToApplication: deliverToApplicationActivity(deps.temporal),
  };
}
