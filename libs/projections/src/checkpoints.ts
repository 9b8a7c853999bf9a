import type { SqlExecutor } from '@corridor/event-store';

export interface Checkpoint {
  version: number;
  position: number;
}

/**
 * The projection_checkpoints table: one row per projection with the read model's version and the
 * log position it has applied up to. Written in the same transaction as the read-model rows.
 */
export class Checkpoints {
  constructor(readonly table = 'projection_checkpoints') {}

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      name text PRIMARY KEY,
      version integer NOT NULL,
      position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async read(db: SqlExecutor, name: string, lock = false): Promise<Checkpoint | null> {
    const { rows } = await db.query<{ version: number; position: string | number }>(
      `SELECT version, position FROM ${this.table} WHERE name = $1${lock ? ' FOR UPDATE' : ''}`,
      [name],
    );
    const row = rows[0];
    return row ? { version: row.version, position: Number(row.position) } : null;
  }

  async reset(db: SqlExecutor, name: string, version: number): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table} (name, version, position, updated_at) VALUES ($1, $2, 0, now())
       ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, position = 0, updated_at = now()`,
      [name, version],
    );
  }

  /**
   * Moves the checkpoint from `from` to `to`, only if it is still at `from` for this version: false
   * when another projector instance (or a rebuild) moved it first. Locks the row until commit, so
   * two instances never apply the same batch.
   */
  async advance(tx: SqlExecutor, name: string, version: number, from: number, to: number): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE ${this.table} SET position = $4, updated_at = now() WHERE name = $1 AND version = $2 AND position = $3`,
      [name, version, from, to],
    );
    return rowCount === 1;
  }

  async all(db: SqlExecutor): Promise<Map<string, Checkpoint & { updatedAt: Date }>> {
    const { rows } = await db.query<{
      name: string;
      version: number;
      position: string | number;
      updated_at: Date;
    }>(`SELECT name, version, position, updated_at FROM ${this.table}`);
    return new Map(
      rows.map((r) => [
        r.name,
        { version: r.version, position: Number(r.position), updatedAt: r.updated_at },
      ]),
    );
  }
}
