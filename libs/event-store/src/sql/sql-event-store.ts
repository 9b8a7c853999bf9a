import { ChainVerifier } from '../chain/chain-verifier';
import { canonicalJson } from '../chain/canonical-json';
import { hashedTail } from '../chain/event-hash';
import { checkEventId, decodeEvent, encodeEvent } from '../codec-guard';
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
  ReadAllOptions,
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
import { eventColumns, storedEvent, type EventRow } from './event-rows';
import { MAX_EVENTS_PER_APPEND, POSITION_SHIFT, schemaStatements } from './event-store-schema';
import { quoteIdent } from './quote-ident';
import type { SqlDatabase, SqlExecutor } from './sql-database';

export interface SqlEventStoreOptions {
  /** Postgres schema holding the store's tables (default "event_store"); tests use one per file. */
  schema?: string;
}

interface AppendRow {
  outcome: 'ok' | 'duplicate' | 'conflict' | 'id_conflict';
  stream_version: string | number;
  positions: Array<string | number> | null;
}

interface VerifyRow extends EventRow {
  txid: string;
  ms_precise: boolean;
  earlier_in_transaction: string | number;
}

const defaultPageSize = 500;
const maxPageSize = 10_000;

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

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === constraint || (e.message ?? '').includes(constraint));
}

/** The event store on Postgres or PGlite: the same SQL on both (see event-store-schema.ts). */
export class SqlEventStore implements EventStore {
  readonly kind: 'postgres' | 'pglite';
  private readonly schema: string;
  private readonly events: string;
  private readonly streams: string;
  private readonly appendFn: string;
  private readonly channel: string;
  private readonly horizonSql: string;
  private readonly appendSql: string;
  private notifying: Promise<void> | undefined;
  private notifyAgain = false;

  constructor(
    private readonly db: SqlDatabase,
    private readonly codec: EventCodec,
    options: SqlEventStoreOptions = {},
  ) {
    this.kind = db.kind;
    this.schema = options.schema ?? 'event_store';
    const s = quoteIdent(this.schema);
    this.events = `${s}.events`;
    this.streams = `${s}.streams`;
    this.appendFn = `${s}.append_events`;
    this.channel = `${this.schema}_events`;
    // Everything below this position is final: no transaction that could still add events there is running.
    this.appendSql = `SELECT outcome, stream_version, positions FROM ${this.appendFn}($1, $2, $3, $4::jsonb, $5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[])`;
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
    const result = await this.appendIn(this.db, stream, events, options);
    if (result.positions.length > 0 && !result.duplicate) this.notify();
    return { nextVersion: result.nextVersion, positions: result.positions };
  }

  /**
   * Appends inside the caller's transaction (`tx` from SqlDatabase.transaction or a client with an
   * open BEGIN), e.g. to record events and other rows atomically. Subscribers see the events once the
   * caller commits, at the latest after their poll interval (no notification is sent from here).
   */
  async appendIn(
    tx: SqlExecutor,
    stream: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult & { duplicate: boolean }> {
    const [expectedKind, expectedVersion] = expectedParams(stream, options.expected);
    if (events.length === 0)
      return { ...(await this.appendNothing(tx, stream, options.expected)), duplicate: false };
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
      ids[i] = checkEventId(event.type, event.id);
      types[i] = event.type;
      schemaVersions[i] = encoded.schemaVersion;
      data[i] = canonicalJson(encoded.data);
      metadata[i] = canonicalJson(event.metadata ?? {});
      tails[i] = hashedTail(encoded.schemaVersion, stream, event.type);
    }
    let row: AppendRow | undefined;
    try {
      const result = await tx.query<AppendRow>(this.appendSql, [
        stream,
        expectedKind,
        expectedVersion,
        JSON.stringify(options.streamMetadata ?? {}),
        ids,
        types,
        schemaVersions,
        data,
        metadata,
        tails,
      ]);
      row = result.rows[0];
    } catch (error) {
      if (isUniqueViolation(error, 'events_id_key'))
        throw new IdempotencyConflictError(stream, 'an event id is already recorded');
      throw error;
    }
    if (!row) throw new Error(`append to ${stream} returned no result`);
    const version = Number(row.stream_version);
    const positions = (row.positions ?? []).map(Number);
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

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = pageSizeOf(options.pageSize);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let next = Math.max(options.from ?? 1, 1);
    const params: unknown[] = [stream, 0];
    let sql = `SELECT ${eventColumns} FROM ${this.events} WHERE stream = $1 AND version >= $2`;
    if (options.to !== undefined) {
      params.push(options.to);
      sql += ` AND version <= $${params.length}`;
    }
    if (options.asOf !== undefined) {
      params.push(options.asOf);
      sql += ` AND recorded_at <= $${params.length}`;
    }
    params.push(0);
    sql += ` ORDER BY version LIMIT $${params.length}`;
    const verifier = options.verify ? new ChainVerifier() : undefined;
    let first = true;
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      params[1] = next;
      params[params.length - 1] = limit;
      const { rows } = await this.db.query<EventRow>(sql, params);
      if (first && rows.length === 0 && !(await this.streamExists(stream)))
        throw new StreamNotFoundError(stream);
      for (const row of rows) {
        const stored = storedEvent(row);
        if (verifier) {
          if (first) verifier.startAt(Math.max(options.from ?? 1, 1), stored);
          if (!verifier.add(stored)) {
            const b = verifier.firstBreak;
            throw new ChainBrokenError(stream, b?.version ?? stored.version, b?.reason ?? 'broken');
          }
        }
        first = false;
        yield this.decode(stored);
      }
      first = false;
      remaining -= rows.length;
      const last = rows[rows.length - 1];
      if (rows.length < limit || !last) return;
      next = Number(last.version) + 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = pageSizeOf(options.pageSize);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let after = options.after ?? 0;
    // Bounded by the horizon at the start, so a read finishes even under a constant stream of writes.
    const { horizon } = await this.visibility();
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      const rows = await this.page(after, horizon, limit, options.filter);
      for (const row of rows) yield this.decode(storedEvent(row));
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
      version: string | number;
      metadata: Record<string, unknown>;
      created_at: Date;
    }>(`SELECT version, metadata, created_at FROM ${this.streams} WHERE stream = $1`, [stream]);
    const row = rows[0];
    return row
      ? { stream, version: Number(row.version), metadata: row.metadata, createdAt: row.created_at }
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
    const head = await this.db.query<{ version: string | number; last_hash: string | null }>(
      `SELECT version, last_hash FROM ${this.streams} WHERE stream = $1`,
      [stream],
    );
    const headRow = head.rows[0];
    if (!headRow) throw new StreamNotFoundError(stream);
    const verifier = new ChainVerifier();
    let next = 1;
    for (;;) {
      const { rows } = await this.db.query<VerifyRow>(
        `SELECT ${eventColumns}, ${this.verifyColumns()} FROM ${this.events} e
          WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3`,
        [stream, next, maxPageSize],
      );
      for (const row of rows) if (!verifier.add(storedEvent(row), this.rowCheck(row))) break;
      const last = rows[rows.length - 1];
      if (!verifier.ok || rows.length < maxPageSize || !last) break;
      next = Number(last.version) + 1;
    }
    verifier.endStream(stream, Number(headRow.version), headRow.last_hash);
    return { ok: verifier.ok, streams: 1, events: verifier.events, firstBreak: verifier.firstBreak };
  }

  async verifyAll(onProgress?: (progress: VerifyProgress) => void): Promise<VerifyResult> {
    const verifier = new ChainVerifier();
    const heads = new Map<string, { version: number; hash: string | null }>();
    let current: string | undefined;
    let after: [string, number] | undefined;
    const endCurrent = (): boolean => {
      if (current === undefined) return true;
      const h = heads.get(current);
      if (!h) {
        verifier.firstBreak ??= {
          stream: current,
          version: 1,
          reason: 'events exist for a stream that has no stream record',
        };
        return false;
      }
      return verifier.endStream(current, h.version, h.hash);
    };
    scan: for (;;) {
      const { rows } = await this.db.query<VerifyRow>(
        `SELECT ${eventColumns}, ${this.verifyColumns()} FROM ${this.events} e
          ${after ? 'WHERE (stream, version) > ($2, $3)' : ''} ORDER BY stream, version LIMIT $1`,
        after ? [maxPageSize, after[0], after[1]] : [maxPageSize],
      );
      const names = [...new Set(rows.map((r) => r.stream))].filter((name) => !heads.has(name));
      if (names.length) {
        const found = await this.db.query<{
          stream: string;
          version: string | number;
          last_hash: string | null;
        }>(`SELECT stream, version, last_hash FROM ${this.streams} WHERE stream = ANY($1::text[])`, [names]);
        for (const h of found.rows) heads.set(h.stream, { version: Number(h.version), hash: h.last_hash });
      }
      for (const row of rows) {
        if (row.stream !== current) {
          if (!endCurrent()) break scan;
          heads.delete(current ?? '');
          current = row.stream;
        }
        if (!verifier.add(storedEvent(row), this.rowCheck(row))) break scan;
      }
      onProgress?.({ streams: verifier.streams, events: verifier.events });
      const last = rows[rows.length - 1];
      if (rows.length < maxPageSize || !last) break;
      after = [last.stream, Number(last.version)];
    }
    if (verifier.ok) endCurrent();
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
    // The database is shared with the read models; whoever opened it closes it.
    await this.notifying;
  }

  private async appendNothing(
    tx: SqlExecutor,
    stream: string,
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const { rows } = await tx.query<{ version: string | number }>(
      `SELECT version FROM ${this.streams} WHERE stream = $1`,
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

  private async streamExists(stream: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM ${this.streams} WHERE stream = $1`, [stream]);
    return rows.length > 0;
  }

  private async visibility(): Promise<{ horizon: number; last: number }> {
    const { rows } = await this.db.query<{ horizon: string | number; last: string | number | null }>(
      `SELECT ${this.horizonSql} AS horizon, (SELECT max(position) FROM ${this.events}) AS last`,
    );
    const row = rows[0];
    return { horizon: Number(row?.horizon ?? 0), last: Number(row?.last ?? 0) };
  }

  private async page(
    after: number,
    horizon: number,
    limit: number,
    filter: EventFilter | undefined,
  ): Promise<EventRow[]> {
    const params: unknown[] = [after, horizon, limit];
    const sql = `SELECT ${eventColumns} FROM ${this.events}
      WHERE position > $1 AND position < $2${filterSql(filter, params)} ORDER BY position LIMIT $3`;
    return (await this.db.query<EventRow>(sql, params)).rows;
  }

  private pageSource(filter: EventFilter | undefined): PageSource {
    let horizon = 0;
    return {
      readPage: async (after, limit) => {
        // While catching up in full pages the last horizon is still good; look afresh otherwise.
        const fresh = horizon <= after + 1 ? await this.visibility() : undefined;
        if (fresh) horizon = fresh.horizon;
        const rows = await this.page(after, horizon, limit, filter);
        const events = rows.map((row) => this.decode(storedEvent(row)));
        const last = events[events.length - 1];
        if (rows.length === limit && last) return { events, position: last.position, next: 'now' };
        const position = Math.max(after, horizon - 1);
        if (!fresh) {
          horizon = 0;
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

  /** Wakes subscribers after a commit; coalesced so at most one NOTIFY is in flight per store. */
  private notify(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = this.db
      .query('SELECT pg_notify($1, $2)', [this.channel, ''])
      .then(
        () => undefined,
        () => undefined, // subscribers fall back to polling
      )
      .finally(() => {
        this.notifying = undefined;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.notify();
        }
      });
  }
}
