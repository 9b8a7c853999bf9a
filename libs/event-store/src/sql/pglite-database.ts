import type { PGlite, Transaction } from '@electric-sql/pglite';
import { hostRequire } from './host-require';
import type { SqlDatabase, SqlExecutor, SqlResult } from './sql-database';

interface PGliteRunner {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
}

function executor(runner: PGliteRunner): SqlExecutor {
  return {
    async query<R>(text: string, params?: unknown[]): Promise<SqlResult<R>> {
      const result = await runner.query<R>(text, params?.map(toPGliteParam));
      // PGlite reports affectedRows only for DML; a SELECT's count is its row count, as in pg.
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
  };
}

/**
 * PGlite recognises dates with `instanceof Date`, which fails for dates made in a jest sandbox
 * (another realm: see loadPGlite); handing over ISO text works for every timestamp type.
 */
function toPGliteParam(value: unknown): unknown {
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).toISOString();
  if (Array.isArray(value)) return value.map(toPGliteParam);
  return value;
}

/**
 * A SqlDatabase over PGlite (PostgreSQL in WASM, one connection). PGlite itself queues plain queries
 * behind an open transaction, so transactions are serialised; code inside `transaction` must use
 * the `tx` it is given (calling the outer database there would wait for itself).
 *
 * @param dataDir directory to persist to; in memory when undefined.
 */
export async function openPGlite(dataDir?: string): Promise<SqlDatabase> {
  const PGliteClass = loadPGlite();
  // Dates built in this module, not by PGlite: see loadPGlite for why that matters.
  const options = { parsers: { [timestamptzOid]: parseTimestamptz, [timestampOid]: parseTimestamp } };
  const pg: PGlite =
    dataDir === undefined ? await PGliteClass.create(options) : await PGliteClass.create(dataDir, options);
  const outer = executor(pg);
  let closed = false;

  return {
    kind: 'pglite',
    query: (text, params) => outer.query(text, params),
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return pg.transaction((tx: Transaction) => fn(executor(tx)));
    },
    async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
      const unlisten = await pg.listen(channel, onNotify);
      return async () => {
        if (!closed) await unlisten();
      };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
}

const timestampOid = 1114;
const timestamptzOid = 1184;

/** Postgres ISO output with zone ("2024-01-01 12:00:00.123456+00") to a Date. */
function parseTimestamptz(text: string): Date {
  return new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

/** Postgres ISO output without zone, read as UTC (the session time zone of PGlite). */
function parseTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

/**
 * Loaded on first use (the WASM bundle is large and Postgres deployments never need it) through
 * Node's own require. PGlite's CommonJS build loads Node built-ins with dynamic import(), which a
 * jest sandbox rejects unless Node runs with --experimental-vm-modules; Node's own loader has no
 * such limit. The price is that PGlite's objects come from outside a jest sandbox, so `instanceof
 * Date` would fail on its timestamps: hence the timestamp parsers above.
 */
function loadPGlite(): typeof PGlite {
  return (hostRequire(__filename)('@electric-sql/pglite') as { PGlite: typeof PGlite }).PGlite;
}
