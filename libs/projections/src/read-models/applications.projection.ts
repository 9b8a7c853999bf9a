import type { RecordedEvent, SqlExecutor } from '@corridor/event-store';
import { evolveApplication, initialApplicationState, type ApplicationEvent, type ApplicationState } from '@corridor/domain';
import type { Projection } from '../projection';

/**
 * The officers' worklist and application detail: one row per application. The row keeps the
 * domain state and folds each event through the domain's own `evolve`, so the read model can never
 * disagree with the workflow about an application's status.
 */
export const applicationsProjection: Projection = {
  name: 'applications',
  version: 2,
  filter: { streamPrefixes: ['application-'] },
  tables: ['applications'],

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS applications (
        application_id uuid PRIMARY KEY,
        candidate_id text NOT NULL,
        candidate_name text NOT NULL,
        nationality text NOT NULL,
        language text NOT NULL,
        standard_code text NOT NULL,
        level text NOT NULL,
        station_id text,
        scheme_version int NOT NULL,
        status text NOT NULL,
        review_due_by timestamptz,
        certificate_number text,
        valid_until timestamptz,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        stream_version int NOT NULL,
        last_position bigint NOT NULL,
        state jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX IF NOT EXISTS applications_status_idx ON applications (status, registered_at DESC, application_id DESC)`);
    await db.query(`CREATE INDEX IF NOT EXISTS applications_station_idx ON applications (station_id, registered_at DESC, application_id DESC)`);
    await db.query(`CREATE INDEX IF NOT EXISTS applications_registered_idx ON applications (registered_at DESC, application_id DESC)`);
    await db.query(`CREATE INDEX IF NOT EXISTS applications_review_due_idx ON applications (review_due_by) WHERE status IN ('registered', 'awaiting-information')`);
    await db.query(`CREATE UNIQUE INDEX IF NOT EXISTS applications_certificate_idx ON applications (certificate_number) WHERE certificate_number IS NOT NULL`);
  },

  async apply(recorded: RecordedEvent, tx: SqlExecutor): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ApplicationEvent;
    const applicationId = recorded.stream.slice('application-'.length);
    if (event.type === 'ApplicationRegistered') {
      const d = event.data;
      const state = evolveApplication(initialApplicationState(), event);
      await tx.query(
        `INSERT INTO applications (application_id, candidate_id, candidate_name, nationality, language, standard_code, level,
           station_id, scheme_version, status, review_due_by, registered_at, updated_at, stream_version, last_position, state)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
         ON CONFLICT (application_id) DO NOTHING`,
        [d.applicationId, d.candidate.id, d.candidate.fullName, d.candidate.nationality, d.candidate.language, d.standardCode,
          d.level, d.stationId ?? null, d.schemeVersion, state.status, state.reviewDueBy ?? null, d.at,
          recorded.recordedAt.toISOString(), recorded.version, recorded.position, JSON.stringify(state)],
      );
      return;
    }
    const { rows } = await tx.query<{ state: ApplicationState }>(`SELECT state FROM applications WHERE application_id = $1`, [applicationId]);
    if (!rows[0]) return;
    const state = evolveApplication(rows[0].state, event);
    await tx.query(
      `UPDATE applications SET status = $2, review_due_by = $3, certificate_number = $4, valid_until = $5,
         updated_at = $6, stream_version = $7, last_position = $8, state = $9 WHERE application_id = $1`,
      [applicationId, state.status, state.reviewDueBy ?? null, state.certificateNumber ?? null, state.validUntil ?? null,
        recorded.recordedAt.toISOString(), recorded.version, recorded.position, JSON.stringify(state)],
    );
  },
};
