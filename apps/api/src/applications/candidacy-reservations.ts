import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SqlDatabase } from '@corridor/event-store';

/**
 * How long a reservation whose workflow does not exist (yet) counts as a registration in flight. A
 * registration starts its workflow right after reserving, in the same request; past this, the
 * reserving process must have died between the two steps and the reservation is free again.
 */
const IN_FLIGHT_GRACE_SECONDS = 120;

export type Reservation =
  | { kind: 'reserved'; mine: 'new' | 'again' | 'taken-over' }
  | { kind: 'held'; applicationId: string };

/**
 * One open application per candidate and standard, decided atomically by the database: a row per
 * (candidate, standard) under a primary key names the application that holds it. Concurrent
 * registrations race on the INSERT (or on a compare-and-swap UPDATE); exactly one wins.
 *
 * Nothing has to release a reservation, so nothing can forget to: whether the holder still holds it
 * is asked of Temporal when someone else wants it. The holder's workflow running means its
 * application is open (the workflow ends only when the application closes; in the moment between,
 * the read model may already show it closed, which frees it too); a completed, failed or
 * terminated workflow, or none at all once the in-flight grace has passed (the reserving process
 * crashed before starting it, or Temporal's retention has removed it), frees the reservation. So a
 * crash can delay a candidate by at most the grace, never lock them out.
 */
export class CandidacyReservations {
  private ready?: Promise<void>;

  constructor(
    private readonly db: SqlDatabase,
    private readonly temporal: Client,
    /** Whether the read model already shows the application closed (its workflow may still be finishing). */
    private readonly closedAlready: (applicationId: string) => Promise<boolean>,
  ) {}

  async reserve(candidateId: string, standardCode: string, applicationId: string): Promise<Reservation> {
    await this.ensureTable();
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted = await this.db.query(
        `INSERT INTO application_reservations (candidate_id, standard_code, application_id, reserved_at)
         VALUES ($1, $2, $3, now()) ON CONFLICT (candidate_id, standard_code) DO NOTHING RETURNING application_id`,
        [candidateId, standardCode, applicationId],
      );
      if (inserted.rows.length === 1) return { kind: 'reserved', mine: 'new' };

      const { rows } = await this.db.query<{ application_id: string; age: number | string }>(
        `SELECT application_id::text AS application_id, EXTRACT(EPOCH FROM now() - reserved_at) AS age
           FROM application_reservations WHERE candidate_id = $1 AND standard_code = $2`,
        [candidateId, standardCode],
      );
      const holder = rows[0];
      if (!holder) continue; // removed in between: try the INSERT again
      if (holder.application_id === applicationId) return { kind: 'reserved', mine: 'again' };
      if (await this.stillHeld(holder.application_id, Number(holder.age)))
        return { kind: 'held', applicationId: holder.application_id };

      const swapped = await this.db.query(
        `UPDATE application_reservations SET application_id = $3, reserved_at = now()
          WHERE candidate_id = $1 AND standard_code = $2 AND application_id = $4 RETURNING application_id`,
        [candidateId, standardCode, applicationId, holder.application_id],
      );
      if (swapped.rows.length === 1) return { kind: 'reserved', mine: 'taken-over' };
      // Another registration took it over first: look again at who holds it now.
    }
    throw new Error(`could not settle the reservation of ${candidateId}/${standardCode}`);
  }

  /**
   * Gives a reservation up when its registration did not go ahead (refused, or the start failed): it is
   * marked stale rather than deleted, so a workflow that did start after all still keeps it (it runs).
   */
  async release(candidateId: string, standardCode: string, applicationId: string): Promise<void> {
    await this.db.query(
      `UPDATE application_reservations SET reserved_at = 'epoch'
        WHERE candidate_id = $1 AND standard_code = $2 AND application_id = $3`,
      [candidateId, standardCode, applicationId],
    );
  }

  private async stillHeld(applicationId: string, ageSeconds: number): Promise<boolean> {
    try {
      const description = await this.temporal.workflow.getHandle(applicationId).describe();
      return description.status.name === 'RUNNING' && !(await this.closedAlready(applicationId));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return ageSeconds < IN_FLIGHT_GRACE_SECONDS;
      throw error;
    }
  }

  private ensureTable(): Promise<void> {
    this.ready ??= this.db
      .query(
        `CREATE TABLE IF NOT EXISTS application_reservations (
           candidate_id text NOT NULL,
           standard_code text NOT NULL,
           application_id uuid NOT NULL,
           reserved_at timestamptz NOT NULL,
           PRIMARY KEY (candidate_id, standard_code))`,
      )
      .then(
        () => undefined,
        (error: unknown) => {
          this.ready = undefined; // try again on the next registration
          throw error;
        },
      );
    return this.ready;
  }
}
