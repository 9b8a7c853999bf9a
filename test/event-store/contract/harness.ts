import type { EventCodec, EventStore, NewEvent } from '@corridor/event-store';

/** Ways to damage a stored event (or its stream record) behind the store's back. */
export type TamperKind = string;

/** What each adapter's test file supplies to the shared contract suite. */
export interface ContractHarness {
  /** Opens a store with the given codec; every store of a harness shares one log. */
  open(codec: EventCodec): Promise<EventStore>;
  closeAll(): Promise<void>;
  /**
   * Damages the event at (stream, version) in the way named by `kind`. Resolves to the version that
   * verification must name and a function undoing the damage. `tamperKinds` lists what the
   * adapter can do (raw SQL updates, ...).
   */
  tamper?(
    kind: TamperKind,
    stream: string,
    version: number,
  ): Promise<{ breaksAt: number; restore(): Promise<void> }>;
  tamperKinds?: TamperKind[];
  /**
   * Starts an append in a transaction that stays open until `commit()` (adapters where
   * transactions can be held open while others commit: Postgres).
   */
  holdOpenAppend?(
    store: EventStore,
    stream: string,
    events: NewEvent[],
  ): Promise<{ commit(): Promise<void> }>;
}

/** The contract's state shared by its parts: the harness and the pass-through store opened on it. */
export interface ContractContext {
  harness: ContractHarness;
  store(): EventStore;
}
