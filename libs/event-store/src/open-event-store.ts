import type { EventCodec, EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { openPGlite } from './sql/pglite-database';
import { openPostgres } from './sql/pg-database';
import type { SqlDatabase } from './sql/sql-database';
import { SqlEventStore } from './sql/sql-event-store';

export interface EventStoreConfig {
  /** Postgres URL; when unset the SQL database is PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; in memory when unset (and no databaseUrl). */
  dataDir?: string;
  /** When set, events live in KurrentDB; the SQL database still holds the read models. */
  kurrentdbUrl?: string;
  codec: EventCodec;
  /** Schema of the SQL event store tables (default "event_store"). */
  schema?: string;
}

/**
 * Opens the SQL database (always: read models live there) and the event store on top of it or on
 * KurrentDB, then initialises the store's schema. Closing: `store.close()` then `db.close()`.
 */
export async function openEventStore(
  config: EventStoreConfig,
): Promise<{ store: EventStore; db: SqlDatabase }> {
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPGlite(config.dataDir);
  try {
    let store: EventStore;
    if (config.kurrentdbUrl) {
      // The adapter loads the KurrentDB client (native addon) lazily, on first use.
      store = new KurrentDbEventStore(config.kurrentdbUrl, config.codec);
    } else {
      store = new SqlEventStore(db, config.codec, { schema: config.schema });
    }
    await store.init();
    return { store, db };
  } catch (error) {
    await db.close();
    throw error;
  }
}
