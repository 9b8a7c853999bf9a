import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { PgListener } from './pg-listener';
import type { QueryOptions, SqlDatabase, SqlExecutor, SqlResult } from './sql-database';

export interface PostgresOptions {
  /** Pool size (default 10). */
  max?: number;
  /**
   * A session left idle inside a transaction holds back pg_snapshot_xmin and therefore stalls every
   * subscriber (they only read below the oldest running transaction); Postgres kills it after this.
   */
  idleInTransactionTimeoutMs?: number;
  /**
   * Prepare named statements (default true). Off for a PGlite served over its socket: all its
   * clients share one backend, where a name prepared by an earlier connection would collide.
   */
  preparedStatements?: boolean;
  /** Passed through to the pool (ssl, application_name, ...). */
  pool?: Omit<PoolConfig, 'connectionString' | 'max'>;
}

type Runner = (
  query: string | { name: string; text: string; values?: unknown[] },
  params?: unknown[],
) => Promise<{ rows: unknown[]; rowCount: number | null }>;

function executor(run: Runner, prepare = true): SqlExecutor {
  return {
    async query<R>(text: string, params?: unknown[], options?: QueryOptions): Promise<SqlResult<R>> {
      // A named query is prepared once per connection and its plan reused.
      const result = prepare && options?.name
        ? await run({ name: options.name, text, values: params })
        : await run(text, params);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
  };
}

/** A SqlDatabase over a `pg` Pool; LISTEN runs on one dedicated client, outside the pool, that reconnects (PgListener). */
export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<SqlDatabase> {
  const idleTimeout = opts.idleInTransactionTimeoutMs ?? 30_000;
  const pool = new Pool({
    ...opts.pool,
    connectionString: url,
    max: opts.max ?? 10,
    // Set at connection start-up, so it costs no extra round trip per checkout.
    options: `-c idle_in_transaction_session_timeout=${idleTimeout}`,
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node
  // would crash the process. The next checkout simply opens a new connection.
  pool.on('error', () => undefined);
  // Fail fast on a bad URL instead of at the first query.
  const probe = await pool.connect();
  probe.release();

  // Same connection settings as the pool (ssl, ...); the name makes it easy to find in pg_stat_activity.
  const listener = new PgListener({
    ...opts.pool,
    connectionString: url,
    application_name: opts.pool?.application_name ?? 'corridor-listen',
  });

  const prepare = opts.preparedStatements ?? true;
  const base = executor((query, params) => pool.query(query, params), prepare);

  const db: SqlDatabase = {
    kind: 'postgres',
    query: (text, params, options) => base.query(text, params, options),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client: PoolClient = await pool.connect();
      // pg-pool stops listening for 'error' on a client it has handed out; the server dropping the
      // connection between two statements (a restart) would then be an unhandled 'error' event that
      // kills the process. Listen while we hold it: the next statement fails and we roll back.
      const onError = () => undefined;
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(executor((query, params) => client.query(query, params), prepare));
        await client.query('COMMIT');
        client.removeListener('error', onError);
        client.release();
        return result;
      } catch (error) {
        // A failed ROLLBACK means the connection is broken: destroy it rather than pool it.
        await client.query('ROLLBACK').then(
          () => {
            client.removeListener('error', onError);
            client.release();
          },
          (rollbackError: Error) => {
            client.removeListener('error', onError);
            client.release(rollbackError);
          },
        );
        throw error;
      }
    },
    listen: (channel, onNotify) => listener.listen(channel, onNotify),
    notificationStatus: () => listener.status(),
    async close(): Promise<void> {
      await listener.close();
      await pool.end();
    },
  };
  return db;
}
