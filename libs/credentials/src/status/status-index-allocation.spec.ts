import { MIN_STATUS_LIST_BITS } from './bitstring-status-list';
import { allocateStatusIndex, InMemoryStatusIndexRepository, reserveStatusSlot, StatusListFullError, type RandomIndex } from './status-index-allocation';

/** Replays a fixed sequence so collisions can be forced. */
function scripted(...values: number[]): RandomIndex {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('allocateStatusIndex', () => {
  it('never hands out a used index across many allocations', () => {
    const used = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const index = allocateStatusIndex({ used });
      expect(used.has(index)).toBe(false);
      used.add(index);
    }
    expect(used.size).toBe(5000);
  });

  it('retries on collision and falls back to a scan when random probes keep colliding', () => {
    expect(allocateStatusIndex({ used: new Set([5, 6]), random: scripted(5, 6, 7) })).toBe(7);
    const used = (i: number) => i !== 42;
    expect(allocateStatusIndex({ used, random: scripted(10), randomAttempts: 3 })).toBe(42);
  });

  it('fails loudly on a full list and on a broken random source', () => {
    expect(() => allocateStatusIndex({ used: () => true })).toThrow(StatusListFullError);
    expect(() => allocateStatusIndex({ used: new Set(), random: () => MIN_STATUS_LIST_BITS })).toThrow(/outside/);
  });
});

describe('reserveStatusSlot', () => {
  it('gives concurrent credentials distinct slots even when they draw the same numbers', async () => {
    const repository = new InMemoryStatusIndexRepository();
    const random = scripted(1, 2, 3, 4, 5);
    const slots = await Promise.all(
      ['c1', 'c2', 'c3'].map((credentialId) => reserveStatusSlot(repository, { listId: 'L1', credentialId, random })),
    );
    expect(new Set(slots.map((s) => s.index)).size).toBe(3);
    expect(await repository.usedCount('L1')).toBe(3);
  });

  it('is idempotent per credential', async () => {
    const repository = new InMemoryStatusIndexRepository();
    const first = await reserveStatusSlot(repository, { listId: 'L1', credentialId: 'c1' });
    const again = await reserveStatusSlot(repository, { listId: 'L1', credentialId: 'c1' });
    expect(again).toEqual(first);
    expect(await repository.usedCount('L1')).toBe(1);
  });

  it('reports a full list instead of looping', async () => {
    const repository = new InMemoryStatusIndexRepository();
    await repository.claim({ listId: 'L1', index: 0 }, 'taken');
    await expect(reserveStatusSlot(repository, { listId: 'L1', credentialId: 'c2', random: () => 0, maxClaimAttempts: 5 })).rejects.toThrow(
      StatusListFullError,
    );
  });
});
