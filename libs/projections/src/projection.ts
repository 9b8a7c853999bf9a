import type { EventFilter, RecordedEvent } from '@corridor/event-store';
import type { SqlExecutor } from '@corridor/event-store';

/**
 * A read model kept from the event log. The projector applies each event and moves the projection's
 * checkpoint in the same transaction, so a crash never applies an event twice or skips one.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the read model's shape changes: the projector then rebuilds it from position 0. */
  readonly version: number;
  readonly filter?: EventFilter;
  /** Tables owned by this projection (emptied on rebuild, compared by the rebuild test). */
  readonly tables: string[];
  /** Creates the tables and indexes if missing. Idempotent. */
  setup(db: SqlExecutor): Promise<void>;
  /** Applies one event inside the projector's transaction. */
  apply(event: RecordedEvent, tx: SqlExecutor): Promise<void>;
  /**
   * Optional: applies a batch of events (in log order) in one go, e.g. one multi-row upsert instead
   * of a statement per event. Must leave the same rows as calling `apply` for each event.
   */
  applyBatch?(events: RecordedEvent[], tx: SqlExecutor): Promise<void>;
}
