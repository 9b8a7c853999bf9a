import type { BatchSubscribeOptions, BatchSubscription, EventBatch } from '../event-store.port';

/** What a log adapter provides to run batch subscriptions on top of. */
export interface PageSource {
  /**
   * Up to `limit` events after `after`, in order; `position` as in EventBatch. `next` says when
   * to look again: 'now' (more is ready), 'soon' (later commits exist but are not yet readable
   * in order), 'idle' (wait for a notification or the poll interval).
   */
  readPage(after: number, limit: number): Promise<EventBatch & { next: 'now' | 'soon' | 'idle' }>;
  /** Position of the last event readers can see now. */
  head(): Promise<number>;
  /** Calls `wake` when new events may be available; resolves to an unsubscribe function. */
  watch(wake: () => void): Promise<() => Promise<void>>;
  /** Errors after which reading again cannot help (e.g. an event the codec rejects). */
  isFatal(error: unknown): boolean;
}

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

const soonFirstMs = 2;

/** Runs one reader loop: page, deliver, then wait for a notification, a retry or the poll timer. */
export class PollingBatchSubscription implements BatchSubscription {
  private cursor: number;
  private lastHandled: number;
  private stopped = false;
  private failure: Error | undefined;
  private waiters: Waiter[] = [];
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly source: PageSource,
    private readonly options: BatchSubscribeOptions,
  ) {
    this.cursor = options.after ?? 0;
    this.lastHandled = this.cursor;
    this.loop = this.run();
  }

  get position(): number {
    return this.lastHandled;
  }

  /** Position up to which everything passing the filter has been handled. */
  get coveredTo(): number {
    return this.cursor;
  }

  async caughtUp(): Promise<void> {
    const target = await this.source.head();
    return this.until(target);
  }

  /** Resolves once everything up to `target` has been handled. */
  until(target: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.cursor >= target) return Promise.resolve();
    if (this.stopped) return Promise.reject(new Error('subscription stopped'));
    return new Promise((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.wake();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    for (const w of this.waiters.splice(0)) w.reject(new Error('subscription stopped'));
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    const limit = this.options.maxBatchSize ?? 500;
    const pollMs = this.options.pollIntervalMs ?? 1000;
    let unwatch: (() => Promise<void>) | undefined;
    let retryMs = soonFirstMs;
    try {
      unwatch = await this.source.watch(() => this.wake());
      while (!this.stopped) {
        this.woken = false;
        let page;
        try {
          page = await this.source.readPage(this.cursor, limit);
        } catch (error) {
          if (this.source.isFatal(error)) throw error;
          // A transient read failure (connection lost, failover): back off and read again.
          retryMs = Math.min(Math.max(retryMs * 2, 50), 5000);
          await this.sleep(retryMs);
          continue;
        }
        if (this.stopped) break;
        if (page.events.length > 0 || page.position > this.cursor) {
          await this.options.handler({ events: page.events, position: page.position });
          const last = page.events[page.events.length - 1];
          if (last) this.lastHandled = last.position;
          this.cursor = Math.max(this.cursor, page.position);
          this.settleWaiters();
        }
        if (page.next === 'now') {
          retryMs = soonFirstMs;
          continue;
        }
        if (page.next === 'soon') {
          // A transaction that started earlier is still open: its events will take positions
          // before the ones already committed. Look again shortly, backing off to the poll interval.
          await this.sleep(retryMs);
          retryMs = Math.min(retryMs * 2, pollMs);
          continue;
        }
        retryMs = soonFirstMs;
        await this.sleep(pollMs);
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.stopped = true;
      for (const w of this.waiters.splice(0)) w.reject(this.failure);
      this.options.onError?.(this.failure);
    } finally {
      await unwatch?.().catch(() => undefined);
    }
  }

  private settleWaiters(): void {
    const keep: Waiter[] = [];
    for (const w of this.waiters) {
      if (this.cursor >= w.target) w.resolve();
      else keep.push(w);
    }
    this.waiters = keep;
  }

  /** Sleeps for ms, or less if woken by a notification, a waiter or stop(). */
  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
