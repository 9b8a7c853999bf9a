import {
  openPGlite,
  openPostgres,
  SqlEventStore,
  type EventCodec,
  type SqlDatabase,
} from '@corridor/event-store';
import type { ContractHarness } from './event-store.contract';

/** Each test file gets its own Postgres schema, so files running in parallel do not see each other's log. */
export function uniqueSchema(label: string): string {
  return `es_${label}_${process.pid}_${Date.now().toString(36)}`;
}

export interface SqlHarness extends ContractHarness {
  /** The database of the last opened store (for raw SQL in tests). */
  db(): SqlDatabase;
  schema: string;
}

export function sqlHarness(kind: 'postgres' | 'pglite', label: string): SqlHarness {
  const schema = uniqueSchema(label);
  const opened: SqlDatabase[] = [];
  return {
    schema,
    db() {
      const db = opened[opened.length - 1];
      if (!db) throw new Error('no database opened yet');
      return db;
    },
    async open(codec: EventCodec) {
      const db = kind === 'postgres' ? await openPostgres(postgresUrl()) : await openPGlite();
      opened.push(db);
      const store = new SqlEventStore(db, codec, { schema });
      await store.init();
      return store;
    },
    async closeAll() {
      for (const db of opened.splice(0)) await db.close();
    },
  };
}

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set (jest globalSetup creates it)');
  return url;
}
