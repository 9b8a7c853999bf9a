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
  | { kind: 'claimed' }
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

/**
 * The idempotency_keys table. A request claims its (principal, method, path, key) by inserting a
 * 'pending' row (ON CONFLICT DO NOTHING: exactly one concurrent request wins), completes it with
 * its response, or releases it when nothing was done. A pending row older than `staleAfterMs` is
 * taken over (its process died); rows older than `retentionMs` are forgotten.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly options: { staleAfterMs: number; retentionMs: number },
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
          PRIMARY KEY (principal, method, path, idempotency_key)
        )`);
      await tx.query(`CREATE INDEX IF NOT EXISTS idempotency_keys_claimed_idx ON ${IDEMPOTENCY_TABLE} (claimed_at)`);
    });
  }

  async claim(scope: IdempotencyScope, requestHash: string): Promise<Claim> {
    const id = [scope.principal, scope.method, scope.path, scope.key];
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.db.query(
        `INSERT INTO ${IDEMPOTENCY_TABLE} (principal, method, path, idempotency_key, request_hash, state)
         VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT DO NOTHING`,
        [...id, requestHash],
      );
      if (inserted.rowCount > 0) return { kind: 'claimed' };
      const { rows } = await this.db.query<Row>(
        `SELECT request_hash, state, response_status, response_body, response_error,
           (state = 'pending' AND claimed_at < now() - make_interval(secs => $5::float8 / 1000)) AS stale
         FROM ${IDEMPOTENCY_TABLE} WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4`,
        [...id, this.options.staleAfterMs],
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
        // The request that claimed it never finished (its process stopped): take it over, once.
        const taken = await this.db.query(
          `UPDATE ${IDEMPOTENCY_TABLE} SET claimed_at = now()
           WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4 AND state = 'pending'
             AND claimed_at < now() - make_interval(secs => $5::float8 / 1000)`,
          [...id, this.options.staleAfterMs],
        );
        if (taken.rowCount > 0) return { kind: 'claimed' };
        continue;
      }
      return { kind: 'pending', requestHash: row.request_hash };
    }
    return { kind: 'pending', requestHash };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE ${IDEMPOTENCY_TABLE} SET state = 'done', response_status = $5, response_body = $6::jsonb, response_error = $7, completed_at = now()
       WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4`,
      [scope.principal, scope.method, scope.path, scope.key, response.status, JSON.stringify(response.body ?? null), response.error],
    );
  }

  /** Nothing happened (invalid input, or the outcome is unknown and a retry must run again). */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.db.query(
      `DELETE FROM ${IDEMPOTENCY_TABLE} WHERE principal = $1 AND method = $2 AND path = $3 AND idempotency_key = $4 AND state = 'pending'`,
      [scope.principal, scope.method, scope.path, scope.key],
    );
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
