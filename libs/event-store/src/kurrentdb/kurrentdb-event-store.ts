import type {
  KurrentDBClient,
  Filter,
  ReadAllOptions as KurrentReadAllOptions,
} from '@kurrent/kurrentdb-client';
import { ChainVerifier } from '../chain/chain-verifier';
import { eventHash } from '../chain/event-hash';
import { InterleavedChainVerifier } from '../chain/interleaved-chain-verifier';
import { checkEventId, checkWellFormed, decodeEvent, encodeEvent } from '../codec-guard';
import {
  ChainBrokenError,
  EventValidationError,
  IdempotencyConflictError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../errors';
import { matchesFilter } from '../event-filter';
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
import { loadKurrentClient, type KurrentModule } from './kurrent-client-loader';
import {
  fromKurrent,
  isSystemEvent,
  streamMetadataOf,
  type KurrentEventMetadata,
  type KurrentRecorded,
} from './kurrent-event-mapping';

/** How far back a retried append with 'any' or 'exists' is recognised by its event ids. */
const idempotencyWindow = 64;
const defaultPageSize = 500;
const appendAttempts = 3;

function isKurrentError(error: unknown, type: string): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}

function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  if (expected === 'exists') return actual > 0;
  return expected === actual;
}

/**
 * The event store on KurrentDB. KurrentDB keeps the log and the stream revisions; the hash chain
 * travels in each event's metadata (computed here, since the server knows nothing of it).
 * Every append first reads the stream's tail: it needs the last hash, and it lets a retried append
 * with 'any' or 'exists' be recognised by its ids (KurrentDB itself guarantees that only for an
 * exact revision or no_stream).
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb' as const;
  private connecting: Promise<{ client: KurrentDBClient; kurrent: KurrentModule }> | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly codec: EventCodec,
  ) {}

  async init(): Promise<void> {
    // Fails fast on an unreachable server instead of at the first append.
    await this.headPosition();
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (
      typeof options.expected === 'number' &&
      (!Number.isSafeInteger(options.expected) || options.expected < 0)
    )
      throw new RangeError(`Stream ${stream}: invalid expected version ${options.expected}`);
    const encoded = events.map((e) => {
      const { data, schemaVersion } = encodeEvent(this.codec, e.type, e.data);
      checkWellFormed(e.type, data, e.metadata);
      if (typeof data !== 'object' || data === null)
        throw new EventValidationError(e.type, 'KurrentDB event data must be a JSON object or array');
      return {
        id: checkEventId(e.type, e.id),
        type: e.type,
        data,
        schemaVersion,
        metadata: e.metadata ?? {},
      };
    });
    for (let attempt = 1; ; attempt++) {
      const tail = await this.tail(stream, Math.max(encoded.length, idempotencyWindow));
      const duplicate = this.findDuplicate(
        stream,
        tail,
        encoded.map((e) => e.id),
      );
      if (duplicate) return duplicate;
      const last = tail[0];
      const actual = last ? last.version : 0;
      if (!versionMatches(options.expected, actual))
        throw new WrongExpectedVersionError(stream, options.expected, actual);
      if (encoded.length === 0) return { nextVersion: actual, positions: [] };

      const { client, kurrent } = await this.connect();
      // Never earlier than the previous event, so asOf reads stay a prefix of the stream.
      const recordedAt = new Date(Math.max(Date.now(), last?.recordedAt.getTime() ?? 0));
      let prevHash = last?.hash ?? null;
      const eventData = encoded.map((e, i) => {
        const version = actual + i + 1;
        const hash = eventHash({ ...e, stream, version, recordedAt, prevHash });
        const metadata: KurrentEventMetadata = {
          metadata: e.metadata,
          chain: { hash, prevHash, schemaVersion: e.schemaVersion, recordedAt: recordedAt.toISOString() },
          ...(version === 1 ? { streamMetadata: options.streamMetadata ?? {} } : {}),
        };
        prevHash = hash;
        return kurrent.jsonEvent({
          id: e.id,
          type: e.type,
          data: e.data as Record<string, unknown>,
          metadata: { ...metadata },
        });
      });
      try {
        await client.appendToStream(stream, eventData, {
          streamState: actual === 0 ? kurrent.NO_STREAM : BigInt(actual - 1),
        });
      } catch (error) {
        // Another writer got in between our read and our write: look again (our ids may be there).
        if (isKurrentError(error, kurrent.ErrorType.WRONG_EXPECTED_VERSION) && attempt < appendAttempts)
          continue;
        throw error;
      }
      const written = await this.readRange(stream, actual, encoded.length);
      return { nextVersion: actual + encoded.length, positions: written.map((e) => e.position) };
    }
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const { client, kurrent } = await this.connect();
    const pageSize = Math.max(1, options.pageSize ?? defaultPageSize);
    const from = Math.max(options.from ?? 1, 1);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let next = from;
    const verifier = options.verify ? new ChainVerifier() : undefined;
    let first = true;
    while (remaining > 0) {
      const count = Math.min(pageSize, remaining);
      const page: RecordedEvent[] = [];
      try {
        for await (const resolved of client.readStream(stream, {
          fromRevision: BigInt(next - 1),
          maxCount: count,
          direction: kurrent.FORWARDS,
        })) {
          if (resolved.event) page.push(fromKurrent(resolved.event));
        }
      } catch (error) {
        if (isKurrentError(error, kurrent.ErrorType.STREAM_NOT_FOUND)) throw new StreamNotFoundError(stream);
        throw error;
      }
      for (const stored of page) {
        if (
          (options.to !== undefined && stored.version > options.to) ||
          (options.asOf && stored.recordedAt > options.asOf)
        )
          return;
        if (verifier) {
          if (first) verifier.startAt(from, stored);
          if (!verifier.add(stored)) {
            const b = verifier.firstBreak;
            throw new ChainBrokenError(stream, b?.version ?? stored.version, b?.reason ?? 'broken');
          }
        }
        first = false;
        yield this.decode(stored);
      }
      remaining -= page.length;
      const last = page[page.length - 1];
      if (page.length < count || !last) return;
      next = last.version + 1;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const pageSize = Math.max(1, options.pageSize ?? defaultPageSize);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let after = options.after ?? 0;
    while (remaining > 0) {
      const { events, exhausted } = await this.page(after, Math.min(pageSize, remaining), options.filter);
      for (const stored of events) yield this.decode(stored);
      remaining -= events.length;
      const last = events[events.length - 1];
      if (exhausted || !last) return;
      after = last.position;
    }
  }

  async *readLog(options: ReadLogOptions = {}): AsyncIterable<LogEntry> {
    // $all in commit order, our events only (system events excluded), as stored: no decoding.
    for await (const e of this.readAllStored(options.after ?? 0, undefined, options.limit))
      yield { position: e.position, stream: e.stream, version: e.version, hash: e.hash };
  }

  subscribe(options: SubscribeOptions): Subscription {
    return subscribePerEvent((batchOptions) => this.subscribeBatches(batchOptions), options);
  }

  subscribeBatches(options: BatchSubscribeOptions): BatchSubscription {
    const filter = options.filter;
    const source: PageSource = {
      readPage: async (after, limit) => {
        // Read the head first: when the page is not full, everything up to it has been seen.
        const head = await this.headPosition();
        const { events } = await this.page(after, limit, filter);
        const last = events[events.length - 1];
        if (events.length === limit && last)
          return { events: events.map((e) => this.decode(e)), position: last.position, next: 'now' };
        return {
          events: events.map((e) => this.decode(e)),
          position: Math.max(after, head, last?.position ?? 0),
          next: 'idle',
        };
      },
      head: () => this.headPosition(),
      watch: async (wake) => {
        const { client, kurrent } = await this.connect();
        const live = client.subscribeToAll({
          fromPosition: kurrent.END,
          filter: kurrent.excludeSystemEvents(),
        });
        live.on('data', () => wake());
        // A dropped live subscription only costs latency: the reader still polls.
        live.on('error', () => undefined);
        return () => live.unsubscribe();
      },
      isFatal: (error) => error instanceof EventValidationError,
    };
    return new PollingBatchSubscription(source, options);
  }

  async streamInfo(stream: string): Promise<StreamInfo | null> {
    const { client, kurrent } = await this.connect();
    try {
      let first: KurrentRecorded | undefined;
      for await (const r of client.readStream(stream, {
        fromRevision: kurrent.START,
        maxCount: 1,
        direction: kurrent.FORWARDS,
      }))
        first = r.event;
      const [last] = await this.tail(stream, 1);
      if (!first || !last) return null;
      return {
        stream,
        version: last.version,
        metadata: streamMetadataOf(first),
        createdAt: fromKurrent(first).recordedAt,
      };
    } catch (error) {
      if (isKurrentError(error, kurrent.ErrorType.STREAM_NOT_FOUND)) return null;
      throw error;
    }
  }

  async headPosition(): Promise<number> {
    const { client, kurrent } = await this.connect();
    for await (const r of client.readAll({
      fromPosition: kurrent.END,
      direction: kurrent.BACKWARDS,
      maxCount: 1,
      filter: kurrent.excludeSystemEvents(),
    })) {
      if (r.event) return Number(r.event.position.commit);
    }
    return 0;
  }

  async countEvents(options: { after?: number; filter?: EventFilter; limit?: number } = {}): Promise<number> {
    let n = 0;
    for await (const _ of this.readAllStored(options.after ?? 0, options.filter, options.limit)) n++;
    return n;
  }

  async verifyStream(stream: string): Promise<VerifyResult> {
    const { client, kurrent } = await this.connect();
    const verifier = new ChainVerifier();
    let next = 0n;
    try {
      for (;;) {
        let count = 0;
        for await (const r of client.readStream(stream, {
          fromRevision: next,
          maxCount: defaultPageSize,
          direction: kurrent.FORWARDS,
        })) {
          count++;
          if (r.event && !verifier.add(fromKurrent(r.event))) break;
          if (r.event) next = r.event.revision + 1n;
        }
        if (!verifier.ok || count < defaultPageSize) break;
      }
    } catch (error) {
      if (isKurrentError(error, kurrent.ErrorType.STREAM_NOT_FOUND)) throw new StreamNotFoundError(stream);
      throw error;
    }
    return { ok: verifier.ok, streams: 1, events: verifier.events, firstBreak: verifier.firstBreak };
  }

  async verifyAll(onProgress?: (progress: VerifyProgress) => void): Promise<VerifyResult> {
    const verifier = new InterleavedChainVerifier();
    for await (const stored of this.readAllStored(0, undefined)) {
      if (!verifier.add(stored)) break;
      if (verifier.events % defaultPageSize === 0)
        onProgress?.({ streams: verifier.streams, events: verifier.events });
    }
    onProgress?.({ streams: verifier.streams, events: verifier.events });
    return {
      ok: verifier.ok,
      streams: verifier.streams,
      events: verifier.events,
      firstBreak: verifier.firstBreak,
    };
  }

  async close(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = undefined;
    if (connecting) await (await connecting).client.dispose();
  }

  private connect(): Promise<{ client: KurrentDBClient; kurrent: KurrentModule }> {
    this.connecting ??= loadKurrentClient().then((kurrent) => ({
      kurrent,
      client: kurrent.KurrentDBClient.connectionString(this.connectionString),
    }));
    return this.connecting;
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

  /** The last `count` events of the stream, newest first (empty for a stream that does not exist). */
  private async tail(stream: string, count: number): Promise<RecordedEvent[]> {
    const { client, kurrent } = await this.connect();
    const out: RecordedEvent[] = [];
    try {
      for await (const r of client.readStream(stream, {
        fromRevision: kurrent.END,
        maxCount: count,
        direction: kurrent.BACKWARDS,
      }))
        if (r.event) out.push(fromKurrent(r.event));
    } catch (error) {
      if (isKurrentError(error, kurrent.ErrorType.STREAM_NOT_FOUND)) return [];
      throw error;
    }
    return out;
  }

  /** `count` events of the stream from version `afterVersion` + 1, oldest first. */
  private async readRange(stream: string, afterVersion: number, count: number): Promise<RecordedEvent[]> {
    const { client, kurrent } = await this.connect();
    const out: RecordedEvent[] = [];
    for await (const r of client.readStream(stream, {
      fromRevision: BigInt(afterVersion),
      maxCount: count,
      direction: kurrent.FORWARDS,
    }))
      if (r.event) out.push(fromKurrent(r.event));
    return out;
  }

  /** The original result when these ids are the stream's most recent events, in this order. */
  private findDuplicate(
    stream: string,
    tailNewestFirst: RecordedEvent[],
    ids: string[],
  ): AppendResult | undefined {
    if (ids.length === 0) return undefined;
    const oldestFirst = [...tailNewestFirst].reverse();
    const start = oldestFirst.findIndex((e) => e.id === ids[0]);
    if (start < 0) {
      if (oldestFirst.some((e) => ids.includes(e.id)))
        throw new IdempotencyConflictError(stream, 'the ids match recorded events only in part');
      return undefined;
    }
    const matched = oldestFirst.slice(start, start + ids.length);
    if (matched.length !== ids.length || matched.some((e, i) => e.id !== ids[i]))
      throw new IdempotencyConflictError(stream, 'the ids match recorded events only in part');
    const last = matched[matched.length - 1] as RecordedEvent;
    return { nextVersion: last.version, positions: matched.map((e) => e.position) };
  }

  /** One page of the global log after `after`; `exhausted` when the log had no more. */
  private async page(
    after: number,
    limit: number,
    filter: EventFilter | undefined,
  ): Promise<{ events: RecordedEvent[]; exhausted: boolean }> {
    const events: RecordedEvent[] = [];
    let exhausted = true;
    for await (const stored of this.readAllStored(after, filter, limit + 1)) {
      if (events.length === limit) {
        exhausted = false;
        break;
      }
      events.push(stored);
    }
    return { events, exhausted };
  }

  /** Our events from the global log after `after` (exclusive), filtered, at most `limit`. */
  private async *readAllStored(
    after: number,
    filter: EventFilter | undefined,
    limit = Number.POSITIVE_INFINITY,
  ): AsyncGenerator<RecordedEvent> {
    const { client, kurrent } = await this.connect();
    let serverFilter: Filter = kurrent.excludeSystemEvents();
    if (filter?.streamPrefixes?.length)
      serverFilter = kurrent.streamNameFilter({ prefixes: filter.streamPrefixes });
    else if (filter?.types?.length) serverFilter = kurrent.eventTypeFilter({ prefixes: filter.types });
    let from: KurrentReadAllOptions['fromPosition'] =
      after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : kurrent.START;
    let yielded = 0;
    for (;;) {
      let read = 0;
      let lastCommit: bigint | undefined;
      for await (const r of client.readAll({
        fromPosition: from,
        maxCount: defaultPageSize,
        direction: kurrent.FORWARDS,
        filter: serverFilter,
      })) {
        read++;
        const e = r.event as
          (KurrentRecorded & { position: { commit: bigint; prepare: bigint } }) | undefined;
        if (!e) continue;
        lastCommit = e.position.commit;
        // fromPosition is inclusive; positions at or before `after` were delivered already.
        if (
          Number(e.position.commit) <= after ||
          isSystemEvent(e) ||
          !matchesFilter(filter, e.streamId, e.type)
        )
          continue;
        yield fromKurrent(e);
        if (++yielded >= limit) return;
      }
      if (read < defaultPageSize || lastCommit === undefined) return;
      after = Number(lastCommit);
      from = { commit: lastCommit, prepare: lastCommit };
    }
  }
}
