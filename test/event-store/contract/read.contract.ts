import { EventValidationError, StreamNotFoundError } from '@corridor/event-store';
import { codecV1, codecV2 } from '../test-codec';
import { collect, event, events, sleep, uniqueStream } from '../test-events';
import type { ContractContext } from './harness';

export function readContract(ctx: ContractContext): void {
  describe('reading streams', () => {
    it('reads from/to/limit ranges across pages', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await store.append(stream, events(10), { expected: 'no_stream' });
      const versions = async (options: Parameters<typeof store.readStream>[1]) =>
        (await collect(store.readStream(stream, options))).map((e) => e.version);
      expect(await versions({ pageSize: 3 })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await versions({ from: 3, to: 7, pageSize: 2 })).toEqual([3, 4, 5, 6, 7]);
      expect(await versions({ from: 2, limit: 4, pageSize: 3 })).toEqual([2, 3, 4, 5]);
      expect(await versions({ from: 11 })).toEqual([]);
      expect(await versions({ to: 0 })).toEqual([]);
    });

    it('reads the stream as it was at an instant (asOf)', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await store.append(stream, events(3), { expected: 'no_stream' });
      await sleep(15);
      await store.append(stream, events(2), { expected: 3 });
      const all = await collect(store.readStream(stream));
      const cut = all[2]?.recordedAt;
      if (!cut) throw new Error('three events expected');
      expect((all[3]?.recordedAt.getTime() ?? 0) > cut.getTime()).toBe(true);
      expect((await collect(store.readStream(stream, { asOf: cut }))).map((e) => e.version)).toEqual([
        1, 2, 3,
      ]);
      expect(await collect(store.readStream(stream, { asOf: new Date(cut.getTime() - 60_000) }))).toEqual([]);
    });

    it('keeps event metadata and records stream metadata only at creation', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await store.append(
        stream,
        [event('Counted', { n: 1 }, { actor: 'officer-1', nested: { b: 2, a: 1 } })],
        {
          expected: 'no_stream',
          streamMetadata: { scheme: 'welding', version: 3 },
        },
      );
      await store.append(stream, events(1), { expected: 1, streamMetadata: { scheme: 'changed' } });
      const info = await store.streamInfo(stream);
      expect(info).toMatchObject({ stream, version: 2, metadata: { scheme: 'welding', version: 3 } });
      expect(info?.createdAt).toBeInstanceOf(Date);
      const [first, second] = await collect(store.readStream(stream));
      expect(first?.metadata).toEqual({ actor: 'officer-1', nested: { a: 1, b: 2 } });
      expect(second?.metadata).toEqual({});
    });

    it('signals a missing stream: StreamNotFoundError on read and verify, null info', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await expect(collect(store.readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(store.verifyStream(stream)).rejects.toBeInstanceOf(StreamNotFoundError);
      expect(await store.streamInfo(stream)).toBeNull();
    });
  });

  describe('validation and upcasting through the codec', () => {
    it('rejects an invalid event on write and writes nothing of the batch', async () => {
      const store = await ctx.harness.open(codecV1);
      const stream = uniqueStream();
      const error = await store
        .append(stream, [event('Registered', { name: 'Ana' }), event('Registered', { name: '' })], {
          expected: 'no_stream',
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventValidationError);
      expect((error as EventValidationError).eventType).toBe('Registered');
      await expect(
        store.append(stream, [event('Unheard', {})], { expected: 'no_stream' }),
      ).rejects.toBeInstanceOf(EventValidationError);
      expect(await store.streamInfo(stream)).toBeNull();
    });

    it('rejects an event id that is not a UUID', async () => {
      const stream = uniqueStream();
      await expect(
        ctx.store().append(stream, [{ id: 'retry-1', type: 'Counted', data: {} }], { expected: 'any' }),
      ).rejects.toBeInstanceOf(EventValidationError);
    });

    it('stores what the codec returns (e.g. without unknown keys)', async () => {
      const store = await ctx.harness.open(codecV1);
      const stream = uniqueStream();
      await store.append(stream, [event('Registered', { name: 'Ana', extra: true })], {
        expected: 'no_stream',
      });
      const [read] = await collect(store.readStream(stream));
      expect(read?.data).toEqual({ name: 'Ana' });
    });

    it('validates on read: a stored event the codec rejects fails the read', async () => {
      const stream = uniqueStream();
      // Written without validation (as by an older, laxer version of the code).
      await ctx.store().append(stream, [event('Registered', { name: '' })], { expected: 'no_stream' });
      const strict = await ctx.harness.open(codecV1);
      await expect(collect(strict.readStream(stream))).rejects.toBeInstanceOf(EventValidationError);
    });

    it('upcasts an event stored at schema version 1 to the version 2 shape', async () => {
      const v1 = await ctx.harness.open(codecV1);
      const v2 = await ctx.harness.open(codecV2);
      const stream = uniqueStream();
      await v1.append(stream, [event('Renamed', { name: 'Ana Lima' })], { expected: 'no_stream' });
      await v2.append(stream, [event('Renamed', { fullName: 'Ana Maria Lima' })], { expected: 1 });
      const read = await collect(v2.readStream(stream));
      expect(read.map((e) => [e.schemaVersion, e.data])).toEqual([
        [1, { fullName: 'Ana Lima' }],
        [2, { fullName: 'Ana Maria Lima' }],
      ]);
      // The chain covers what was stored, not the upcast shape.
      expect((await v2.verifyStream(stream)).ok).toBe(true);
    });
  });
}
