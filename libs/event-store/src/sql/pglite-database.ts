import type { PGlite, Transaction } from '@electric-sql/pglite';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { hostRequire } from './host-require';
import { PGliteGate, servePGliteSocket, type PGliteSocket } from './pglite-gate';
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

export interface PGliteOptions {
  /**
   * Serve the database over the Postgres wire protocol on 127.0.0.1 (a free port, recorded in the
   * directory's lock file) so that other processes can use it while this one holds it.
   */
  serve?: boolean;
}

/** A PGlite database; `socket` is set when it is served to other processes. */
export type PGliteDatabase = SqlDatabase & { readonly socket?: { host: string; port: number } };

/**
 * A SqlDatabase over PGlite (PostgreSQL in WASM, one connection). PGlite itself queues plain queries
 * behind an open transaction, so transactions are serialised; code inside `transaction` must use
 * the `tx` it is given (calling the outer database there would wait for itself).
 *
 * A data directory is opened by one process only: it is locked (`<dataDir>.lock`, with the holder's
 * pid) and a second open, from this or another process, is refused with DataDirInUseError. Other
 * processes go through the holder's socket instead (`serve`).
 *
 * @param dataDir directory to persist to; in memory when undefined.
 */
export async function openPGlite(dataDir?: string, opts: PGliteOptions = {}): Promise<PGliteDatabase> {
  const lock: DataDirLock | undefined = dataDir === undefined ? undefined : acquireDataDirLock(dataDir);
  let pg: PGlite;
  try {
    const PGliteClass = loadPGlite();
    // Dates built in this module, not by PGlite: see loadPGlite for why that matters.
    const options = { parsers: { [timestamptzOid]: parseTimestamptz, [timestampOid]: parseTimestamp } };
    pg = dataDir === undefined ? await PGliteClass.create(options) : await PGliteClass.create(dataDir, options);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const gate = new PGliteGate(pg);
  let socket: PGliteSocket | undefined;
  if (opts.serve) {
    try {
      socket = await servePGliteSocket(gate);
      lock?.advertise({ host: socket.host, port: socket.port });
    } catch (error) {
      await pg.close();
      lock?.release();
      throw error;
    }
  }
  const outer = executor(pg);
  let closed = false;

  return {
    kind: 'pglite',
    socket: socket && { host: socket.host, port: socket.port },
    query: (text, params) => gate.run(() => outer.query(text, params)),
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return gate.run(() => pg.transaction((tx: Transaction) => fn(executor(tx))));
    },
    async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
      const unlisten = await gate.run(() => pg.listen(channel, onNotify));
      return async () => {
        if (!closed) await gate.run(() => unlisten());
      };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await socket?.stop();
        await gate.run(() => pg.close());
      } finally {
        lock?.release();
      }
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
