import { evolveApplication, initialApplicationState, type ApplicationEvent, type ApplicationState } from '@corridor/domain';
import type { EventStore, RecordedEvent } from '@corridor/event-store';

export interface ReplayOptions {
  /** Replay events up to and including this stream version. */
  asOfVersion?: number;
  /** Replay events recorded at or before this instant. */
  asOf?: Date;
}

export interface ReplayedApplication {
  applicationId: string;
  stream: string;
  /** Version of the last event replayed (0 when none was recorded by then). */
  version: number;
  /** When the last replayed event was recorded (null when none). */
  recordedAt: string | null;
  /** The stream's current version, for comparison. */
  streamVersion: number;
  asOfVersion: number | null;
  asOf: string | null;
  state: ApplicationState;
}

export const applicationStream = (applicationId: string): string => `application-${applicationId}`;

/**
 * Replays an application's stream through the domain's own `evolveApplication` — the function the
 * workflow and the read model use — so an auditor sees exactly the state the system acted on.
 * Throws StreamNotFoundError when the application was never recorded.
 */
export async function replayApplicationState(store: EventStore, applicationId: string, options: ReplayOptions = {}): Promise<ReplayedApplication> {
  const stream = applicationStream(applicationId);
  let state = initialApplicationState();
  let last: RecordedEvent | undefined;
  for await (const recorded of store.readStream(stream, { to: options.asOfVersion, asOf: options.asOf })) {
    state = evolveApplication(state, { type: recorded.type, data: recorded.data } as ApplicationEvent);
    last = recorded;
  }
  const info = await store.streamInfo(stream);
  return {
    applicationId,
    stream,
    version: last?.version ?? 0,
    recordedAt: last ? last.recordedAt.toISOString() : null,
    streamVersion: info?.version ?? last?.version ?? 0,
    asOfVersion: options.asOfVersion ?? null,
    asOf: options.asOf ? options.asOf.toISOString() : null,
    state,
  };
}
