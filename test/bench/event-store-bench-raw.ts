import { Pool } from 'pg';

/**
 * The raw ceiling: the same rows written and read with the same driver and no event-store logic.
 * The table has the store's columns and constraints (unique stream/version, unique id) with a
 * bigserial position, the naive design.
 */
export class RawEvents {
  readonly pool: Pool;

  constructor(url: string) {
    this.pool = new Pool({ connectionString: url, max: 10 });
    this.pool.on('error', () => undefined);
  }

  async init(): Promise<void> {
    await this.pool.query(`CREATE TABLE IF NOT EXISTS raw_events (
      position bigserial PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream text NOT NULL, version bigint NOT NULL, id uuid NOT NULL UNIQUE, type text NOT NULL,
      schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(), hash text NOT NULL, prev_hash text,
      UNIQUE (stream, version))`);
  }

  /** One single-row INSERT transaction (autocommit). */
  async insertOne(stream: string, version: number, id: string, data: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO raw_events (stream, version, id, type, schema_version, data, metadata, hash, prev_hash)
       VALUES ($1, $2, $3, 'Registered', 1, $4, '{}', $5, $6)`,
      [stream, version, id, data, fakeHash, version > 1 ? fakeHash : null],
    );
  }

  /** One transaction inserting a batch with a single statement. */
  async insertBatch(stream: string, fromVersion: number, ids: string[], data: string[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO raw_events (stream, version, id, type, schema_version, data, metadata, hash, prev_hash)
       SELECT $1, $2 + t.ord - 1, t.id, 'Registered', 1, t.data::jsonb, '{}', $5, $5
         FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS t(id, data, ord)`,
      [stream, fromVersion, ids, data, fakeHash],
    );
  }

  /** Keyset-paged read of one stream; returns the number of rows. */
  async readStream(table: string, stream: string, pageSize: number): Promise<number> {
    let after = 0;
    let n = 0;
    for (;;) {
      const { rows } = await this.pool.query<{ version: string }>(
        `SELECT position, stream, version, id, type, schema_version, data, metadata, recorded_at, hash, prev_hash
           FROM ${table} WHERE stream = $1 AND version > $2 ORDER BY version LIMIT $3`,
        [stream, after, pageSize],
      );
      n += rows.length;
      const last = rows[rows.length - 1];
      if (rows.length < pageSize || !last) return n;
      after = Number(last.version);
    }
  }

  /** Keyset scan of the whole log by position; returns the number of rows. */
  async scan(table: string, pageSize: number): Promise<number> {
    let after = 0;
    let n = 0;
    for (;;) {
      const { rows } = await this.pool.query<{ position: string }>(
        `SELECT position, stream, version, id, type, schema_version, data, metadata, recorded_at, hash, prev_hash
           FROM ${table} WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, pageSize],
      );
      n += rows.length;
      const last = rows[rows.length - 1];
      if (rows.length < pageSize || !last) return n;
      after = Number(last.position);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

const fakeHash = 'a'.repeat(64);
