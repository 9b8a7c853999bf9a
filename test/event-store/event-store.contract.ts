import { passThroughCodec, type EventStore } from '@corridor/event-store';
import { appendContract } from './contract/append.contract';
import { chainContract } from './contract/chain.contract';
import type { ContractHarness } from './contract/harness';
import { logContract } from './contract/log.contract';
import { readContract } from './contract/read.contract';

export type { ContractHarness } from './contract/harness';

/**
 * The behaviour every EventStore adapter must show, run by each adapter's test file with its own
 * harness: appends and optimistic concurrency, idempotency, reads, codec validation and upcasting,
 * the global log and subscriptions (order, no gaps, checkpoints), and the hash chain.
 */
export function eventStoreContract(harness: ContractHarness): void {
  let store: EventStore | undefined;
  const ctx = {
    harness,
    store(): EventStore {
      if (!store) throw new Error('store not opened yet');
      return store;
    },
  };
  beforeAll(async () => {
    store = await harness.open(passThroughCodec);
  });
  afterAll(() => harness.closeAll());

  appendContract(ctx);
  readContract(ctx);
  logContract(ctx);
  chainContract(ctx);
}
