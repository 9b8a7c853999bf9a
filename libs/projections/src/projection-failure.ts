import type { RecordedEvent } from '@corridor/event-store';

/** The event a projection could not apply (what an operator needs to find it in the log). */
export interface FailedEvent {
  position: number;
  stream: string;
  version: number;
  type: string;
  id: string;
}

/**
 * Why a projection is not moving. It stays at `position` (everything up to there is applied) and
 * retries with backoff; it never skips the event, so the read model is late rather than wrong.
 */
export interface ProjectionFailure {
  /** First failure of this run of failures. */
  since: Date;
  /** Failed attempts since then. */
  attempts: number;
  reason: string;
  /** 'event': this event cannot be applied (retrying alone will not help); 'transient': e.g. the database went away. */
  kind: 'event' | 'transient';
  position: number;
  event?: FailedEvent;
  /** When the next attempt is due. */
  retryAt?: Date;
}

export interface ProjectionStatus {
  name: string;
  state: 'running' | 'failing' | 'stopped';
  /** Position up to which the projection has applied the log. */
  position: number;
  failure?: ProjectionFailure;
  /** Failed attempts since the process started (a counter for /metrics). */
  failures: number;
}

/** An error's message with the database's detail, when it gives one (Postgres and PGlite errors do). */
export function describeError(error: unknown): string {
  const e = error as { message?: unknown; detail?: unknown } | undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return typeof e?.detail === 'string' && e.detail ? `${message} (${e.detail})` : message;
}

/** Applying one particular event failed: carries the event so the failure names it. */
export class ProjectionApplyError extends Error {
  override readonly name = 'ProjectionApplyError';
  readonly event: FailedEvent;
  readonly reason: string;
  constructor(projection: string, event: RecordedEvent, cause: unknown) {
    const reason = describeError(cause);
    super(`projection ${projection} cannot apply event ${event.position} (${event.type} ${event.stream}@${event.version}): ${reason}`, { cause });
    this.reason = reason;
    this.event = { position: event.position, stream: event.stream, version: event.version, type: event.type, id: event.id };
  }
}

/** SQLSTATE classes of failures that say nothing about the event: connection, resources, shutdown, conflicts. */
const transientClasses = new Set(['08', '40', '53', '57', '58']);

/**
 * Whether an error is about the infrastructure rather than the data: retrying the same event is then
 * expected to work, and looking for the failing event in a batch is pointless.
 */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code)) return transientClasses.has(code.slice(0, 2));
    return true; // ECONNREFUSED, ECONNRESET, ...
  }
  const message = describeError(error);
  return /connection|terminat|timeout|ECONN|socket|closed/i.test(message);
}
