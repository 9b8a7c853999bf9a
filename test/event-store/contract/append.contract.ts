import {
  EventValidationError,
  IdempotencyConflictError,
  WrongExpectedVersionError,
  type ExpectedVersion,
} from '@corridor/event-store';
import { collect, event, events, uniqueStream } from '../test-events';
import type { ContractContext } from './harness';

async function expectConflict(promise: Promise<unknown>, actual: number): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect((error as WrongExpectedVersionError).actual).toBe(actual);
}

export function appendContract(ctx: ContractContext): void {
  describe('optimistic concurrency', () => {
    it('appends with versions from 1, hash-linked, positions increasing', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      const result = await store.append(stream, events(3), { expected: 'no_stream' });
      expect(result.nextVersion).toBe(3);
      expect(result.positions).toHaveLength(3);
      expect(result.positions[0]).toBeLessThan(result.positions[1] ?? 0);
      expect(result.positions[1]).toBeLessThan(result.positions[2] ?? 0);
      const read = await collect(store.readStream(stream));
      expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(read.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(read.map((e) => e.position)).toEqual(result.positions);
      expect(read[0]?.prevHash).toBeNull();
      expect(read[1]?.prevHash).toBe(read[0]?.hash);
      expect(read[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(read[0]?.recordedAt).toBeInstanceOf(Date);
    });

    it('no_stream: creates a stream, refuses an existing one with its version', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await store.append(stream, events(2), { expected: 'no_stream' });
      await expectConflict(store.append(stream, events(1), { expected: 'no_stream' }), 2);
    });

    it('exists: refuses a missing stream (actual 0), appends to an existing one', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await expectConflict(store.append(stream, events(1), { expected: 'exists' }), 0);
      expect(await store.streamInfo(stream)).toBeNull();
      await store.append(stream, events(1), { expected: 'no_stream' });
      expect((await store.append(stream, events(1), { expected: 'exists' })).nextVersion).toBe(2);
    });

    it('any: appends whether or not the stream exists', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      expect((await store.append(stream, events(1), { expected: 'any' })).nextVersion).toBe(1);
      expect((await store.append(stream, events(2), { expected: 'any' })).nextVersion).toBe(3);
    });

    it('number: appends at exactly that version, otherwise reports the actual one', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      expect((await store.append(stream, events(1), { expected: 0 })).nextVersion).toBe(1);
      await expectConflict(store.append(stream, events(1), { expected: 0 }), 1);
      await expectConflict(store.append(stream, events(1), { expected: 2 }), 1);
      expect((await store.append(stream, events(2), { expected: 1 })).nextVersion).toBe(3);
      await expectConflict(store.append(uniqueStream(), events(1), { expected: 3 }), 0);
    });

    it('lets exactly one of two concurrent appends at the same version win', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await store.append(stream, events(1), { expected: 'no_stream' });
      const results = await Promise.allSettled([
        store.append(stream, events(1), { expected: 1 }),
        store.append(stream, events(1), { expected: 1 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((rejected?.reason as WrongExpectedVersionError).actual).toBe(2);
      expect((await store.streamInfo(stream))?.version).toBe(2);
    });

    it("keeps a stream's chain whole when many writers append with 'any' at once", async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      const results = await Promise.all(
        Array.from({ length: 12 }, () => store.append(stream, events(2), { expected: 'any' })),
      );
      expect(results.map((r) => r.nextVersion).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => (i + 1) * 2),
      );
      const read = await collect(store.readStream(stream, { verify: true }));
      expect(read.map((e) => e.version)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      expect((await store.verifyStream(stream)).ok).toBe(true);
    });

    it('rejects an append of no events at a wrong version and accepts it at the right one', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await store.append(stream, events(2), { expected: 'no_stream' });
      expect(await store.append(stream, [], { expected: 2 })).toEqual({ nextVersion: 2, positions: [] });
      await expectConflict(store.append(stream, [], { expected: 'no_stream' }), 2);
    });
  });

  describe('idempotent appends', () => {
    const forms: ExpectedVersion[] = ['no_stream', 0, 'any'];
    it.each(forms)(
      'a retried first append (expected %p) returns the original result and writes nothing',
      async (expected) => {
        const store = ctx.store();
        const stream = uniqueStream();
        const batch = events(2);
        const first = await store.append(stream, batch, { expected });
        expect(await store.append(stream, batch, { expected })).toEqual(first);
        expect(await collect(store.readStream(stream))).toHaveLength(2);
      },
    );

    it.each<ExpectedVersion>([2, 'exists', 'any'])(
      'a retried later append (expected %p) returns the original result',
      async (expected) => {
        const store = ctx.store();
        const stream = uniqueStream();
        await store.append(stream, events(2), { expected: 'no_stream' });
        const batch = events(3);
        const first = await store.append(stream, batch, { expected });
        expect(first.nextVersion).toBe(5);
        expect(await store.append(stream, batch, { expected })).toEqual(first);
        expect((await store.streamInfo(stream))?.version).toBe(5);
      },
    );

    it('recognises a retry even after the stream has moved on', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      const batch = events(1);
      const first = await store.append(stream, batch, { expected: 'no_stream' });
      await store.append(stream, events(1), { expected: 1 });
      expect(await store.append(stream, batch, { expected: 'no_stream' })).toEqual(first);
      expect((await store.streamInfo(stream))?.version).toBe(2);
    });

    it('refuses ids that match recorded events only in part, writing nothing', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      const [a, b] = events(2);
      if (!a || !b) throw new Error('two events expected');
      await store.append(stream, [a, b], { expected: 'no_stream' });
      await expect(store.append(stream, [a, event('Counted')], { expected: 'any' })).rejects.toBeInstanceOf(
        IdempotencyConflictError,
      );
      await expect(store.append(stream, [event('Counted'), b], { expected: 'any' })).rejects.toBeInstanceOf(
        IdempotencyConflictError,
      );
      expect((await store.streamInfo(stream))?.version).toBe(2);
    });
  });

  describe('text it cannot keep as it is', () => {
    it('refuses ill-formed Unicode (a lone surrogate) in data or metadata, naming the field, and records nothing', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      const inData = store.append(stream, [event('Named', { candidate: { fullName: 'x\ud800y' } })], { expected: 'no_stream' });
      await expect(inData).rejects.toBeInstanceOf(EventValidationError);
      await expect(inData).rejects.toThrow(/data\.candidate\.fullName: ill-formed Unicode \(lone surrogate U\+D800 at index 1\)/);
      const inMetadata = store.append(stream, [event('Named', {}, { note: ['ok', '\udc00'] })], { expected: 'no_stream' });
      await expect(inMetadata).rejects.toThrow(/metadata\.note\[1\]: ill-formed Unicode/);
      expect(await store.streamInfo(stream)).toBeNull();
    });

    it('keeps well-formed text exactly, astral characters and U+0000 included', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      const data = { name: 'Ai\u0000gerim 𠮷 \ud83d\ude00' };
      await store.append(stream, [event('Named', data)], { expected: 'no_stream' });
      const [read] = await collect(store.readStream(stream));
      expect(read?.data).toEqual(data);
    });
  });
}
