import type { EventCodec, EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { liveHolder, type DataDirHolder } from './sql/data-dir-lock';
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
  /**
   * How a PGlite dataDir is shared with other processes (one process only may open it):
   * - `own` (default): open it; refused with DataDirInUseError while another process holds it;
   * - `serve`: own it and serve it over a socket on 127.0.0.1 for other processes;
   * - `attach`: while a live process serves it, go through that process's socket; otherwise own it;
   * - `share`: attach when another process serves it, otherwise serve it.
   */
  dataDirAccess?: 'own' | 'serve' | 'attach' | 'share';
}

/** Where a store opened with `attach`/`share` went: the holder whose socket it uses, if any. */
export interface OpenedEventStore {
  store: EventStore;
  db: SqlDatabase;
  attachedTo?: DataDirHolder;
}

async function openSqlDatabase(config: EventStoreConfig): Promise<{ db: SqlDatabase; attachedTo?: DataDirHolder }> {
  if (config.databaseUrl) return { db: await openPostgres(config.databaseUrl) };
  const access = config.dataDirAccess ?? 'own';
  if (config.dataDir !== undefined && (access === 'attach' || access === 'share')) {
    const holder = liveHolder(config.dataDir);
    if (holder?.socket) {
      const url = `postgres://postgres@${holder.socket.host}:${holder.socket.port}/postgres`;
      // One backend behind the socket: no named statements, no session timeout (it would be the
      // holder's session too), few connections.
      const db = await openPostgres(url, { max: 4, preparedStatements: false, idleInTransactionTimeoutMs: 0 });
      return { db, attachedTo: holder };
    }
  }
  return { db: await openPGlite(config.dataDir, { serve: access === 'serve' || access === 'share' }) };
}

/**
 * Opens the SQL database (always: read models live there) and the event store on top of it or on
 * KurrentDB, then initialises the store's schema. Closing: `store.close()` then `db.close()`.
 */
export async function openEventStore(config: EventStoreConfig): Promise<OpenedEventStore> {
  const { db, attachedTo } = await openSqlDatabase(config);
  try {
    let store: EventStore;
    if (config.kurrentdbUrl) {
      // The adapter loads the KurrentDB client (native addon) lazily, on first use.
      store = new KurrentDbEventStore(config.kurrentdbUrl, config.codec);
    } else {
      store = new SqlEventStore(db, config.codec, { schema: config.schema });
    }
    await store.init();
    return { store, db, attachedTo };
  } catch (error) {
    await db.close();
    throw error;
  }
}
