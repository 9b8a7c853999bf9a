import { ChainVerifier } from '../chain/chain-verifier';
import { canonicalJson } from '../chain/canonical-json';
import { hashedTail } from '../chain/event-hash';
import { checkEventId, checkWellFormed, decodeEvent, encodeEvent } from '../codec-guard';
import {
  ChainBrokenError,
  EventValidationError,
  IdempotencyConflictError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../errors';
import type {
  AppendOptions,
  AppendResult,
  BatchSubscribeOptions,
  BatchSubscription,
  EventCodec,
  EventFilter,
  EventStore,
  ExpectedVersion,
  NewEvent,
  LogEntry,
  ReadAllOptions,
  ReadLogOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamInfo,
  SubscribeOptions,
  Subscription,
  VerifyProgress,
  VerifyResult,
} from '../event-store.port';
import { PollingBatchSubscription, type PageSource } from '../subscription/batch-subscription';
import { subscribePerEvent } from '../subscription/per-event';
import { filterSql } from './event-filter-sql';
import { appendStatements, TEXT_SEPARATOR, type AppendAfter, type AppendStatement } from './append-statements';
import { eventColumns, storedEvent, type EventRow } from './event-rows';
import { MAX_EVENTS_PER_APPEND, POSITION_SHIFT, schemaStatements } from './event-store-schema';
import { quoteIdent } from './quote-ident';
import type { SqlDatabase, SqlExecutor } from './sql-database';

export interface SqlEventStoreOptions {
  /** Postgres schema holding the store's tables (default "event_store"); tests use one per file. */
  schema?: string;
  /** Least time between two notifications to subscribers (default 5 ms; appends in between share one). */
  notifyIntervalMs?: number;
}

interface FastRow {
  stream_version: string | number | null;
  first_position: string | number | null;
}

interface SlowRow {
  outcome: 'ok' | 'duplicate' | 'conflict' | 'id_conflict';
  stream_version: string | number;
  /** Written now: consecutive positions from here. */
  first_position: string | number | null;
  /** Found (a retried append): the positions recorded then. */
  positions: Array<string | number> | null;
}

function consecutive(first: string | number, count: number): number[] {
  const start = Number(first);
  return Array.from({ length: count }, (_, i) => start + i);
}

const maxSlowAttempts = 5;

/** The fast path's predecessor: the version to follow, 0 to create the stream, -1 for "whatever is last". */
function afterVersion(expected: ExpectedVersion): number {
  if (typeof expected === 'number') return expected;
  return expected === 'no_stream' ? 0 : -1;
}

function afterKind(after: number): AppendAfter {
  if (after > 0) return 'version';
  return after === 0 ? 'create' : 'last';
}

interface VerifyRow extends EventRow {
  txid: string;
  ms_precise: boolean;
  earlier_in_transaction: string | number;
}

const defaultPageSize = 500;
const maxPageSize = 10_000;

/**
 * Pages of rows, the next page's query already sent while the caller works through the current one
 * (decoding, hashing, projecting), so database time and processing overlap.
 */
async function* prefetching<C>(
  start: C | undefined,
  fetch: (cursor: C) => Promise<EventRow[]>,
  next: (rows: EventRow[], cursor: C) => C | undefined,
): AsyncGenerator<EventRow[]> {
  let cursor = start;
  let pending = cursor === undefined ? undefined : fetch(cursor);
  while (pending && cursor !== undefined) {
    const rows = await pending;
    const following = next(rows, cursor);
    pending = following === undefined ? undefined : fetch(following);
    // A caller that stops early leaves the prefetched page unread; its failure must not go unhandled.
    pending?.catch(() => undefined);
    cursor = following;
    yield rows;
  }
}

function pageSizeOf(requested: number | undefined): number {
  return Math.max(1, Math.min(requested ?? defaultPageSize, maxPageSize));
}

function expectedParams(stream: string, expected: ExpectedVersion): [string, number | null] {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0)
      throw new RangeError(`Stream ${stream}: invalid expected version ${expected}`);
    return expected === 0 ? ['no_stream', null] : ['version', expected];
  }
  return [expected, null];
}

function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/** The event store on Postgres or PGlite: the same SQL on both (see event-store-schema.ts). */
export class SqlEventStore implements EventStore {
  readonly kind: 'postgres' | 'pglite';
  private readonly schema: string;
  private readonly events: string;
  private readonly streams: string;
  private readonly fast: Record<AppendAfter, { single: AppendStatement; batch: AppendStatement }>;
  private readonly slowSql: string;
  private readonly channel: string;
  private readonly horizonSql: string;
  private readonly notifyIntervalMs: number;
  private notifying: Promise<void> | undefined;
  private notifyTimer: NodeJS.Timeout | undefined;
  private notifyAgain = false;
  private lastNotifyAt = 0;
  private closed = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly codec: EventCodec,
    options: SqlEventStoreOptions = {},
  ) {
    this.kind = db.kind;
    this.schema = options.schema ?? 'event_store';
    this.notifyIntervalMs = options.notifyIntervalMs ?? 5;
    const s = quoteIdent(this.schema);
    this.events = `${s}.events`;
    this.streams = `${s}.streams`;
    this.fast = appendStatements(s);
    this.slowSql = `SELECT outcome, stream_version, first_position, positions FROM ${s}.append_slow($1, $2, $3, $4::jsonb,
      $5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11)`;
    this.channel = `${this.schema}_events`;
    // Everything below this position is final: no transaction that could still add events there is running.
    this.horizonSql = `(pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${POSITION_SHIFT})`;
  }

  async init(): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Two processes starting together would otherwise race on CREATE ... IF NOT EXISTS.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`corridor-event-store:${this.schema}`]);
      for (const statement of schemaStatements(this.schema)) await tx.query(statement);
    });
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const batch = this.prepareBatch(stream, events, options);
    if (!batch) return this.appendNothing(this.db, stream, options.expected);
    const after = afterVersion(options.expected);
    const kind = afterKind(after);
    const single = events.length === 1;
    const statement = this.fast[kind][single ? 'single' : 'batch'];
    // batch: stream metadata, then the event arrays (see prepareBatch). A single event goes as single
    // values, several as append-statements.ts describes; the stream metadata goes last, and only to
    // the statement that creates the stream.
    const [streamMetadata, ...eventArrays] = batch;
    const [ids, types, schemaVersions, data, metadata, tails] = eventArrays as [
      string[],
      string[],
      number[],
      string[],
      string[],
      string[],
    ];
    const params: unknown[] = single
      ? [stream, after, ids[0], types[0], schemaVersions[0], data[0], metadata[0], tails[0]]
      : [
          stream,
          after,
          ids,
          types,
          schemaVersions,
          data.join(TEXT_SEPARATOR),
          metadata.join(TEXT_SEPARATOR),
          tails.join(TEXT_SEPARATOR),
        ];
    if (kind === 'create') params.push(streamMetadata);
    const fast = await this.db
      .query<FastRow>(statement.text, params, { name: statement.name })
      .then(
        (result) => result.rows[0],
        (error: unknown) => {
          if (isUniqueViolation(error)) return undefined; // taken, created or retried meanwhile: decide slowly
          throw error;
        },
      );
    if (fast?.stream_version != null) {
      this.notify();
      return {
        nextVersion: Number(fast.stream_version),
        positions: consecutive(fast.first_position ?? 0, events.length),
      };
    }
    const result = await this.appendSlow(this.db, stream, options, batch, false);
    if (!result.duplicate) this.notify();
    return { nextVersion: result.nextVersion, positions: result.positions };
  }

  /**
   * Appends inside the caller's transaction (\`tx\` from SqlDatabase.transaction or a client with an
   * open BEGIN), e.g. to record events and other rows atomically. Subscribers see the events once the
   * caller commits, at the latest after their poll interval (no notification is sent from here).
   * A concurrent append to the same stream can make it fail with a unique violation (the caller's
   * transaction is then aborted): retry the transaction.
   */
  async appendIn(
    tx: SqlExecutor,
    stream: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult & { duplicate: boolean }> {
    const batch = this.prepareBatch(stream, events, options);
    if (!batch) return { ...(await this.appendNothing(tx, stream, options.expected)), duplicate: false };
    return this.appendSlow(tx, stream, options, batch, true);
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = pageSizeOf(options.pageSize);
    const from = Math.max(options.from ?? 1, 1);
    // Versions are dense, so every page is a version range known in advance (limit included).
    const end = Math.min(
      options.to ?? Number.MAX_SAFE_INTEGER,
      from - 1 + (options.limit ?? Number.MAX_SAFE_INTEGER),
    );
    const asOf = options.asOf !== undefined ? ' AND e.recorded_at <= $4' : '';
    const sql = `SELECT ${eventColumns} ${this.versionRange('$1', '$2', '$3')}${asOf} ORDER BY e.version`;
    const fetch = (first: number): Promise<EventRow[]> => {
      const params: unknown[] = [stream, first, Math.min(first + pageSize - 1, end)];
      if (asOf) params.push(options.asOf);
      return this.db.query<EventRow>(sql, params).then((r) => r.rows);
    };
    const verifier = options.verify ? new ChainVerifier() : undefined;
    let read = 0;
    for await (const rows of prefetching(from <= end ? from : undefined, fetch, (rows, first) =>
      rows.length === pageSize && first + pageSize <= end ? first + pageSize : undefined,
    )) {
      for (const row of rows) {
        const stored = storedEvent(row);
        if (verifier) {
          if (read === 0) verifier.startAt(from, stored);
          if (!verifier.add(stored, null, row.data_text)) {
            const b = verifier.firstBreak;
            throw new ChainBrokenError(stream, b?.version ?? stored.version, b?.reason ?? 'broken');
          }
        }
        read++;
        yield this.decode(stored);
      }
    }
    if (read === 0 && !(await this.streamExists(stream))) throw new StreamNotFoundError(stream);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = pageSizeOf(options.pageSize);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    // Bounded by the horizon at the start, so a read finishes even under a constant stream of writes.
    const { xmin } = await this.visibility();
    const fetch = (after: number): Promise<EventRow[]> => {
      const limit = Math.min(pageSize, remaining);
      remaining -= limit;
      return this.page(after, xmin, limit, options.filter);
    };
    const nextAfter = (rows: EventRow[]): number | undefined => {
      const last = rows[rows.length - 1];
      return rows.length === pageSize && remaining > 0 && last ? Number(last.position) : undefined;
    };
    for await (const rows of prefetching(options.after ?? 0, fetch, nextAfter)) {
      for (const row of rows) yield this.decode(storedEvent(row));
    }
  }

  async *readLog(options: ReadLogOptions = {}): AsyncIterable<LogEntry> {
    const pageSize = Math.max(1, Math.min(options.pageSize ?? maxPageSize, maxPageSize));
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    const { xmin } = await this.visibility();
    const sql = `SELECT position, stream, version, hash FROM ${this.events}
      WHERE position > $1 AND transaction_id < $2::xid8 ORDER BY position LIMIT $3`;
    let after = options.after ?? 0;
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      const { rows } = await this.db.query<{ position: string | number; stream: string; version: string | number; hash: string }>(
        sql,
        [after, xmin, limit],
      );
      for (const row of rows)
        yield { position: Number(row.position), stream: row.stream, version: Number(row.version), hash: row.hash };
      remaining -= rows.length;
      const last = rows[rows.length - 1];
      if (rows.length < limit || !last) return;
      after = Number(last.position);
    }
  }

  subscribe(options: SubscribeOptions): Subscription {
    return subscribePerEvent((batchOptions) => this.subscribeBatches(batchOptions), options);
  }

  subscribeBatches(options: BatchSubscribeOptions): BatchSubscription {
    return new PollingBatchSubscription(this.pageSource(options.filter), options);
  }

  async streamInfo(stream: string): Promise<StreamInfo | null> {
    const { rows } = await this.db.query<{
      version: string | number | null;
      metadata: Record<string, unknown>;
      created_at: Date;
    }>(
      `SELECT s.metadata, s.created_at, (SELECT max(e.version) FROM ${this.events} e WHERE e.stream = s.stream) AS version
         FROM ${this.streams} s WHERE s.stream = $1`,
      [stream],
    );
    const row = rows[0];
    return row
      ? { stream, version: Number(row.version ?? 0), metadata: row.metadata, createdAt: row.created_at }
      : null;
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.db.query<{ head: string | number | null }>(
      `SELECT max(position) AS head FROM ${this.events} WHERE position < ${this.horizonSql}`,
    );
    return Number(rows[0]?.head ?? 0);
  }

  async countEvents(options: { after?: number; filter?: EventFilter; limit?: number } = {}): Promise<number> {
    const params: unknown[] = [options.after ?? 0];
    const where = `position > $1 AND position < ${this.horizonSql}${filterSql(options.filter, params)}`;
    let sql = `SELECT count(*) AS n FROM ${this.events} WHERE ${where}`;
    if (options.limit !== undefined) {
      params.push(options.limit);
      sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${this.events} WHERE ${where} LIMIT $${params.length}) AS capped`;
    }
    const { rows } = await this.db.query<{ n: string | number }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  }

  async verifyStream(stream: string): Promise<VerifyResult> {
    const verifier = new ChainVerifier();
    let next = 1;
    for (;;) {
      const { rows } = await this.db.query<VerifyRow>(
        `SELECT ${eventColumns}, ${this.verifyColumns()} ${this.versionRange('$1', '$2', '$3')} ORDER BY e.version`,
        [stream, next, next + maxPageSize - 1],
      );
      for (const row of rows) if (!verifier.add(storedEvent(row), this.rowCheck(row), row.data_text)) break;
      const last = rows[rows.length - 1];
      if (!verifier.ok || rows.length < maxPageSize || !last) break;
      next = Number(last.version) + 1;
    }
    if (!(await this.streamExists(stream))) {
      if (verifier.events === 0) throw new StreamNotFoundError(stream);
      verifier.firstBreak ??= {
        stream,
        version: 1,
        reason: 'events exist for a stream that has no stream record',
      };
    }
    return { ok: verifier.ok, streams: 1, events: verifier.events, firstBreak: verifier.firstBreak };
  }

  async verifyAll(onProgress?: (progress: VerifyProgress) => void): Promise<VerifyResult> {
    const verifier = new ChainVerifier();
    const recorded = new Set<string>();
    let after: [string, number] | undefined;
    scan: for (;;) {
      const { rows } = await this.db.query<VerifyRow>(
        `SELECT ${eventColumns}, ${this.verifyColumns()} FROM ${this.events} e
          ${after ? 'WHERE (stream, version) > ($2, $3)' : ''} ORDER BY stream, version LIMIT $1`,
        after ? [maxPageSize, after[0], after[1]] : [maxPageSize],
      );
      const names = [...new Set(rows.map((r) => r.stream))];
      const found = await this.db.query<{ stream: string }>(
        `SELECT stream FROM ${this.streams} WHERE stream = ANY($1::text[])`,
        [names],
      );
      for (const h of found.rows) recorded.add(h.stream);
      for (const row of rows) {
        if (!recorded.has(row.stream)) {
          verifier.firstBreak = {
            stream: row.stream,
            version: Number(row.version),
            reason: 'events exist for a stream that has no stream record',
          };
          break scan;
        }
        if (!verifier.add(storedEvent(row), this.rowCheck(row), row.data_text)) break scan;
      }
      recorded.clear();
      onProgress?.({ streams: verifier.streams, events: verifier.events });
      const last = rows[rows.length - 1];
      if (rows.length < maxPageSize || !last) break;
      after = [last.stream, Number(last.version)];
    }
    if (verifier.ok) {
      // A stream record whose events are all gone would not show up in the scan above.
      const { rows } = await this.db.query<{ stream: string }>(
        `SELECT s.stream FROM ${this.streams} s
          WHERE NOT EXISTS (SELECT 1 FROM ${this.events} e WHERE e.stream = s.stream) ORDER BY s.stream LIMIT 1`,
      );
      const orphan = rows[0];
      if (orphan)
        verifier.firstBreak = { stream: orphan.stream, version: 1, reason: 'stream record has no events' };
    }
    return {
      ok: verifier.ok,
      streams: verifier.streams,
      events: verifier.events,
      firstBreak: verifier.firstBreak,
    };
  }

  async close(): Promise<void> {
    // A notification still waiting for its slot goes out now. The database itself is shared with
    // the read models: whoever opened it closes it.
    if (this.notifyTimer) {
      clearTimeout(this.notifyTimer);
      this.notifyTimer = undefined;
      if (!this.notifying) this.sendNotify();
    }
    // A notification queued while one was in flight follows it: wait for both, then no more.
    while (this.notifying) await this.notifying;
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    this.closed = true;
  }

  /** Validates and encodes the events into the functions' array parameters; undefined for none. */
  private prepareBatch(stream: string, events: NewEvent[], options: AppendOptions): unknown[] | undefined {
    expectedParams(stream, options.expected);
    if (events.length === 0) return undefined;
    if (events.length > MAX_EVENTS_PER_APPEND)
      throw new RangeError(`At most ${MAX_EVENTS_PER_APPEND} events per append`);
    const n = events.length;
    const ids = new Array<string>(n);
    const types = new Array<string>(n);
    const schemaVersions = new Array<number>(n);
    const data = new Array<string>(n);
    const metadata = new Array<string>(n);
    const tails = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const event = events[i] as NewEvent;
      const encoded = encodeEvent(this.codec, event.type, event.data);
      checkWellFormed(event.type, encoded.data, event.metadata);
      ids[i] = checkEventId(event.type, event.id);
      types[i] = event.type;
      schemaVersions[i] = encoded.schemaVersion;
      data[i] = canonicalJson(encoded.data);
      metadata[i] = canonicalJson(event.metadata ?? {});
      tails[i] = hashedTail(encoded.schemaVersion, stream, event.type);
    }
    return [JSON.stringify(options.streamMetadata ?? {}), ids, types, schemaVersions, data, metadata, tails];
  }

  /** Decides under the stream's lock: retried appends, conflicts, new streams (see append-functions.ts). */
  private async appendSlow(
    tx: SqlExecutor,
    stream: string,
    options: AppendOptions,
    batch: unknown[],
    inCallerTransaction: boolean,
  ): Promise<AppendResult & { duplicate: boolean }> {
    const [expectedKind, expectedVersion] = expectedParams(stream, options.expected);
    for (let attempt = 1; ; attempt++) {
      let row: SlowRow | undefined;
      try {
        const result = await tx.query<SlowRow>(this.slowSql, [
          stream,
          expectedKind,
          expectedVersion,
          ...batch,
          inCallerTransaction,
        ]);
        row = result.rows[0];
      } catch (error) {
        // A lock-free fast-path append got in between our look and our insert: look again.
        if (!inCallerTransaction && attempt < maxSlowAttempts && isUniqueViolation(error)) continue;
        if (isUniqueViolation(error, 'events_id_key'))
          throw new IdempotencyConflictError(stream, 'an event id is already recorded');
        throw error;
      }
      if (!row) throw new Error(`append to ${stream} returned no result`);
      const version = Number(row.stream_version);
      const count = (batch[1] as unknown[]).length;
      const positions =
        row.first_position != null
          ? consecutive(row.first_position, count)
          : (row.positions ?? []).map(Number);
      switch (row.outcome) {
        case 'conflict':
          throw new WrongExpectedVersionError(stream, options.expected, version);
        case 'id_conflict':
          throw new IdempotencyConflictError(stream, 'the ids match recorded events only in part');
        case 'ok':
          return { nextVersion: version, positions, duplicate: false };
        case 'duplicate':
          return { nextVersion: version, positions, duplicate: true };
      }
    }
  }

  private async appendNothing(
    tx: SqlExecutor,
    stream: string,
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    expectedParams(stream, expected);
    const { rows } = await tx.query<{ version: string | number | null }>(
      `SELECT max(version) AS version FROM ${this.events} WHERE stream = $1`,
      [stream],
    );
    const version = Number(rows[0]?.version ?? 0);
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && version === 0) ||
      (expected === 'exists' && version > 0) ||
      expected === version;
    if (!ok) throw new WrongExpectedVersionError(stream, expected, version);
    return { nextVersion: version, positions: [] };
  }

  /** Upcasts and validates through the codec (in place: the object is the store's own until returned). */
  private decode(stored: RecordedEvent): RecordedEvent {
    const decoded = decodeEvent(
      this.codec,
      stored.stream,
      stored.version,
      stored.type,
      stored.schemaVersion,
      stored.data,
    );
    stored.type = decoded.type;
    stored.data = decoded.data;
    return stored;
  }

  /**
   * FROM/WHERE for versions $from..$to of a stream. Versions are dense, so a page is a closed version
   * range: whatever plan the planner picks (index range or bitmap and sort) reads only that page.
   * (Keyset with only a lower bound and LIMIT lets it, when statistics underestimate a stream, read
   * and sort the rest of the stream for every page.)
   */
  private versionRange(stream: string, from: string, to: string): string {
    return `FROM ${this.events} e WHERE e.stream = ${stream} AND e.version BETWEEN ${from}::bigint AND ${to}::bigint`;
  }

  private async streamExists(stream: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM ${this.streams} WHERE stream = $1`, [stream]);
    return rows.length > 0;
  }

  /**
   * The visibility horizon: every transaction below `xmin` has finished, so the events of those
   * transactions (positions below `horizon`) are final and can be read in order.
   */
  private async visibility(): Promise<{ xmin: string; horizon: number; last: number }> {
    const { rows } = await this.db.query<{ xmin: string; last: string | number | null }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, (SELECT max(position) FROM ${this.events}) AS last`,
    );
    const row = rows[0];
    const xmin = row?.xmin ?? '0';
    return { xmin, horizon: Number(xmin) * POSITION_SHIFT, last: Number(row?.last ?? 0) };
  }

  /**
   * Events after `after` written by transactions below `xmin`, in position order. The bound is on
   * transaction_id, not on position, on purpose: a two-sided position range makes the planner
   * (without fresh statistics) prefer reading and sorting the whole range over walking the index.
   */
  private async page(
    after: number,
    xmin: string,
    limit: number,
    filter: EventFilter | undefined,
  ): Promise<EventRow[]> {
    const params: unknown[] = [after, xmin, limit];
    const sql = `SELECT ${eventColumns} FROM ${this.events}
      WHERE position > $1 AND transaction_id < $2::xid8${filterSql(filter, params)} ORDER BY position LIMIT $3`;
    return (await this.db.query<EventRow>(sql, params)).rows;
  }

  private pageSource(filter: EventFilter | undefined): PageSource {
    let seen: { xmin: string; horizon: number } | undefined;
    return {
      readPage: async (after, limit) => {
        // While catching up in full pages the last horizon is still good; look afresh otherwise.
        const fresh = !seen || seen.horizon <= after + 1 ? await this.visibility() : undefined;
        const current = fresh ?? (seen as { xmin: string; horizon: number });
        seen = current;
        const rows = await this.page(after, current.xmin, limit, filter);
        const events = rows.map((row) => this.decode(storedEvent(row)));
        const last = events[events.length - 1];
        if (rows.length === limit && last) return { events, position: last.position, next: 'now' };
        const position = Math.max(after, current.horizon - 1);
        if (!fresh) {
          seen = undefined;
          return { events, position, next: 'now' };
        }
        return { events, position, next: fresh.last >= fresh.horizon ? 'soon' : 'idle' };
      },
      head: () => this.headPosition(),
      watch: (wake) => this.db.listen(this.channel, wake),
      isFatal: (error) => error instanceof EventValidationError,
    };
  }

  /**
   * What verification needs beyond the hashed fields: the transaction id, whether recorded_at was
   * left at millisecond precision, and how many events the same transaction wrote before this one
   * (ordinals within a transaction are dense, so this must equal the position's low part).
   */
  private verifyColumns(): string {
    return `transaction_id::text AS txid, recorded_at = date_trunc('milliseconds', recorded_at) AS ms_precise,
      (SELECT count(*) FROM ${this.events} e2
        WHERE e2.position >= (e.position / ${POSITION_SHIFT}) * ${POSITION_SHIFT} AND e2.position < e.position) AS earlier_in_transaction`;
  }

  /** The hash cannot cover the position (KurrentDB assigns it after the hash is made): check its parts. */
  private rowCheck(row: VerifyRow): string | null {
    const position = Number(row.position);
    const txid = Math.floor(position / POSITION_SHIFT);
    if (txid !== Number(row.txid)) return 'position does not match the transaction that wrote it';
    if (position - txid * POSITION_SHIFT !== Number(row.earlier_in_transaction))
      return 'position is not where its transaction wrote it';
    if (!row.ms_precise) return 'recorded_at has been altered';
    return null;
  }

  /**
   * Wakes subscribers after a commit. Coalesced: at most one NOTIFY in flight and at most one per
   * notifyIntervalMs, so a busy writer does not pay a second transaction per append.
   */
  private notify(): void {
    if (this.closed) return;
    if (this.notifying || this.notifyTimer) {
      this.notifyAgain = true;
      return;
    }
    const wait = this.lastNotifyAt + this.notifyIntervalMs - Date.now();
    if (wait > 0) {
      this.notifyTimer = setTimeout(() => {
        this.notifyTimer = undefined;
        this.sendNotify();
      }, wait);
      return;
    }
    this.sendNotify();
  }

  private sendNotify(): void {
    this.lastNotifyAt = Date.now();
    this.notifyAgain = false;
    this.notifying = this.db
      .query('SELECT pg_notify($1, $2)', [this.channel, ''])
      .then(
        () => undefined,
        () => undefined, // subscribers fall back to polling
      )
      .finally(() => {
        this.notifying = undefined;
        if (this.notifyAgain) this.notify();
      });
  }
}
