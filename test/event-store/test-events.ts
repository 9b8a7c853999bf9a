import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@corridor/event-store';

let streamCounter = 0;

/** A stream name unique within the test run. */
export function uniqueStream(prefix = 'test'): string {
  streamCounter++;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${streamCounter}`;
}

export function event(type: string, data: unknown = {}, metadata?: Record<string, unknown>): NewEvent {
  return { id: randomUUID(), type, data, metadata };
}

export function events(count: number, type = 'Counted'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => event(type, { n: i + 1 }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it holds (or fails the test after `timeoutMs`). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * Waits until readers of the global log can see `position`. On a shared Postgres server any other
 * transaction still open (another test file's, say) holds the visibility horizon back for a moment.
 */
export function visible(store: EventStore, position: number): Promise<void> {
  return eventually(
    async () => (await store.headPosition()) >= position,
    10_000,
    `position ${position} to become visible`,
  );
}
