import { Client, type ClientConfig } from 'pg';
import { quoteIdent } from './quote-ident';
import type { NotificationStatus } from './sql-database';

const firstRetryMs = 100;
const maxRetryMs = 5_000;

type Listener = (payload: string) => void;

/**
 * LISTEN on one dedicated connection (outside the pool) that survives the server going away: when
 * the connection drops (a Postgres restart, a failover, a killed backend) it reconnects with backoff
 * and LISTENs again on every channel, then wakes every listener once, since notifications sent
 * meanwhile were lost. Subscribers keep polling in the gap, so nothing is lost, only later.
 */
export class PgListener {
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = firstRetryMs;
  private state: NotificationStatus['state'] = 'idle';
  private since = new Date();
  private reconnects = 0;
  private lastError: string | undefined;
  private closed = false;

  constructor(private readonly config: ClientConfig) {}

  status(): NotificationStatus {
    return {
      state: this.state,
      since: this.since,
      channels: [...this.listeners.keys()],
      reconnects: this.reconnects,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  async listen(channel: string, onNotify: Listener): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      set.add(onNotify);
      try {
        const client = await this.connected();
        // A reconnect that happened meanwhile LISTENed on it already; LISTEN twice is harmless.
        await client.query(`LISTEN ${quoteIdent(channel)}`);
      } catch (error) {
        // Not fatal: the caller polls, and the reconnect loop LISTENs on this channel too.
        this.dropped(this.client, error);
      }
    } else {
      set.add(onNotify);
    }
    return async () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(onNotify) || current.size > 0) return;
      this.listeners.delete(channel);
      await this.client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    this.setState('idle');
    await client?.end().catch(() => undefined);
    await this.connecting?.then((c) => c.end()).catch(() => undefined);
  }

  private connected(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    if (this.state === 'idle') this.setState('connecting');
    const client = new Client(this.config);
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      for (const fn of this.listeners.get(msg.channel) ?? []) fn(msg.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.listeners.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error('listener closed');
    }
    const wasReconnecting = this.state === 'reconnecting';
    this.client = client;
    this.retryMs = firstRetryMs;
    this.setState('listening');
    if (wasReconnecting) {
      this.reconnects++;
      // Whatever was notified while the connection was down is lost: have everyone look now.
      for (const set of this.listeners.values()) for (const fn of set) fn('');
    }
    return client;
  }

  /** The connection (or an attempt to make one) failed: forget it and try again later. */
  private dropped(client: Client | undefined, error: unknown): void {
    if (client && client !== this.client) return; // an old connection's late event
    this.lastError = error instanceof Error ? error.message : String(error);
    if (client) {
      this.client = undefined;
      client.end().catch(() => undefined);
    }
    if (this.closed || this.listeners.size === 0) {
      this.setState('idle');
      return;
    }
    if (this.state !== 'reconnecting') this.setState('reconnecting');
    if (this.retryTimer || this.connecting) return;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, maxRetryMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.closed || this.client) return;
      this.connected().catch((error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        if (!this.closed && !this.client) this.scheduleRetry();
      });
    }, delay);
    this.retryTimer.unref?.();
  }

  private setState(state: NotificationStatus['state']): void {
    if (this.state === state) return;
    this.state = state;
    this.since = new Date();
  }
}
