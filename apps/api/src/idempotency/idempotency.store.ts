import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from '@corridor/event-store';

export interface IdempotencyScope {
  principal: string;
  method: string;
  path: string;
  key: string;
}

/** A finished request's answer: a success body, or the HttpException response a definite refusal gave. */
export interface StoredResponse {
  status: number;
  body: unknown;
  /** True when the answer was an error (replayed by throwing it again, through the problem filter). */
  error: boolean;
}

export type Claim =
  | { kind: 'claimed'; token: string }
  | { kind: 'done'; response: StoredResponse; requestHash: string }
  | { kind: 'pending'; requestHash: string }
  | { kind: 'mismatch' };

interface Row {
  request_hash: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_body: unknown;
  response_error: boolean | null;
  stale: boolean;
}

export const IDEMPOTENCY_TABLE = 'idempotency_keys';

export interface IdempotencyStoreOptions {
  /**
   * How long a claim holds off a retry with the same key. Past it the retry takes the claim over and
   * runs the request itself: safe, because every handler behind a key is idempotent on its own (the
   * Temporal update id and the registration's workflow id follow from the key), so a claim whose
   * process or database connection died never blocks the key for long.
   */
  leaseMs: number;
  retentionMs: number;
  /** Delays between further attempts to store an answer or a release the database refused. */
  retryDelaysMs: readonly number[];
}

/**
 * The idempotency_keys table. A request claims its (principal, method, path, key) by inserting a
 * 'pending' row with a claim token (ON CONFLICT DO NOTHING: exactly one concurrent request wins),
 * completes it with its response, or releases it when nothing was done. A pending row older than
 * the lease is taken over with a new token; rows older than `retentionMs` are forgotten.
 */
export class IdempotencyStore {
  private readonly logger = new Logger('Idempotency');
  private readonly retrying = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: IdempotencyStoreOptions,
  ) {}

  async setup(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['corridor-idempotency-keys']);
      await tx.query(`
        CREATE TABLE IF NOT EXISTS ${IDEMPOTENCY_TABLE} (
          principal text NOT NULL,
          method text NOT NULL,
          path text NOT NULL,
          idempotency_key text NOT NULL,
          request_hash text NOT NULL,
          state text NOT NULL CHECK (state IN ('pending', 'done')),
          response_status int,
          response_body jsonb,
          response_error boolean,
          claimed_at timestamptz NOT NULL DEFAULT now(),
          completed_at timestamptz,
          claim_token text,
          PRIMARY KEY (principal, method, path, idempotency_key)
        )`);
      // Tables created before claims carried a token.
      await tx.query(`ALTER TABLE ${IDEMPOTENCY_TABLE} ADD COLUMN IF NOT EXISTS claim_token text`);
      await tx.query(`CREATE INDEX IF NOT EXISTS idempotency_keys_claimed_idx ON ${IDEMPOTENCY_TABLE} (claimed_at)`);
    });
  }

  async claim(scope: IdempotencyScope, requestHash: string): Promise<Claim> {
    const id = [scope.principal, scope.method, scope.path, scope.key];
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = randomUUID();
      const inserted = await this.db.query(
        `INSERT INTO ${IDEMPOTENCY_TABLE} (principal, method, path, idempotency_key, request_hash, state, claim_token)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT DO NOTHING`,
        [...id, requestHash, token],
      );
      if (inserted.rowCount > 0) return { kind: 'claimed', token };
      const { rows } = await this.db.query<Row>(
        `SELECT request_hash, state, response_status, response_body, response_error,
           (state = 'pending' AND claimed_at < now() - make_interval(secs => $5::float8 / 1000)) AS stale
         FROM ${IDEMPOTENCY_TABLE} WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4`,
        [...id, this.options.leaseMs],
      );
      const row = rows[0];
      if (!row) continue; // released or expired meanwhile: try the insert again
      if (await this.forgetIfExpired(scope)) continue;
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state === 'done')
        return {
          kind: 'done',
          requestHash: row.request_hash,
          response: { status: row.response_status ?? 200, body: row.response_body, error: row.response_error ?? false },
        };
      if (row.stale) {
        // The lease ran out (the claiming process stopped, lost its database, or is slow): take it over.
        const token = randomUUID();
        const taken = await this.db.query(
          `UPDATE ${IDEMPOTENCY_TABLE} SET claimed_at = now(), claim_token = $6
           WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4 AND state = 'pending'
             AND claimed_at < now() - make_interval(secs => $5::float8 / 1000)`,
          [...id, this.options.leaseMs, token],
        );
        if (taken.rowCount > 0) return { kind: 'claimed', token };
        continue;
      }
      return { kind: 'pending', requestHash: row.request_hash };
    }
    return { kind: 'pending', requestHash };
  }

  /**
   * Stores the answer. The first answer stored wins: an attempt that took over an expired claim ran the
   * same idempotent operation, so a later answer from the other attempt is the same outcome.
   */
  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE ${IDEMPOTENCY_TABLE} SET state = 'done', response_status = $5, response_body = $6::jsonb, response_error = $7, completed_at = now()
       WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4 AND state = 'pending'`,
      [scope.principal, scope.method, scope.path, scope.key, response.status, JSON.stringify(response.body ?? null), response.error],
    );
  }

  /**
   * Nothing happened (invalid input, or the outcome is unknown and a retry must run again). Only the
   * claim this attempt holds: once taken over, the key belongs to the attempt that took it.
   */
  async release(scope: IdempotencyScope, token: string): Promise<void> {
    await this.db.query(
      `DELETE FROM ${IDEMPOTENCY_TABLE}
       WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4 AND state = 'pending' AND claim_token = $5`,
      [scope.principal, scope.method, scope.path, scope.key, token],
    );
  }

  /**
   * Runs `write` (a complete or a release) now and, if the database refuses it (connection lost,
   * outage), again in the background after each of `retryDelaysMs`, so the key is neither lost nor
   * left claimed once the database is back. Resolves with whether the first attempt succeeded; the
   * caller never waits for the retries.
   */
  async persist(what: string, write: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      this.logger.warn(`${what} failed, retrying in the background: ${String(error)}`);
      this.retry(what, write, 0);
      return false;
    }
  }

  private retry(what: string, write: () => Promise<void>, attempt: number): void {
    const delay = this.options.retryDelaysMs[attempt];
    if (delay === undefined) {
      this.logger.error(`${what} failed ${attempt + 1} times; giving up (the claim's lease lets a retry take it over)`);
      return;
    }
    const timer = setTimeout(() => {
      this.retrying.delete(timer);
      write().then(
        () => this.logger.log(`${what} stored after ${attempt + 2} attempts`),
        () => this.retry(what, write, attempt + 1),
      );
    }, delay);
    timer.unref();
    this.retrying.add(timer);
  }

  /** Stops pending background retries (application shutdown). */
  close(): void {
    for (const timer of this.retrying) clearTimeout(timer);
    this.retrying.clear();
  }

  private async forgetIfExpired(scope: IdempotencyScope, db: SqlExecutor = this.db): Promise<boolean> {
    const deleted = await db.query(
      `DELETE FROM ${IDEMPOTENCY_TABLE} WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4
         AND state = 'done' AND completed_at < now() - make_interval(secs => $5::float8 / 1000)`,
      [scope.principal, scope.method, scope.path, scope.key, this.options.retentionMs],
    );
    return deleted.rowCount > 0;
  }
}
