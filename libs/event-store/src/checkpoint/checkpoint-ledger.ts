import type { EventStore, LogEntry } from '../event-store.port';
import { quoteIdent } from '../sql/quote-ident';
import type { SqlDatabase } from '../sql/sql-database';
import { logLeaf, type StreamHead } from './log-leaf';
import { MerkleAccumulator } from './merkle-tree';

/** What a checkpoint states about the log; signed as the payload of a compact JWS. */
export interface CheckpointStatement {
  seq: number;
  /** Number of events in the log. */
  size: number;
  /** RFC 9162 Merkle tree hash (hex) over the events' leaves in log order. */
  root: string;
  /** Position of the last event covered (0 for an empty log). */
  headPosition: number;
  createdAt: string;
  /** Number of streams, and the SHA-256 of their heads (see headsDigest). */
  streams: number;
  headsDigest: string;
}

export interface StoredCheckpoint extends CheckpointStatement {
  jws: string;
}

/** The log no longer extends the last checkpoint: a new one would launder the change, so none is signed. */
export class CheckpointInconsistentError extends Error {
  override readonly name = 'CheckpointInconsistentError';
  constructor(
    readonly checkpoint: StoredCheckpoint,
    readonly currentSize: number,
  ) {
    super(
      `the event log (${currentSize} events) no longer extends checkpoint #${checkpoint.seq} of ${checkpoint.createdAt} ` +
        `(${checkpoint.size} events): run \`corridor audit verify --since\` with it to see what changed`,
    );
  }
}

/** One pass over the log: the tree hash at `atSize` leaves and over everything, and the stream heads. */
export interface LogScan {
  size: number;
  root: string;
  headPosition: number;
  /** Root over the first `atSize` leaves (undefined when the log is shorter). */
  rootAt?: string;
  heads: Map<string, StreamHead>;
}

export async function scanLog(
  store: Pick<EventStore, 'readLog'>,
  atSize?: number,
  onEntry?: (entry: LogEntry, index: number) => void,
): Promise<LogScan> {
  const tree = new MerkleAccumulator();
  const heads = new Map<string, StreamHead>();
  let rootAt = atSize === 0 ? tree.root() : undefined;
  let headPosition = 0;
  for await (const entry of store.readLog()) {
    onEntry?.(entry, tree.size);
    tree.addLeaf(logLeaf(entry));
    heads.set(entry.stream, { stream: entry.stream, version: entry.version, hash: entry.hash });
    headPosition = entry.position;
    if (tree.size === atSize) rootAt = tree.root();
  }
  return { size: tree.size, root: tree.root(), headPosition, rootAt, heads };
}

interface CheckpointRow {
  seq: string | number;
  size: string | number;
  root: string;
  head_position: string | number;
  created_at: Date | string;
  streams: string | number;
  heads_digest: string;
  jws: string;
}

const leafChunk = 1000;

/**
 * The checkpoints of the event log, kept in the SQL database next to the read models (whatever the
 * event store is), with the leaves they cover: each leaf is recorded once, when the first checkpoint
 * covering it is taken. The leaf record is never trusted on its own: a verifier uses it to say what
 * changed only after it rebuilds the signed root from it.
 */
export class CheckpointLedger {
  private readonly checkpoints: string;
  private readonly leaves: string;
  private readonly schema: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly store: Pick<EventStore, 'readLog'>,
    options: { schema?: string } = {},
  ) {
    this.schema = options.schema ?? 'event_store';
    const s = quoteIdent(this.schema);
    this.checkpoints = `${s}.checkpoints`;
    this.leaves = `${s}.checkpoint_leaves`;
  }

  async init(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`corridor-checkpoints:${this.schema}`]);
      await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${this.checkpoints} (
        seq bigint PRIMARY KEY,
        size bigint NOT NULL,
        root text NOT NULL,
        head_position bigint NOT NULL,
        created_at timestamptz NOT NULL,
        streams bigint NOT NULL,
        heads_digest text NOT NULL,
        jws text NOT NULL
      )`);
      await tx.query(`CREATE TABLE IF NOT EXISTS ${this.leaves} (
        leaf_index bigint PRIMARY KEY,
        position bigint NOT NULL,
        stream text NOT NULL,
        version bigint NOT NULL,
        hash text NOT NULL
      )`);
    });
  }

  async latest(): Promise<StoredCheckpoint | null> {
    const { rows } = await this.db.query<CheckpointRow>(`SELECT * FROM ${this.checkpoints} ORDER BY seq DESC LIMIT 1`);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async get(seq: number): Promise<StoredCheckpoint | null> {
    const { rows } = await this.db.query<CheckpointRow>(`SELECT * FROM ${this.checkpoints} WHERE seq = $1`, [seq]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /**
   * Signs a checkpoint of the log as it is now, unless the log has not grown since the latest one
   * (then that one is returned). Re-reads the whole log: a store that no longer extends the latest
   * checkpoint is refused (CheckpointInconsistentError) rather than signed.
   */
  async take(
    sign: (statement: CheckpointStatement) => Promise<string>,
    now: () => Date = () => new Date(),
  ): Promise<{ checkpoint: StoredCheckpoint; created: boolean }> {
    const previous = await this.latest();
    const fresh: LogEntry[] = [];
    const scan = await scanLog(this.store, previous?.size, (entry, index) => {
      if (index >= (previous?.size ?? 0)) fresh.push(entry);
    });
    if (previous && scan.rootAt !== previous.root) throw new CheckpointInconsistentError(previous, scan.size);
    if (previous && scan.size === previous.size) return { checkpoint: previous, created: false };
    const base = previous?.size ?? 0;
    // Leaves past the latest checkpoint belong to no checkpoint yet: (re)writing them is safe.
    for (let i = 0; i < fresh.length; i += leafChunk) {
      const chunk = fresh.slice(i, i + leafChunk);
      await this.db.query(
        `INSERT INTO ${this.leaves} (leaf_index, position, stream, version, hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[])
         ON CONFLICT (leaf_index) DO UPDATE SET position = EXCLUDED.position, stream = EXCLUDED.stream,
           version = EXCLUDED.version, hash = EXCLUDED.hash`,
        [
          chunk.map((_, j) => base + i + j),
          chunk.map((e) => e.position),
          chunk.map((e) => e.stream),
          chunk.map((e) => e.version),
          chunk.map((e) => e.hash),
        ],
      );
    }
    const heads = sortedHeads(scan.heads);
    const statement: CheckpointStatement = {
      seq: (previous?.seq ?? 0) + 1,
      size: scan.size,
      root: scan.root,
      headPosition: scan.headPosition,
      createdAt: now().toISOString(),
      streams: heads.length,
      headsDigest: headsDigest(heads),
    };
    const jws = await sign(statement);
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`corridor-checkpoints:${this.schema}`]);
      const { rows } = await tx.query<CheckpointRow>(`SELECT * FROM ${this.checkpoints} ORDER BY seq DESC LIMIT 1`);
      const latest = rows[0] ? fromRow(rows[0]) : null;
      // Another process took one meanwhile: it covers at least what this one read.
      if ((latest?.seq ?? 0) !== (previous?.seq ?? 0) && latest) return { checkpoint: latest, created: false };
      await tx.query(
        `INSERT INTO ${this.checkpoints} (seq, size, root, head_position, created_at, streams, heads_digest, jws)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [statement.seq, statement.size, statement.root, statement.headPosition, statement.createdAt, statement.streams, statement.headsDigest, jws],
      );
      return { checkpoint: { ...statement, jws }, created: true };
    });
  }

  /** The stream heads at a checkpoint, from the leaf record (a verifier checks them against headsDigest). */
  async heads(size: number): Promise<StreamHead[]> {
    const { rows } = await this.db.query<{ stream: string; version: string | number; hash: string }>(
      `SELECT DISTINCT ON (stream) stream, version, hash FROM ${this.leaves}
        WHERE leaf_index < $1 ORDER BY stream, leaf_index DESC`,
      [size],
    );
    return sortedHeads(new Map(rows.map((r) => [r.stream, { stream: r.stream, version: Number(r.version), hash: r.hash }])));
  }

  /** The recorded leaves 0..size-1 in order (fewer when the record has lost some). */
  async recordedLeaves(size: number): Promise<LogEntry[]> {
    const out: LogEntry[] = [];
    for (let from = 0; from < size; from += 10_000) {
      const { rows } = await this.db.query<{ position: string | number; stream: string; version: string | number; hash: string }>(
        `SELECT position, stream, version, hash FROM ${this.leaves}
          WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`,
        [from, Math.min(from + 10_000, size)],
      );
      for (const r of rows) out.push({ position: Number(r.position), stream: r.stream, version: Number(r.version), hash: r.hash });
    }
    return out;
  }
}

export function sortedHeads(heads: Map<string, StreamHead> | StreamHead[]): StreamHead[] {
  const list = Array.isArray(heads) ? [...heads] : [...heads.values()];
  return list.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
}

/** SHA-256 over the sorted heads as a Merkle tree (one leaf per stream), so it is computed in one pass. */
export function headsDigest(heads: StreamHead[]): string {
  const tree = new MerkleAccumulator();
  for (const h of sortedHeads(heads)) tree.addLeaf(JSON.stringify([h.stream, h.version, h.hash]));
  return tree.root();
}

function fromRow(row: CheckpointRow): StoredCheckpoint {
  return {
    seq: Number(row.seq),
    size: Number(row.size),
    root: row.root,
    headPosition: Number(row.head_position),
    createdAt: new Date(row.created_at).toISOString(),
    streams: Number(row.streams),
    headsDigest: row.heads_digest,
    jws: row.jws,
  };
}
