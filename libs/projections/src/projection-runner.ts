import {
  quoteIdent,
  type BatchSubscription,
  type EventStore,
  type RecordedEvent,
  type SqlDatabase,
  type SqlExecutor,
  type Subscription,
} from '@corridor/event-store';
import type { Checkpoints } from './checkpoints';
import { chunked, prefetched } from './prefetch';
import type { Projection } from './projection';
import { describeError, isTransient, ProjectionApplyError, type ProjectionFailure, type ProjectionStatus } from './projection-failure';
import type { ProjectorLogger } from './projector-logger';

export interface RebuildProgress {
  name: string;
  /** Events applied so far by this rebuild. */
  events: number;
  /** Events to apply in all (as counted when the rebuild started). */
  total: number;
  position: number;
  head: number;
}

export interface RunnerContext {
  store: EventStore;
  db: SqlDatabase;
  checkpoints: Checkpoints;
  logger: ProjectorLogger;
  batchSize: number;
  pollIntervalMs: number;
}

/** Another projector instance, or a rebuild, moved the checkpoint: this instance must re-read it. */
class CheckpointMovedError extends Error {
  constructor(name: string) {
    super(`checkpoint of projection ${name} was moved by someone else`);
  }
}

export class ProjectionTimeoutError extends Error {
  override readonly name = 'ProjectionTimeoutError';
  constructor(
    readonly projection: string,
    readonly target: number,
    readonly reached: number,
    why: string,
  ) {
    super(`projection ${projection} has not reached position ${target} in time: it is at ${reached}${why}`);
  }
}

/** The projection is failing: a wait for it ends at once instead of running into its timeout. */
export class ProjectionStalledError extends ProjectionTimeoutError {
  constructor(
    projection: string,
    target: number,
    reached: number,
    readonly failure: ProjectionFailure,
  ) {
    super(projection, target, reached, ` (failing since ${failure.since.toISOString()}: ${failure.reason})`);
  }
}

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

const persistIdleAdvanceMs = 1000;
const maxRestartDelayMs = 30_000;

function quoteTable(name: string): string {
  return name.split('.').map(quoteIdent).join('.');
}

/** Keeps one projection up to date: live subscription, checkpointing, restarts and rebuilds. */
export class ProjectionRunner {
  /** Persisted checkpoint (what the table says, as far as this instance knows). */
  private checkpoint = 0;
  /** Everything at or before this position is applied (may run ahead of the persisted checkpoint). */
  private covered = 0;
  private live: BatchSubscription | Subscription | undefined;
  private running = false;
  private waiters: Waiter[] = [];
  private lastPersistAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartDelayMs = 500;
  private failure: ProjectionFailure | undefined;
  private failures = 0;

  constructor(
    readonly projection: Projection,
    private readonly ctx: RunnerContext,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  get position(): number {
    return this.covered;
  }

  status(): ProjectionStatus {
    const { failure } = this;
    return {
      name: this.name,
      state: !this.running ? 'stopped' : failure ? 'failing' : 'running',
      position: this.covered,
      failures: this.failures,
      ...(failure ? { failure: { ...failure } } : {}),
    };
  }

  /** Creates the tables and the checkpoint; empties (or recreates, on a version change) the read model when needed. */
  async prepare(): Promise<void> {
    const { checkpoints } = this.ctx;
    const { projection } = this;
    await this.ctx.db.transaction(async (tx) => {
      await this.lock(tx);
      const current = await checkpoints.read(tx, projection.name, true);
      if (current && current.version === projection.version) {
        await projection.setup(tx);
        this.setCheckpoint(current.position);
        return;
      }
      // New projection, or its shape changed: drop what an older version left and start from 0.
      this.ctx.logger.info(
        { projection: projection.name, from: current?.version, to: projection.version },
        'projection will be rebuilt',
      );
      await this.dropTables(tx);
      await projection.setup(tx);
      await checkpoints.reset(tx, projection.name, projection.version);
      this.setCheckpoint(0);
    });
  }

  async start(): Promise<void> {
    this.running = true;
    await this.prepare();
    this.startLive();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    await this.stopLive();
    for (const w of this.waiters.splice(0))
      w.reject(new Error(`projector stopped before ${this.name} reached ${w.target}`));
  }

  /** Resolves once everything up to `position` is applied; rejects after `timeoutMs`. */
  until(position: number, timeoutMs: number): Promise<void> {
    if (this.covered >= position) return Promise.resolve();
    if (this.failure)
      return Promise.reject(new ProjectionStalledError(this.name, position, this.covered, this.failure));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        target: position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const why = this.failure
          ? ` (last error: ${this.failure.reason})`
          : this.running
            ? ''
            : ' (not running)';
        reject(new ProjectionTimeoutError(this.name, position, this.covered, why));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /**
   * Empties the read model and replays the log into it in batches (reading the next batch while
   * writing the current one). Live processing pauses meanwhile and resumes from the end.
   */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<{ events: number }> {
    const { checkpoints, store } = this.ctx;
    const { projection } = this;
    const wasRunning = this.running;
    this.running = false;
    clearTimeout(this.restartTimer);
    await this.stopLive();
    try {
      await this.ctx.db.transaction(async (tx) => {
        await this.lock(tx);
        const current = await checkpoints.read(tx, projection.name, true);
        if (current && current.version === projection.version) {
          const tables = projection.tables.map(quoteTable);
          if (tables.length) await tx.query(`TRUNCATE ${tables.join(', ')}`);
        } else {
          await this.dropTables(tx);
        }
        await projection.setup(tx);
        await checkpoints.reset(tx, projection.name, projection.version);
      });
      this.checkpoint = 0;
      this.covered = 0;
      const head = await store.headPosition();
      const total = store.countEvents ? await store.countEvents({ filter: projection.filter }) : 0;
      let events = 0;
      onProgress?.({ name: this.name, events, total, position: 0, head });
      const log = store.readAll({ filter: projection.filter, pageSize: this.ctx.batchSize });
      for await (const batch of prefetched(chunked(log, this.ctx.batchSize))) {
        const last = batch[batch.length - 1] as RecordedEvent;
        await this.commit(batch, last.position);
        events += batch.length;
        onProgress?.({
          name: this.name,
          events,
          total: Math.max(total, events),
          position: last.position,
          head,
        });
      }
      // Everything up to the head seen at the start has been read, matching or not.
      if (head > this.checkpoint) await this.commit([], head);
      onProgress?.({ name: this.name, events, total: events, position: this.checkpoint, head });
      return { events };
    } finally {
      this.running = wasRunning;
      if (wasRunning) this.startLive();
    }
  }

  private startLive(): void {
    if (!this.running || this.live) return;
    const { store, batchSize, pollIntervalMs } = this.ctx;
    const onError = (error: Error): void => this.failed(error);
    if (store.subscribeBatches) {
      this.live = store.subscribeBatches({
        after: this.checkpoint,
        filter: this.projection.filter,
        maxBatchSize: batchSize,
        pollIntervalMs,
        onError,
        handler: async ({ events, position }) => {
          if (
            events.length === 0 &&
            (position <= this.checkpoint || Date.now() - this.lastPersistAt < persistIdleAdvanceMs)
          ) {
            // Nothing to apply: move in memory only (waitFor needs it), persist now and then.
            this.setCovered(position);
            return;
          }
          await this.commit(events, position);
        },
      });
    } else {
      // An adapter without batch delivery: one transaction per event.
      this.live = store.subscribe({
        after: this.checkpoint,
        filter: this.projection.filter,
        pollIntervalMs,
        onError,
        handler: (event) => this.commit([event], event.position),
      });
    }
  }

  private async stopLive(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    await live?.stop();
  }

  /**
   * The live subscription stopped on an error. The projection stays at its checkpoint, says so
   * (status(), health, metrics), releases everyone waiting for it, and tries again with backoff: it
   * never skips the event (a certification body's records must not silently go missing from a view),
   * and it resumes by itself once the cause is fixed (a database-side fix, a deployed projection fix
   * after a restart, or `projections:rebuild`). Other projections have their own runners and go on.
   */
  private failed(error: Error): void {
    this.live = undefined;
    if (!this.running) return;
    const moved = error instanceof CheckpointMovedError;
    if (!moved) {
      const delay = this.restartDelayMs;
      this.failures++;
      this.failure = {
        since: this.failure?.since ?? new Date(),
        attempts: (this.failure?.attempts ?? 0) + 1,
        reason: error instanceof ProjectionApplyError ? error.reason : describeError(error),
        kind: error instanceof ProjectionApplyError || !isTransient(error) ? 'event' : 'transient',
        position: this.covered,
        ...(error instanceof ProjectionApplyError ? { event: error.event } : {}),
        retryAt: new Date(Date.now() + delay),
      };
      this.ctx.logger.error(
        { projection: this.name, err: error, failure: this.failure },
        'projection failed; it stays at its checkpoint and retries',
      );
      for (const w of this.waiters.splice(0))
        w.reject(new ProjectionStalledError(this.name, w.target, this.covered, this.failure));
    }
    const delay = moved ? 0 : this.restartDelayMs;
    this.restartDelayMs = moved ? this.restartDelayMs : Math.min(this.restartDelayMs * 2, maxRestartDelayMs);
    this.restartTimer = setTimeout(() => {
      this.resume().catch((e: unknown) => this.failed(e instanceof Error ? e : new Error(String(e))));
    }, delay);
  }

  private async resume(): Promise<void> {
    if (!this.running) return;
    const current = await this.ctx.checkpoints.read(this.ctx.db, this.name);
    if (!current || current.version !== this.projection.version) {
      await this.prepare();
    } else {
      this.checkpoint = current.position;
      // Another instance may be behind us in memory terms; never move `covered` backwards.
      this.setCovered(current.position);
    }
    this.startLive();
  }

  /**
   * Applies events and moves the checkpoint to `to` in one transaction. When a batch fails for a
   * reason other than the infrastructure, applies it again one event per transaction: everything
   * before the culprit is kept, and the error names the event that cannot be applied.
   */
  private async commit(events: RecordedEvent[], to: number): Promise<void> {
    try {
      await this.commitOnce(events, to);
    } catch (error) {
      if (error instanceof CheckpointMovedError || events.length === 0 || isTransient(error)) throw error;
      if (events.length === 1) throw new ProjectionApplyError(this.name, events[0] as RecordedEvent, error);
      for (const event of events) {
        try {
          await this.commitOnce([event], event.position);
        } catch (single) {
          if (single instanceof CheckpointMovedError || isTransient(single)) throw single;
          throw new ProjectionApplyError(this.name, event, single);
        }
      }
      await this.commitOnce([], to);
    }
  }

  private async commitOnce(events: RecordedEvent[], to: number): Promise<void> {
    const { db, checkpoints } = this.ctx;
    const { projection } = this;
    const from = this.checkpoint;
    await db.transaction(async (tx) => {
      // A read model can be rebuilt from the log, so a crash may lose the last few commits as long
      // as rows and checkpoint go together; not waiting for the WAL flush makes projecting cheap.
      await tx.query('SET LOCAL synchronous_commit = off');
      if (!(await checkpoints.advance(tx, projection.name, projection.version, from, to)))
        throw new CheckpointMovedError(projection.name);
      if (events.length === 0) return;
      if (projection.applyBatch) await projection.applyBatch(events, tx);
      else for (const event of events) await projection.apply(event, tx);
    });
    this.checkpoint = to;
    this.lastPersistAt = Date.now();
    this.restartDelayMs = 500;
    if (this.failure) {
      this.ctx.logger.info({ projection: this.name, failure: this.failure }, 'projection recovered');
      this.failure = undefined;
    }
    this.setCovered(to);
  }

  private setCheckpoint(position: number): void {
    this.checkpoint = position;
    this.covered = position;
  }

  private setCovered(position: number): void {
    if (position <= this.covered) return;
    this.covered = position;
    const keep: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.target <= position) w.resolve();
      else keep.push(w);
    }
    this.waiters = keep;
  }

  private async lock(tx: SqlExecutor): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`corridor-projection:${this.name}`]);
  }

  private async dropTables(tx: SqlExecutor): Promise<void> {
    for (const table of this.projection.tables)
      await tx.query(`DROP TABLE IF EXISTS ${quoteTable(table)} CASCADE`);
  }
}
