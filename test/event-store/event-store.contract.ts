import {
  passThroughCodec,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventCodec,
  type EventStore,
} from '@corridor/event-store';
import { collect, event, events, uniqueStream } from './test-events';

/** What each adapter's test file supplies to the shared contract suite. */
export interface ContractHarness {
  /** Opens a fresh store (initialised) with the given codec. */
  open(codec: EventCodec): Promise<EventStore>;
  /** Closes everything opened by the harness. */
  closeAll(): Promise<void>;
}

export function eventStoreContract(harness: ContractHarness): void {
  let store: EventStore;

  beforeAll(async () => {
    store = await harness.open(passThroughCodec);
  });
  afterAll(() => harness.closeAll());

  describe('append and read', () => {
    it('appends with versions from 1 and reads the stream back in order', async () => {
      const stream = uniqueStream();
      const result = await store.append(stream, events(3), { expected: 'no_stream' });
      expect(result.nextVersion).toBe(3);
      expect(result.positions).toHaveLength(3);
      expect([...result.positions].sort((a, b) => a - b)).toEqual(result.positions);
      const read = await collect(store.readStream(stream));
      expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(read.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(read.map((e) => e.position)).toEqual(result.positions);
      expect(read[0]?.prevHash).toBeNull();
      expect(read[1]?.prevHash).toBe(read[0]?.hash);
    });

    it('rejects a wrong expected version with the actual version', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(2), { expected: 'no_stream' });
      const error = await store.append(stream, events(1), { expected: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).actual).toBe(2);
    });

    it('treats a retried append with the same ids as already done', async () => {
      const stream = uniqueStream();
      const batch = events(2);
      const first = await store.append(stream, batch, { expected: 'no_stream' });
      const again = await store.append(stream, batch, { expected: 'no_stream' });
      expect(again).toEqual(first);
      expect(await collect(store.readStream(stream))).toHaveLength(2);
    });

    it('throws StreamNotFoundError for a missing stream', async () => {
      await expect(collect(store.readStream(uniqueStream()))).rejects.toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('global log', () => {
    it('reads all events after a position and delivers them to a subscriber', async () => {
      const prefix = uniqueStream('log');
      const head = await store.headPosition();
      await store.append(`${prefix}-a`, [event('A', { i: 1 })], { expected: 'no_stream' });
      await store.append(`${prefix}-b`, [event('B', { i: 2 })], { expected: 'no_stream' });
      const all = await collect(store.readAll({ after: head, filter: { streamPrefixes: [prefix] } }));
      expect(all.map((e) => e.type)).toEqual(['A', 'B']);

      const seen: string[] = [];
      const sub = store.subscribe({
        after: head,
        filter: { streamPrefixes: [prefix] },
        handler: (e) => {
          seen.push(e.type);
          return Promise.resolve();
        },
      });
      await sub.caughtUp();
      await sub.stop();
      expect(seen).toEqual(['A', 'B']);
      expect(sub.position).toBe(all[1]?.position);
    });
  });

  describe('hash chain', () => {
    it('verifies an untouched stream', async () => {
      const stream = uniqueStream();
      await store.append(stream, events(3), { expected: 'no_stream' });
      await store.append(stream, events(2), { expected: 3 });
      const result = await store.verifyStream(stream);
      expect(result).toEqual({ ok: true, streams: 1, events: 5, firstBreak: undefined });
    });
  });
}
