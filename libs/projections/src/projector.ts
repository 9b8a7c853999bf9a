import type { EventStore, SqlDatabase } from '@corridor/event-store';
import { Checkpoints } from './checkpoints';
import type { Projection } from './projection';
import type { ProjectionStatus } from './projection-failure';
import { ProjectionRunner, type RebuildProgress } from './projection-runner';
import { silentLogger, type ProjectorLogger } from './projector-logger';

export interface ProjectorOptions {
  store: EventStore;
  /** The SQL database holding the read models and their checkpoints. */
  db: SqlDatabase;
  projections: Projection[];
  logger?: ProjectorLogger;
  /** Events per transaction (default 500). */
  batchSize?: number;
  /** Fallback polling when no notification arrives (default 1000 ms). */
  pollIntervalMs?: number;
  /** Checkpoint table name (default projection_checkpoints). */
  checkpointTable?: string;
}

export interface ProjectionLag {
  name: string;
  /** Position up to which the projection has applied the log. */
  position: number;
  /** Position of the last event readers can see. */
  head: number;
  /** Events passing the projection's filter still to apply (counted up to 100,000). */
  events: number;
  /** Age of the oldest event still to apply (0 when none). */
  ms: number;
}

const lagCountCap = 100_000;

/**
 * Keeps every read model up to date from the event log. Each projection has its own subscription
 * and checkpoint; its rows and checkpoint are written in one transaction.
 */
export class Projector {
  private readonly runners: ProjectionRunner[];
  private readonly checkpoints: Checkpoints;
  private started = false;

  constructor(private readonly options: ProjectorOptions) {
    const names = new Set<string>();
    for (const p of options.projections) {
      if (names.has(p.name)) throw new Error(`two projections are named ${p.name}`);
      names.add(p.name);
    }
    this.checkpoints = new Checkpoints(options.checkpointTable);
    const ctx = {
      store: options.store,
      db: options.db,
      checkpoints: this.checkpoints,
      logger: options.logger ?? silentLogger,
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
    };
    this.runners = options.projections.map((p) => new ProjectionRunner(p, ctx));
  }

  /** Prepares every projection (rebuilding those whose version changed) and starts following the log. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.setupCheckpoints();
    for (const runner of this.runners) await runner.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(this.runners.map((r) => r.stop()));
  }

  /**
   * Resolves when every projection (or those named in `only`: the ones a caller reads) has applied
   * everything up to `position` (an append's position): read-your-writes for the API. Rejects with
   * ProjectionTimeoutError after `timeoutMs`, and at once with ProjectionStalledError (a subclass)
   * when one of them is failing.
   */
  async waitFor(position: number, timeoutMs = 10_000, only?: readonly string[]): Promise<void> {
    const runners = only ? only.map((name) => this.runner(name)) : this.runners;
    await Promise.all(runners.map((r) => r.until(position, timeoutMs)));
  }

  /** Each projection's state: running, failing (with position, reason and the event) or stopped. */
  status(): ProjectionStatus[] {
    return this.runners.map((r) => r.status());
  }

  async lag(): Promise<ProjectionLag[]> {
    const { store } = this.options;
    const head = await store.headPosition();
    const saved = this.started
      ? undefined
      : await this.checkpoints.all(this.options.db).catch(() => undefined);
    return Promise.all(
      this.runners.map(async (runner): Promise<ProjectionLag> => {
        const position = saved ? (saved.get(runner.name)?.position ?? 0) : runner.position;
        if (position >= head) return { name: runner.name, position, head, events: 0, ms: 0 };
        const filter = runner.projection.filter;
        const events = store.countEvents
          ? await store.countEvents({ after: position, filter, limit: lagCountCap })
          : lagCountCap;
        let ms = 0;
        for await (const next of store.readAll({ after: position, filter, limit: 1 }))
          ms = Math.max(0, Date.now() - next.recordedAt.getTime());
        return { name: runner.name, position, head, events, ms };
      }),
    );
  }

  /** Empties one projection's tables and replays the whole log into them. */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<{ events: number }> {
    const runner = this.runner(name);
    await this.setupCheckpoints();
    return runner.rebuild(onProgress);
  }

  private runner(name: string): ProjectionRunner {
    const runner = this.runners.find((r) => r.name === name);
    if (!runner) throw new Error(`no projection named ${name} (known: ${this.names().join(', ')})`);
    return runner;
  }

  names(): string[] {
    return this.runners.map((r) => r.name);
  }

  private async setupCheckpoints(): Promise<void> {
    await this.options.db.transaction(async (tx) => {
      // Several processes may start together; CREATE TABLE IF NOT EXISTS alone can still collide.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['corridor-projection-checkpoints']);
      await this.checkpoints.setup(tx);
    });
  }
}
