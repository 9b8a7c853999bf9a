import type { RecordedEvent, SqlExecutor } from '@corridor/event-store';
import type { ApplicationEvent } from '@corridor/domain';
import type { Projection } from '../projection';

/** The officers' worklist and application detail: one row per application, kept from its stream. */
export const applicationsProjection: Projection = {
  name: 'applications',
  version: 1,
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
        certificate_number text,
        valid_until timestamptz,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        stream_version int NOT NULL,
        last_position bigint NOT NULL
      )`);
    await db.query(`CREATE INDEX IF NOT EXISTS applications_status_idx ON applications (status, registered_at DESC, application_id)`);
    await db.query(`CREATE INDEX IF NOT EXISTS applications_station_idx ON applications (station_id, registered_at DESC, application_id)`);
    await db.query(`CREATE INDEX IF NOT EXISTS applications_registered_idx ON applications (registered_at DESC, application_id)`);
    await db.query(`CREATE UNIQUE INDEX IF NOT EXISTS applications_certificate_idx ON applications (certificate_number) WHERE certificate_number IS NOT NULL`);
  },

  async apply(recorded: RecordedEvent, tx: SqlExecutor): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ApplicationEvent;
    const touch = [recorded.recordedAt.toISOString(), recorded.version, recorded.position];
    switch (event.type) {
      case 'ApplicationRegistered': {
        const d = event.data;
        await tx.query(
          `INSERT INTO applications (application_id, candidate_id, candidate_name, nationality, language, standard_code, level,
             station_id, scheme_version, status, registered_at, updated_at, stream_version, last_position)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'registered',$10,$11,$12,$13)
           ON CONFLICT (application_id) DO NOTHING`,
          [d.applicationId, d.candidate.id, d.candidate.fullName, d.candidate.nationality, d.candidate.language,
            d.standardCode, d.level, d.stationId ?? null, d.schemeVersion, d.at, ...touch],
        );
        return;
      }
      case 'EligibilityApproved':
        await setStatus(tx, event.data.applicationId, 'eligible', touch);
        return;
      case 'CertificationGranted':
        await setStatus(tx, event.data.applicationId, 'granted', touch);
        return;
      case 'CertificateIssued':
        await tx.query(
          `UPDATE applications SET status = 'certified', certificate_number = $2, valid_until = $3,
             updated_at = $4, stream_version = $5, last_position = $6 WHERE application_id = $1`,
          [event.data.applicationId, event.data.certificateNumber, event.data.validUntil, ...touch],
        );
        return;
      default:
        // Events this read model does not show still advance its version marker.
        await tx.query(`UPDATE applications SET updated_at = $2, stream_version = $3, last_position = $4 WHERE application_id = $1`, [
          recorded.stream.slice('application-'.length),
          ...touch,
        ]);
    }
  },
};

async function setStatus(tx: SqlExecutor, applicationId: string, status: string, touch: unknown[]): Promise<void> {
  await tx.query(
    `UPDATE applications SET status = $2, updated_at = $3, stream_version = $4, last_position = $5 WHERE application_id = $1`,
    [applicationId, status, ...touch],
  );
}
