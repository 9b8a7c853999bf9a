import { ChainBrokenError } from '@corridor/event-store';
import { collect, events, uniqueStream } from '../test-events';
import type { ContractContext } from './harness';

/** Damage that changes what an event says (as opposed to where or when it sits in the store). */
const verifyingReadCatches: Record<string, true> = {
  data: true,
  metadata: true,
  type: true,
  schema_version: true,
  'recorded_at (seconds)': true,
  prev_hash: true,
  hash: true,
  version: true,
  id: true,
  stream: true,
};

export function chainContract(ctx: ContractContext): void {
  describe('hash chain', () => {
    it('verifies untouched streams and the whole log', async () => {
      const store = ctx.store();
      const stream = uniqueStream();
      await store.append(stream, events(3), { expected: 'no_stream' });
      await store.append(stream, events(2), { expected: 3 });
      expect(await store.verifyStream(stream)).toEqual({
        ok: true,
        streams: 1,
        events: 5,
        firstBreak: undefined,
      });
      expect(await collect(store.readStream(stream, { verify: true }))).toHaveLength(5);
      expect(await collect(store.readStream(stream, { verify: true, from: 3 }))).toHaveLength(3);
      const progress: number[] = [];
      const all = await store.verifyAll((p) => progress.push(p.events));
      expect(all).toMatchObject({ ok: true, firstBreak: undefined });
      expect(all.events).toBeGreaterThanOrEqual(5);
      expect(progress[progress.length - 1]).toBe(all.events);
    });

    const kinds = ctx.harness.tamperKinds ?? [];
    it.each(kinds)('names the stream and version whose chain breaks: %s', async (kind) => {
      const { tamper } = ctx.harness;
      if (!tamper) throw new Error('tamperKinds without tamper()');
      const store = ctx.store();
      const stream = uniqueStream('tamper');
      await store.append(stream, events(3), { expected: 'no_stream' });
      await store.append(stream, events(1), { expected: 3 });
      const damage = await tamper(kind, stream, 3);
      try {
        const result = await store.verifyStream(stream);
        expect(result.ok).toBe(false);
        expect(result.firstBreak).toMatchObject({ stream, version: damage.breaksAt });
        const all = await store.verifyAll();
        expect(all.firstBreak).toMatchObject({ stream, version: damage.breaksAt });
        // A verifying read checks the events themselves (hash and links), not row bookkeeping.
        if (kind in verifyingReadCatches) {
          const reading = collect(store.readStream(stream, { verify: true }));
          await expect(reading).rejects.toBeInstanceOf(ChainBrokenError);
          await expect(reading).rejects.toMatchObject({ stream, version: damage.breaksAt });
        }
      } finally {
        await damage.restore();
      }
      expect((await store.verifyStream(stream)).ok).toBe(true);
    });
  });
}
