import type { PGlite } from '@electric-sql/pglite';
import { hostRequire } from './host-require';

/** A FIFO lock: one holder at a time. */
export class AsyncLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with the release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return acquired;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * Protocol messages after which the backend is in the middle of an extended-protocol exchange (up to
 * the Sync): Parse, Bind, Describe, Execute, Flush, Close, and COPY data. Another client's message in
 * between would replace its unnamed statement or portal.
 */
const unfinished = new Set(['P', 'B', 'D', 'E', 'H', 'C', 'd']);

/**
 * PGlite is one Postgres backend. In-process code (queries and whole transactions) and the clients
 * of the socket server take turns through one gate: a socket client keeps it from its first message
 * while its transaction block or extended-protocol exchange is open, so in-process statements never
 * land inside a socket client's transaction (its ROLLBACK would undo them) nor the other way round.
 * PGlite's own mutexes cannot do this: `transaction()` and the socket server's `runExclusive` use
 * different ones, and the socket server's "same client while in a transaction" rule would stall on
 * an in-process transaction.
 */
export class PGliteGate {
  readonly lock = new AsyncLock();
  private socketHold: (() => void) | undefined;
  private lastMessage = '';

  constructor(private readonly pg: PGlite) {}

  /** Runs in-process work with the database to itself. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }

  /** What the socket server sees instead of the PGlite instance: the same methods, behind the gate. */
  socketView(): PGlite {
    const pg = this.pg;
    const view = {
      waitReady: pg.waitReady,
      // "In a transaction" for the socket server means: keep serving the client that holds the gate.
      isInTransaction: () => this.socketHold !== undefined,
      runExclusive: async <T>(fn: () => Promise<T>): Promise<T> => {
        this.socketHold ??= await this.lock.acquire();
        try {
          return await pg.runExclusive(fn);
        } finally {
          this.releaseIfDone();
        }
      },
      execProtocolRawStream: (
        message: Uint8Array,
        options: Parameters<PGlite['execProtocolRawStream']>[1],
      ) => {
        // A startup packet has no type byte; its first byte is 0 (the length's high byte).
        this.lastMessage = message[0] ? String.fromCharCode(message[0]) : '';
        return pg.execProtocolRawStream(message, options);
      },
      // Used by the socket server to roll back the transaction of a client that went away.
      exec: async (sql: string) => {
        try {
          return await pg.exec(sql);
        } finally {
          this.lastMessage = '';
          this.releaseIfDone();
        }
      },
    };
    return view as unknown as PGlite;
  }

  private releaseIfDone(): void {
    if (!this.socketHold || unfinished.has(this.lastMessage) || this.pg.isInTransaction()) return;
    const release = this.socketHold;
    this.socketHold = undefined;
    release();
  }
}

export interface PGliteSocket {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves the in-process PGlite over the Postgres wire protocol on 127.0.0.1 (a free port), so that
 * other processes (the CLI, a separate worker) use the database through this one instead of opening
 * its directory, which would lose data.
 */
export async function servePGliteSocket(gate: PGliteGate): Promise<PGliteSocket> {
  const { PGLiteSocketServer } = hostRequire(__filename)(
    '@electric-sql/pglite-socket',
  ) as typeof import('@electric-sql/pglite-socket');
  const host = '127.0.0.1';
  const server = new PGLiteSocketServer({ db: gate.socketView(), host, port: 0, maxConnections: 32 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port <= 0) {
    await server.stop();
    throw new Error(`PGlite socket server gave no port (${conn})`);
  }
  return { host, port, stop: () => server.stop() };
}
