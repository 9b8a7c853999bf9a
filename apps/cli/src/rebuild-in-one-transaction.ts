import { domainEventCodec } from '@corridor/domain';
import { SqlEventStore, type EventStore, type SqlDatabase, type SqlExecutor } from '@corridor/event-store';
import { rebuildProjections, type Projection, type RebuiltProjection } from '@corridor/projections';

/** A database whose every query and "transaction" runs inside the one transaction `tx`. */
function insideTransaction(tx: SqlExecutor, outer: SqlDatabase): SqlDatabase {
  return {
    kind: outer.kind,
    query: (text, params, options) => tx.query(text, params, options),
    transaction: (fn) => fn(tx),
    listen: () => Promise.reject(new Error('no LISTEN inside a rebuild transaction')),
    close: () => Promise.resolve(),
  };
}

/**
 * `projections:rebuild` against the embedded database of a running Corridor (through its socket).
 * The server's projector runs too; two projectors moving one checkpoint would make the rebuild fail
 * half-way. Run as one transaction instead: the server (one PGlite backend, see PGliteGate) waits
 * meanwhile, then sees the new checkpoint and carries on from it; a failed rebuild changes nothing.
 */
export async function rebuildInOneTransaction(options: {
  store: EventStore;
  db: SqlDatabase;
  projections: Projection[];
  name?: string;
}): Promise<RebuiltProjection[]> {
  return options.db.transaction(async (tx) => {
    const db = insideTransaction(tx, options.db);
    // Events are read in the same transaction (a second connection would wait for this one).
    const store =
      options.store instanceof SqlEventStore ? new SqlEventStore(db, domainEventCodec) : options.store;
    return rebuildProjections({ store, db, projections: options.projections, name: options.name });
  });
}
