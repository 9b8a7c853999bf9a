import { CLOSED_APPLICATION_STATUSES } from '@corridor/domain';
import type { SqlExecutor } from '@corridor/event-store';
import type { ApplicationView, WorklistQuery } from './applications.schemas';

interface Row {
  application_id: string;
  candidate_id: string;
  candidate_name: string;
  nationality: string;
  language: string;
  standard_code: string;
  level: ApplicationView['level'];
  station_id: string | null;
  scheme_version: number;
  status: string;
  review_due_by: Date | string | null;
  certificate_number: string | null;
  valid_until: Date | string | null;
  registered_at: Date | string;
  updated_at: Date | string;
  stream_version: number;
}

// The folded domain state stays in the table; the views never need it.
const COLUMNS = `application_id, candidate_id, candidate_name, nationality, language, standard_code, level, station_id,
  scheme_version, status, review_due_by, certificate_number, valid_until, registered_at, updated_at, stream_version`;

const iso = (v: Date | string): string => new Date(v).toISOString();

function toView(r: Row): ApplicationView {
  return {
    applicationId: r.application_id,
    candidateId: r.candidate_id,
    candidateName: r.candidate_name,
    nationality: r.nationality,
    language: r.language,
    standardCode: r.standard_code,
    level: r.level,
    stationId: r.station_id,
    schemeVersion: r.scheme_version,
    status: r.status,
    reviewDueBy: r.review_due_by ? iso(r.review_due_by) : null,
    certificateNumber: r.certificate_number,
    validUntil: r.valid_until ? iso(r.valid_until) : null,
    registeredAt: iso(r.registered_at),
    updatedAt: iso(r.updated_at),
    version: r.stream_version,
  };
}

/** Keyset cursor over (registered_at DESC, application_id DESC): stable paging while rows arrive. */
const encodeCursor = (v: ApplicationView): string =>
  Buffer.from(JSON.stringify([v.registeredAt, v.applicationId])).toString('base64url');
function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string'))
      return parsed as [string, string];
  } catch {
    return undefined;
  }
  return undefined;
}

export class ApplicationsReadModel {
  constructor(private readonly db: SqlExecutor) {}

  async get(applicationId: string): Promise<ApplicationView | undefined> {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM applications WHERE application_id = $1`, [applicationId]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /** An application of this candidate for this standard that is still in progress, if any. */
  async openApplicationFor(candidateId: string, standardCode: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ application_id: string }>(
      `SELECT application_id FROM applications
        WHERE candidate_id = $1 AND standard_code = $2 AND status <> ALL($3::text[]) LIMIT 1`,
      [candidateId, standardCode, [...CLOSED_APPLICATION_STATUSES]],
    );
    return rows[0]?.application_id;
  }

  async list(q: WorklistQuery & { onlyStation?: string }): Promise<{ items: ApplicationView[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.status) add('status = ?', q.status);
    if (q.station) add('station_id = ?', q.station);
    if (q.onlyStation) add('station_id = ?', q.onlyStation);
    if (q.standard) add('standard_code = ?', q.standard);
    if (q.country) add('nationality = ?', q.country);
    if (q.overdue !== undefined)
      where.push(q.overdue
        ? `status IN ('registered', 'awaiting-information') AND review_due_by < now()`
        : `NOT (status IN ('registered', 'awaiting-information') AND review_due_by < now())`);
    const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      where.push(`(registered_at, application_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(q.limit + 1);
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM applications ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY registered_at DESC, application_id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, q.limit).map(toView);
    return { items, nextCursor: rows.length > q.limit && items.length ? encodeCursor(items[items.length - 1]!) : null };
  }
}
