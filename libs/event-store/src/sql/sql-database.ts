/**
 * The SQL surface shared by the Postgres (`pg`) and PGlite drivers, so that the event store and the
 * projections run the same SQL on both.
 */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepare the statement under this name on each connection and reuse it (its plan is cached), for
   * hot statements. The name must always stand for the same text. Drivers without it ignore it.
   */
  name?: string;
}

export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<SqlResult<R>>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Where other processes reach an embedded database that this process serves (see openPGlite). */
  readonly socket?: { host: string; port: number };
  /** Runs fn in one transaction (BEGIN/COMMIT, ROLLBACK on throw) on a single connection. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; returns an unlisten function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** The LISTEN connection's state, for drivers that have one (PGlite notifies in process). */
  notificationStatus?(): NotificationStatus;
  close(): Promise<void>;
}

export interface NotificationStatus {
  /** idle: nobody listens; reconnecting: the connection dropped and LISTEN is being re-established. */
  state: 'idle' | 'connecting' | 'listening' | 'reconnecting';
  /** Since when in this state. */
  since: Date;
  channels: string[];
  /** Times the connection was re-established after a drop. */
  reconnects: number;
  lastError?: string;
}
