import type { EventStore, RecordedEvent, Subscription } from '@corridor/event-store';
import { collect, event, eventually, sleep, uniqueStream, visible } from '../test-events';
import type { ContractContext } from './harness';

/** Subscribes with a filter on `prefix`, collecting what it is handed. */
function collecting(
  store: EventStore,
  prefix: string,
  after: number,
): { seen: RecordedEvent[]; sub: Subscription } {
  const seen: RecordedEvent[] = [];
  const sub = store.subscribe({
    after,
    filter: { streamPrefixes: [prefix] },
    pollIntervalMs: 50,
    handler: (e) => {
      seen.push(e);
      return Promise.resolve();
    },
  });
  return { seen, sub };
}

function expectStrictlyIncreasing(positions: number[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1] ?? 0);
}

export function logContract(ctx: ContractContext): void {
  describe('global log', () => {
    it('readLog lists the log in readAll order with the stored hashes, from a position, with limit (what checkpoints hash)', async () => {
      const store = ctx.store();
      const prefix = uniqueStream('readlog');
      const start = await store.headPosition();
      await store.append(`${prefix}-a`, [event('A', { i: 1 }), event('B', { i: 2 })], { expected: 'no_stream' });
      const last = await store.append(`${prefix}-b`, [event('A', { i: 3 })], { expected: 'no_stream' });
      await visible(store, last.positions[0] ?? 0);
      const ours = (entries: { stream: string }[]) => entries.filter((e) => e.stream.startsWith(prefix));
      const all = await collect(store.readAll({ after: start, filter: { streamPrefixes: [prefix] } }));
      const log = ours(await collect(store.readLog({ after: start, pageSize: 2 })));
      expect(log).toEqual(all.map((e) => ({ position: e.position, stream: e.stream, version: e.version, hash: e.hash })));
      expect(await collect(store.readLog({ after: all[0]?.position, limit: 1 }))).toEqual([log[1]]);
    });

    it('reads all events after a position, filtered by stream prefix and type, with limit', async () => {
      const store = ctx.store();
      const prefix = uniqueStream('log');
      const start = await store.headPosition();
      await store.append(`${prefix}-a`, [event('A', { i: 1 }), event('B', { i: 2 })], {
        expected: 'no_stream',
      });
      const last = await store.append(`${prefix}-b`, [event('A', { i: 3 })], { expected: 'no_stream' });
      await visible(store, last.positions[0] ?? 0);
      const filter = { streamPrefixes: [prefix] };
      const all = await collect(store.readAll({ after: start, filter, pageSize: 2 }));
      expect(all.map((e) => e.data)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
      expectStrictlyIncreasing(all.map((e) => e.position));
      expect(
        (await collect(store.readAll({ after: start, filter: { ...filter, types: ['A'] } }))).map(
          (e) => e.data,
        ),
      ).toEqual([{ i: 1 }, { i: 3 }]);
      expect(await collect(store.readAll({ after: all[0]?.position, filter, limit: 1 }))).toEqual([all[1]]);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(all[2]?.position ?? Infinity);
    });

    it('delivers to a subscriber in order and resumes from a checkpoint without skipping', async () => {
      const store = ctx.store();
      const prefix = uniqueStream('sub');
      const start = await store.headPosition();
      const first = collecting(store, prefix, start);
      for (let i = 0; i < 3; i++)
        await store.append(`${prefix}-${i}`, [event('Counted', { i })], { expected: 'no_stream' });
      await eventually(() => first.seen.length === 3, 10_000, 'three events');
      await first.sub.stop();
      expect(first.sub.position).toBe(first.seen[2]?.position);
      await store.append(`${prefix}-3`, [event('Counted', { i: 3 })], { expected: 'no_stream' });
      // Restart from the checkpoint of the second event: the third and fourth follow, nothing else.
      const second = collecting(store, prefix, first.seen[1]?.position ?? 0);
      await eventually(() => second.seen.length >= 2, 10_000, 'two events after the checkpoint');
      await second.sub.caughtUp();
      await second.sub.stop();
      expect(second.seen.map((e) => e.data)).toEqual([{ i: 2 }, { i: 3 }]);
    });

    it('stops a subscription whose handler fails and reports the error', async () => {
      const store = ctx.store();
      const prefix = uniqueStream('fail');
      const start = await store.headPosition();
      await store.append(`${prefix}-a`, [event('Ok'), event('Bad'), event('Ok')], { expected: 'no_stream' });
      const handled: string[] = [];
      let reported: Error | undefined;
      const sub = store.subscribe({
        after: start,
        filter: { streamPrefixes: [prefix] },
        handler: (e) => {
          if (e.type === 'Bad') return Promise.reject(new Error('cannot handle Bad'));
          handled.push(e.type);
          return Promise.resolve();
        },
        onError: (error) => {
          reported = error;
        },
      });
      await eventually(() => reported !== undefined, 10_000, 'the handler error');
      await sub.stop();
      expect(reported?.message).toBe('cannot handle Bad');
      expect(handled).toEqual(['Ok']);
      const [ok] = await collect(store.readStream(`${prefix}-a`));
      expect(sub.position).toBe(ok?.position);
    });

    it('gives concurrent writers and a restarted subscriber one gap-free order', async () => {
      const store = ctx.store();
      const prefix = uniqueStream('many');
      const start = await store.headPosition();
      const first = collecting(store, prefix, start);
      const writers = 8;
      const appendsPerWriter = 15;
      const ids: string[] = [];
      const writing = Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < appendsPerWriter; i++) {
          const batch = [event('Counted', { w, i }), event('Counted', { w, i, second: true })];
          ids.push(...batch.map((e) => e.id));
          await store.append(`${prefix}-${w}`, batch, { expected: i * 2 });
        }
      });
      // Halfway through, stop the first subscriber and continue from its checkpoint.
      await eventually(() => first.seen.length >= writers * appendsPerWriter, 20_000, 'half of the events');
      await first.sub.stop();
      const handedOver = collecting(store, prefix, first.sub.position);
      await Promise.all(writing);
      const total = writers * appendsPerWriter * 2;
      await eventually(() => first.seen.length + handedOver.seen.length >= total, 20_000, 'all events');
      await handedOver.sub.caughtUp();
      await handedOver.sub.stop();
      const delivered = [...first.seen, ...handedOver.seen];
      expect(delivered).toHaveLength(total);
      expect(new Set(delivered.map((e) => e.id))).toEqual(new Set(ids));
      expectStrictlyIncreasing(delivered.map((e) => e.position));
      const logOrder = await collect(store.readAll({ after: start, filter: { streamPrefixes: [prefix] } }));
      expect(delivered.map((e) => e.id)).toEqual(logOrder.map((e) => e.id));
      for (let w = 0; w < writers; w++) {
        const versions = delivered.filter((e) => e.stream === `${prefix}-${w}`).map((e) => e.version);
        expect(versions).toEqual(Array.from({ length: appendsPerWriter * 2 }, (_, i) => i + 1));
      }
    });

    // Only where transactions can overlap (PGlite runs one at a time, so commits cannot overtake).
    const { holdOpenAppend } = ctx.harness;
    if (holdOpenAppend)
      it('holds back later commits until an earlier-started transaction commits', async () => {
        const store = ctx.store();
        const prefix = uniqueStream('ooo');
        const start = await store.headPosition();
        const filter = { streamPrefixes: [prefix] };
        const first = collecting(store, prefix, start);
        const held = await holdOpenAppend(store, `${prefix}-early`, [event('Early')]);
        const late = await store.append(`${prefix}-late`, [event('Late')], { expected: 'no_stream' });
        // Stream reads see the committed event at once ...
        expect((await collect(store.readStream(`${prefix}-late`))).map((e) => e.type)).toEqual(['Late']);
        // ... but the global log does not pass the open transaction.
        await sleep(300);
        expect(first.seen).toEqual([]);
        expect(await collect(store.readAll({ after: start, filter }))).toEqual([]);
        expect(await store.headPosition()).toBeLessThan(late.positions[0] ?? 0);
        await held.commit();
        await eventually(() => first.seen.length === 2, 10_000, 'both events');
        expect(first.seen.map((e) => e.type)).toEqual(['Early', 'Late']);
        expect(first.seen[1]?.position).toBe(late.positions[0]);
        expectStrictlyIncreasing(first.seen.map((e) => e.position));
        await first.sub.stop();
        // A subscriber restarted from the first event's checkpoint gets exactly the second.
        const resumed = collecting(store, prefix, first.seen[0]?.position ?? 0);
        await eventually(() => resumed.seen.length === 1, 10_000, 'the resumed event');
        await resumed.sub.caughtUp();
        await resumed.sub.stop();
        expect(resumed.seen.map((e) => e.type)).toEqual(['Late']);
      });
  });
}
