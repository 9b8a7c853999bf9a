/**
 * The activities workflows may call, as types only: workflow code never imports their
 * implementation (apps/worker owns it).
 */
export interface DomainEventToAppend {
  type: string;
  data: unknown;
}

export interface AppendEventsInput {
  stream: string;
  /** Version the workflow believes the stream is at (0 = no stream yet). */
  expectedVersion: number;
  /** Seed for deterministic event ids: ids derive from (idSeed, stream version). */
  idSeed: string;
  events: DomainEventToAppend[];
  metadata?: Record<string, unknown>;
}

export interface AppendEventsOutput {
  nextVersion: number;
  positions: number[];
}

export interface CorridorActivities {
  appendEvents(input: AppendEventsInput): Promise<AppendEventsOutput>;
}
