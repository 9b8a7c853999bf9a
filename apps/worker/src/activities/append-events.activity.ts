import { ApplicationFailure } from '@temporalio/activity';
import { EventValidationError, WrongExpectedVersionError, type EventStore } from '@corridor/event-store';
import type { AppendEventsInput, AppendEventsOutput } from '../../../../workflows/src/public';
import { deterministicEventId } from './event-ids';

export function appendEventsActivity(store: EventStore) {
  return async function appendEvents(input: AppendEventsInput): Promise<AppendEventsOutput> {
    const events = input.events.map((event, i) => ({
      id: deterministicEventId(input.idSeed, input.stream, input.expectedVersion + i + 1),
      type: event.type,
      data: event.data,
      metadata: input.metadata,
    }));
    try {
      return await store.append(input.stream, events, {
        expected: input.expectedVersion === 0 ? 'no_stream' : input.expectedVersion,
      });
    } catch (error) {
      // A single writer per stream means a version conflict is a bug: surface it, never retry blindly.
      if (error instanceof WrongExpectedVersionError)
        throw ApplicationFailure.nonRetryable(error.message, 'WrongExpectedVersionError');
      // The store reports whatever the codec refuses (and text it cannot keep as it is) as
      // EventValidationError: retrying cannot help, so the workflow must learn it now.
      if (error instanceof EventValidationError || (error instanceof Error && error.name === 'InvalidEventError'))
        throw ApplicationFailure.nonRetryable(error.message, 'InvalidEventError');
      throw error;
    }
  };
}
