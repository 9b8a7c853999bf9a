import type { RecordedEvent, SqlExecutor } from '@corridor/event-store';
import type { ApplicationEvent } from '@corridor/domain';
import type { Projection } from '../projection';

/** Stored for applications without a station (registered by an officer, never booked at a station). */
export const NO_STATION = '';

const HANDLED = ['ApplicationRegistered', 'AssessmentBooked', 'CertificateIssued'] as const;

type Registered = Extract<ApplicationEvent, { type: 'ApplicationRegistered' }>['data'];

/**
 * Issued certifications counted per (nationality, standard, station, year of issue). What a count
 * needs from the registration is kept per application in `certification_stats_applications`; the
 * station is the registering station, or else the station of the first assessment booking.
 */
export const certificationStatsProjection: Projection = {
  name: 'certification_stats',
  version: 1,
  filter: { streamPrefixes: ['application-'], types: [...HANDLED] },
  tables: ['certification_stats', 'certification_stats_applications'],

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS certification_stats_applications (
        application_id uuid PRIMARY KEY,
        nationality text NOT NULL,
        standard_code text NOT NULL,
        station_id text
      )`);
    await db.query(`
      CREATE TABLE IF NOT EXISTS certification_stats (
        nationality text NOT NULL,
        standard_code text NOT NULL,
        station_id text NOT NULL,
        year int NOT NULL,
        certified bigint NOT NULL,
        PRIMARY KEY (nationality, standard_code, station_id, year)
      )`);
  },

  async apply(recorded: RecordedEvent, tx: SqlExecutor): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ApplicationEvent;
    switch (event.type) {
      case 'ApplicationRegistered':
        await insertRegistered([event.data], tx);
        return;
      case 'AssessmentBooked':
        await tx.query(`UPDATE certification_stats_applications SET station_id = $2 WHERE application_id = $1 AND station_id IS NULL`, [
          event.data.applicationId,
          event.data.stationId,
        ]);
        return;
      case 'CertificateIssued':
        await tx.query(
          `INSERT INTO certification_stats (nationality, standard_code, station_id, year, certified)
           SELECT nationality, standard_code, COALESCE(station_id, $3), $2, 1 FROM certification_stats_applications WHERE application_id = $1
           ON CONFLICT (nationality, standard_code, station_id, year) DO UPDATE SET certified = certification_stats.certified + 1`,
          [event.data.applicationId, new Date(event.data.at).getUTCFullYear(), NO_STATION],
        );
        return;
      default:
        return;
    }
  },

  /** Registrations (most of the log) go in as one multi-row insert per run; the rest one by one, in order. */
  async applyBatch(events: RecordedEvent[], tx: SqlExecutor): Promise<void> {
    let run: Registered[] = [];
    for (const recorded of events) {
      if (recorded.type === 'ApplicationRegistered') {
        run.push(recorded.data as Registered);
        continue;
      }
      if (run.length) await insertRegistered(run, tx);
      run = [];
      await certificationStatsProjection.apply(recorded, tx);
    }
    if (run.length) await insertRegistered(run, tx);
  },
};

async function insertRegistered(registered: Registered[], tx: SqlExecutor): Promise<void> {
  await tx.query(
    `INSERT INTO certification_stats_applications (application_id, nationality, standard_code, station_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (application_id) DO NOTHING`,
    [
      registered.map((d) => d.applicationId),
      registered.map((d) => d.candidate.nationality),
      registered.map((d) => d.standardCode),
      registered.map((d) => d.stationId ?? null),
    ],
  );
}
