import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@corridor/event-store';

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
