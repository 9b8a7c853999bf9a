import type { SqlDatabase, SqlExecutor } from '@corridor/event-store';
import type { ReferenceData } from '@corridor/domain';

export const REFERENCE_KINDS = ['countries', 'stations', 'trainingBases', 'standards', 'schemes', 'agreements', 'assessors'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

function idOf(kind: ReferenceKind, record: Record<string, unknown>): string {
  if (kind === 'countries') return String(record.code);
  if (kind === 'standards') return String(record.code);
  if (kind === 'schemes') return `${String(record.standardCode)}/${String(record.level)}/v${String(record.version)}`;
  if (kind === 'agreements') return `${String(record.id)}/v${String(record.version)}`;
  return String(record.id);
}

async function ensureTable(db: SqlExecutor): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS reference_data (
    kind text NOT NULL, id text NOT NULL, document jsonb NOT NULL, loaded_at timestamptz NOT NULL,
    PRIMARY KEY (kind, id))`);
}

/**
 * Stores validated reference data (stations, standards, schemes, agreements, assessors…) for
 * stations' systems and the console to read. Replaces the previous load in one transaction.
 */
export async function seedReferenceData(db: SqlDatabase, data: ReferenceData): Promise<Record<ReferenceKind, number>> {
  await ensureTable(db);
  const loadedAt = new Date().toISOString();
  const counts = {} as Record<ReferenceKind, number>;
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM reference_data`);
    for (const kind of REFERENCE_KINDS) {
      const records = data[kind] as unknown as Record<string, unknown>[];
      counts[kind] = records.length;
      for (const record of records)
        await tx.query(`INSERT INTO reference_data (kind, id, document, loaded_at) VALUES ($1, $2, $3, $4)`, [
          kind, idOf(kind, record), JSON.stringify(record), loadedAt,
        ]);
    }
  });
  return counts;
}

export async function referenceDataLoaded(db: SqlDatabase): Promise<boolean> {
  await ensureTable(db);
  const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM reference_data`);
  return Number(rows[0]?.n ?? 0) > 0;
}

export async function listReference(db: SqlExecutor, kind: ReferenceKind): Promise<unknown[]> {
  await ensureTable(db);
  const { rows } = await db.query<{ document: unknown }>(`SELECT document FROM reference_data WHERE kind = $1 ORDER BY id`, [kind]);
  return rows.map((r) => r.document);
}
