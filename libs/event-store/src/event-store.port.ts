/**
 * The event store port. Every adapter (Postgres, PGlite, KurrentDB) implements it and passes the
 * same contract suite (test/event-store.contract.ts).
 *
 * Versions are 1-based: the first event of a stream has version 1, and a stream's version is the
 * version of its last event (0 for a stream that does not exist).
 */

export type ExpectedVersion = 'no_stream' | 'exists' | 'any' | number;

export interface NewEvent<T = unknown> {
  /** Deterministic id (e.g. uuid v5 of workflow id + stream version) so retried appends are idempotent. */
  id: string;
  type: string;
  data: T;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent<T = unknown> {
  id: string;
  stream: string;
  version: number;
  /** Global position in the log; strictly increasing in commit-visibility order for subscribers. */
  position: number;
  type: string;
  /** Schema version the event was written with (before upcasting). */
  schemaVersion: number;
  data: T;
  metadata: Record<string, unknown>;
  recordedAt: Date;
  /** SHA-256 (hex) of the canonical form of this event chained to prevHash. */
  hash: string;
  prevHash: string | null;
}

export interface AppendOptions {
  expected: ExpectedVersion;
  /** Stream metadata; only recorded when the stream is created by this append. */
  streamMetadata?: Record<string, unknown>;
}

export interface AppendResult {
  /** Version of the stream after the append (version of the last event written or found). */
  nextVersion: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
}

export interface ReadStreamOptions {
  /** First version to read (inclusive, default 1). */
  from?: number;
  /** Last version to read (inclusive). */
  to?: number;
  /** Only events recorded at or before this instant. */
  asOf?: Date;
  /** Maximum number of events in total. */
  limit?: number;
  /** Page size used internally (never an unbounded read). */
  pageSize?: number;
  /**
   * Check the hash chain while reading (each event's hash and its link to the previous event read);
   * the read throws ChainBrokenError at the first broken link. Checks stored data, before upcasting.
   */
  verify?: boolean;
}

export interface EventFilter {
  /** Stream name prefixes, e.g. ['application-']. */
  streamPrefixes?: string[];
  /** Event types. */
  types?: string[];
}

export interface ReadAllOptions {
  /** Exclusive global position to start after (default 0 = from the beginning). */
  after?: number;
  filter?: EventFilter;
  limit?: number;
  pageSize?: number;
}

/** An event's place in the global log as a checkpoint covers it: read as stored, nothing decoded. */
export interface LogEntry {
  position: number;
  stream: string;
  version: number;
  hash: string;
}

export interface ReadLogOptions {
  /** Exclusive global position to start after (default 0). */
  after?: number;
  limit?: number;
  pageSize?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: delivery starts with the first event after this position. */
  after?: number;
  filter?: EventFilter;
  /**
   * Called for each event in order; the next event is delivered only after the returned promise
   * resolves. A rejection stops the subscription and is reported through `onError`.
   */
  handler: (event: RecordedEvent) => Promise<void>;
  onError?: (error: Error) => void;
  /** Polling interval used as fallback when no notification arrives (ms). */
  pollIntervalMs?: number;
}

export interface Subscription {
  /** Position of the last event handled. */
  readonly position: number;
  /** Resolves once the subscription has caught up with the log as it was when called. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** A batch of events delivered in order, and the checkpoint it moves the reader to. */
export interface EventBatch {
  events: RecordedEvent[];
  /**
   * Every event at or before this position that passes the filter is in this batch or an earlier
   * one: at least the last event's position, more when the reader looked further and found nothing
   * (filtered out, or nothing more yet). A checkpoint taken here resumes without skipping.
   */
  position: number;
}

export interface BatchSubscribeOptions {
  /** Exclusive checkpoint, as in SubscribeOptions. */
  after?: number;
  filter?: EventFilter;
  /** Largest batch handed to the handler (default 500). */
  maxBatchSize?: number;
  /**
   * Called for each batch in order; the next one comes only after the promise resolves. A batch may
   * be empty when only the position moved. A rejection stops the subscription (reported to onError).
   */
  handler: (batch: EventBatch) => Promise<void>;
  onError?: (error: Error) => void;
  pollIntervalMs?: number;
}

export interface BatchSubscription extends Subscription {
  /** Position up to which everything passing the filter has been handled (see EventBatch.position). */
  readonly coveredTo: number;
  /** Resolves once everything up to `position` has been handled; rejects if the subscription fails. */
  until(position: number): Promise<void>;
}

export interface StreamInfo {
  stream: string;
  version: number;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

export interface ChainBreak {
  stream: string;
  version: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  streams: number;
  events: number;
  firstBreak?: ChainBreak;
}

export interface VerifyProgress {
  streams: number;
  events: number;
}

export interface EventStore {
  readonly kind: 'postgres' | 'pglite' | 'kurrentdb';
  /** Creates or migrates the schema. Idempotent. */
  init(): Promise<void>;
  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribe(options: SubscribeOptions): Subscription;
  /**
   * Batch delivery for consumers that commit per batch (the projector): one transaction per batch
   * instead of one per event. Optional so that simple adapters may leave it out.
   */
  subscribeBatches?(options: BatchSubscribeOptions): BatchSubscription;
  /**
   * The global log in order, each event's position, stream, version and stored hash, without
   * decoding (a tampered event must still be listed): what signed checkpoints hash. Like readAll, it
   * only reads events whose position is final.
   */
  readLog(options?: ReadLogOptions): AsyncIterable<LogEntry>;
  streamInfo(stream: string): Promise<StreamInfo | null>;
  /** Global position of the last event visible to readers (0 when empty). */
  headPosition(): Promise<number>;
  /**
   * Number of events visible to readers after `after` that pass the filter, counting at most
   * `limit` (so a health check stays cheap however far behind a reader is).
   */
  countEvents?(options: { after?: number; filter?: EventFilter; limit?: number }): Promise<number>;
  verifyStream(stream: string): Promise<VerifyResult>;
  verifyAll(onProgress?: (progress: VerifyProgress) => void): Promise<VerifyResult>;
  close(): Promise<void>;
}

/**
 * Validates events on write and upcasts + validates them on read. Supplied by the domain so the
 * store itself stays free of domain knowledge.
 */
export interface EventCodec {
  /** Validates an event about to be written; returns the data to store and its schema version. */
  encode(type: string, data: unknown): { data: unknown; schemaVersion: number };
  /** Upcasts a stored event to the current shape and validates it. */
  decode(type: string, schemaVersion: number, data: unknown): { type: string; data: unknown };
}

/** A codec that accepts anything: for tests of the store itself and for raw tools. */
export const passThroughCodec: EventCodec = {
  encode: (_type, data) => ({ data, schemaVersion: 1 }),
  decode: (type, _schemaVersion, data) => ({ type, data }),
};
