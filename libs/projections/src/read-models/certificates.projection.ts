import { createHash } from 'node:crypto';
import type { RecordedEvent, SqlExecutor } from '@corridor/event-store';
import { shippedReferenceData, type ApplicationEvent, type CertificateEvent, type RecognitionCondition } from '@corridor/domain';
import {
  MIN_STATUS_LIST_BITS,
  reserveStatusSlot,
  StatusListFullError,
  type RandomIndex,
  type StatusIndexRepository,
  type StatusSlot,
} from '@corridor/credentials';
import type { Projection } from '../projection';

/** Certificate status as published in the status lists (expiry is carried by validUntil, not by a bit). */
export type CertificateRowStatus = 'active' | 'suspended' | 'revoked';

/** One passed component as the credential states it: weight as a fraction of the final mark. */
export interface CertificateComponentResult {
  component: 'theory' | 'practical';
  score: number;
  passMark: number;
  weight: number;
}

/** A recognition in the shape the credential facts take (only checks made against an agreement). */
export interface CertificateRecognition {
  country: string;
  standardCode: string;
  standardName: string;
  agreementVersion: string;
  status: 'recognised' | 'conditional' | 'not-recognised';
  conditions?: string[];
}

export const CERTIFICATE_STATUS_LIST_SIZE = MIN_STATUS_LIST_BITS;

interface Staged {
  candidate: { id: string; fullName: string; nationality: string; language: string };
  standard_code: string;
  level: string;
  scheme_version: number;
  results: CertificateComponentResult[] | null;
  recognitions: Record<string, CertificateRecognition>;
}

const HANDLED = [
  'ApplicationRegistered',
  'AssessmentResultRecorded',
  'RecognitionChecked',
  'CertificateIssued',
  'CertificateRenewed',
  'CertificateSuspended',
  'CertificateReinstated',
  'CertificateRevoked',
  'CredentialIssued',
] as const;

/**
 * Issued certificates, one row each, with everything a credential is built from and its status-list
 * slot. Facts an application gathers before its certificate (candidate, last passed attempt, recognition
 * checks) are staged per application in `certificate_applications`.
 *
 * The slot is random (herd privacy) but drawn from a generator seeded by the certificate number, and
 * claimed through a SQL StatusIndexRepository in the projector's transaction: replaying the same log
 * in the same order gives the same slots, so a rebuild leaves identical tables.
 */
export const certificatesProjection: Projection = {
  name: 'certificates',
  // 2: the credential as issued (CredentialIssued) is kept and served byte for byte.
  version: 2,
  filter: { types: [...HANDLED] },
  tables: ['certificates', 'certificate_status_slots', 'certificate_applications'],

  async setup(db: SqlExecutor): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS certificate_applications (
        application_id uuid PRIMARY KEY,
        candidate jsonb NOT NULL,
        standard_code text NOT NULL,
        level text NOT NULL,
        scheme_version int NOT NULL,
        results jsonb,
        recognitions jsonb NOT NULL,
        last_position bigint NOT NULL
      )`);
    await db.query(`
      CREATE TABLE IF NOT EXISTS certificate_status_slots (
        list_id text NOT NULL,
        status_index int NOT NULL,
        credential_id text NOT NULL UNIQUE,
        PRIMARY KEY (list_id, status_index)
      )`);
    await db.query(`
      CREATE TABLE IF NOT EXISTS certificates (
        certificate_number text PRIMARY KEY,
        application_id uuid NOT NULL,
        candidate_id text NOT NULL,
        candidate_name text NOT NULL,
        nationality text NOT NULL,
        language text NOT NULL,
        standard_code text NOT NULL,
        standard_title_en text NOT NULL,
        standard_title_zh text NOT NULL,
        isco_code text NOT NULL,
        level text NOT NULL,
        scheme_version int NOT NULL,
        results jsonb NOT NULL,
        recognitions jsonb NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        issued_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
        status_reason text,
        status_changed_at timestamptz,
        credential_id text NOT NULL UNIQUE,
        identity_salt text NOT NULL,
        status_list_id text NOT NULL,
        status_index int NOT NULL,
        credential_jws text,
        credential_sha256 text,
        credential_kid text,
        last_position bigint NOT NULL,
        CONSTRAINT certificates_status_slot_unique UNIQUE (status_list_id, status_index)
      )`);
    await db.query(`CREATE INDEX IF NOT EXISTS certificates_application_idx ON certificates (application_id)`);
    await db.query(`CREATE INDEX IF NOT EXISTS certificates_list_status_idx ON certificates (status_list_id, status)`);
  },

  async apply(recorded: RecordedEvent, tx: SqlExecutor): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ApplicationEvent | CertificateEvent;
    switch (event.type) {
      case 'ApplicationRegistered': {
        const d = event.data;
        await tx.query(
          `INSERT INTO certificate_applications (application_id, candidate, standard_code, level, scheme_version, results, recognitions, last_position)
           VALUES ($1, $2, $3, $4, $5, NULL, '{}'::jsonb, $6) ON CONFLICT (application_id) DO NOTHING`,
          [d.applicationId, JSON.stringify(d.candidate), d.standardCode, d.level, d.schemeVersion, recorded.position],
        );
        return;
      }
      case 'AssessmentResultRecorded': {
        const d = event.data;
        if (!d.passed) return;
        // Weights are whole percentages in the scheme; a zero-weight component is not part of the mark.
        const results: CertificateComponentResult[] = d.components
          .filter((c) => c.weight > 0)
          .map((c) => ({ component: c.component, score: c.score, passMark: c.passMark, weight: c.weight / 100 }));
        await tx.query(`UPDATE certificate_applications SET results = $2, last_position = $3 WHERE application_id = $1`, [
          d.applicationId,
          JSON.stringify(results),
          recorded.position,
        ]);
        return;
      }
      case 'RecognitionChecked': {
        const d = event.data;
        const { rows } = await tx.query<Pick<Staged, 'recognitions'>>(`SELECT recognitions FROM certificate_applications WHERE application_id = $1`, [
          d.applicationId,
        ]);
        if (!rows[0]) return;
        const recognitions = { ...rows[0].recognitions };
        if (d.agreement) {
          const unmet = d.conditionsUnmet.map(describeCondition);
          recognitions[d.countryCode] = {
            country: d.countryCode,
            standardCode: d.agreement.partnerStandard.code,
            standardName: d.agreement.partnerStandard.name,
            agreementVersion: String(d.agreement.version),
            status: d.outcome,
            ...(d.outcome === 'conditional' && unmet.length ? { conditions: unmet } : {}),
          };
        } else {
          // No agreement to name: the credential has nothing to assert for this country.
          delete recognitions[d.countryCode];
        }
        await tx.query(`UPDATE certificate_applications SET recognitions = $2, last_position = $3 WHERE application_id = $1`, [
          d.applicationId,
          JSON.stringify(sortedByKey(recognitions)),
          recorded.position,
        ]);
        return;
      }
      case 'CertificateIssued':
        await issue(event.data, recorded, tx);
        return;
      case 'CertificateRenewed':
        await tx.query(`UPDATE certificates SET valid_until = $2, last_position = $3 WHERE certificate_number = $1`, [
          event.data.certificateNumber,
          event.data.validUntil,
          recorded.position,
        ]);
        return;
      case 'CertificateSuspended':
        await setStatus(tx, recorded, event.data.certificateNumber, 'suspended', event.data.reason, event.data.at, ['active']);
        return;
      case 'CertificateReinstated':
        await setStatus(tx, recorded, event.data.certificateNumber, 'active', event.data.note ?? null, event.data.at, ['suspended']);
        return;
      case 'CertificateRevoked':
        await setStatus(tx, recorded, event.data.certificateNumber, 'revoked', event.data.reason, event.data.at, ['active', 'suspended']);
        return;
      case 'CredentialIssued': {
        const d = event.data;
        // The recorded credential is what is served; its slot is the one it states.
        await tx.query(
          `UPDATE certificates SET credential_jws = $2, credential_sha256 = $3, credential_kid = $4,
             status_list_id = $5, status_index = $6, last_position = $7 WHERE certificate_number = $1`,
          [d.certificateNumber, d.jws, d.sha256, d.kid, d.statusSlot.listId, d.statusSlot.index, recorded.position],
        );
        return;
      }
      default:
        return;
    }
  },
};

type IssuedData = Extract<ApplicationEvent, { type: 'CertificateIssued' }>['data'];

async function issue(d: IssuedData, recorded: RecordedEvent, tx: SqlExecutor): Promise<void> {
  const { rows } = await tx.query<Staged>(
    `SELECT candidate, standard_code, level, scheme_version, results, recognitions FROM certificate_applications WHERE application_id = $1`,
    [d.applicationId],
  );
  const staged = rows[0];
  if (!staged?.results) return;
  const exists = await tx.query(`SELECT 1 FROM certificates WHERE certificate_number = $1`, [d.certificateNumber]);
  if (exists.rows.length) return;

  const standard = shippedReferenceData().standards.find((s) => s.code === staged.standard_code);
  const credentialId = `urn:uuid:${uuidV5(d.certificateNumber)}`;
  const slot = await allocateSlot(tx, d.certificateNumber, credentialId);
  // Random per credential so hashes of the same candidate id cannot be linked across credentials;
  // derived from the event id (never reused) so a rebuild reproduces it.
  const salt = createHash('sha256').update(`corridor-identity-salt:${recorded.id}`).digest('hex').slice(0, 32);

  await tx.query(
    `INSERT INTO certificates (certificate_number, application_id, candidate_id, candidate_name, nationality, language, standard_code,
       standard_title_en, standard_title_zh, isco_code, level, scheme_version, results, recognitions, valid_from, valid_until, issued_at,
       status, status_reason, status_changed_at, credential_id, identity_salt, status_list_id, status_index, last_position)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,'active',NULL,NULL,$18,$19,$20,$21,$22)`,
    [
      d.certificateNumber,
      d.applicationId,
      staged.candidate.id,
      staged.candidate.fullName,
      staged.candidate.nationality,
      staged.candidate.language,
      staged.standard_code,
      standard?.titleEn ?? staged.standard_code,
      standard?.titleZh ?? staged.standard_code,
      standard?.iscoCode ?? '0000',
      staged.level,
      staged.scheme_version,
      JSON.stringify(staged.results),
      JSON.stringify(Object.values(staged.recognitions)),
      d.validFrom,
      d.validUntil,
      d.at,
      credentialId,
      salt,
      slot.listId,
      slot.index,
      recorded.position,
    ],
  );
}

async function setStatus(
  tx: SqlExecutor,
  recorded: RecordedEvent,
  certificateNumber: string,
  status: CertificateRowStatus,
  reason: string | null,
  at: string,
  from: CertificateRowStatus[],
): Promise<void> {
  await tx.query(
    `UPDATE certificates SET status = $2, status_reason = $3, status_changed_at = $4, last_position = $5
     WHERE certificate_number = $1 AND status = ANY($6::text[])`,
    [certificateNumber, status, reason, at, recorded.position, from],
  );
}

/**
 * Picks the list: the lowest-numbered one ("1", "2", …) with room. Within it the slot is random from a
 * generator seeded by the certificate number, so the draw is the same on every replay.
 */
async function allocateSlot(tx: SqlExecutor, certificateNumber: string, credentialId: string): Promise<StatusSlot> {
  const repository = new SqlStatusIndexRepository(tx);
  const { rows } = await tx.query<{ list_id: string; used: string | number }>(
    `SELECT list_id, count(*) AS used FROM certificate_status_slots GROUP BY list_id`,
  );
  const used = new Map(rows.map((r) => [r.list_id, Number(r.used)]));
  for (let list = 1; ; list++) {
    const listId = String(list);
    if ((used.get(listId) ?? 0) >= CERTIFICATE_STATUS_LIST_SIZE) continue;
    try {
      return await reserveStatusSlot(repository, {
        listId,
        credentialId,
        listSize: CERTIFICATE_STATUS_LIST_SIZE,
        random: seededRandomIndex(`${certificateNumber}#${listId}`),
      });
    } catch (error) {
      if (!(error instanceof StatusListFullError)) throw error;
    }
  }
}

/** Slot reservations in SQL: the primary key (list_id, status_index) makes a claim atomic. */
export class SqlStatusIndexRepository implements StatusIndexRepository {
  constructor(private readonly db: SqlExecutor) {}

  async claim(slot: StatusSlot, credentialId: string): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO certificate_status_slots (list_id, status_index, credential_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [slot.listId, slot.index, credentialId],
    );
    return result.rowCount > 0;
  }

  async isUsed(slot: StatusSlot): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM certificate_status_slots WHERE list_id = $1 AND status_index = $2`, [slot.listId, slot.index]);
    return rows.length > 0;
  }

  async usedCount(listId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM certificate_status_slots WHERE list_id = $1`, [listId]);
    return Number(rows[0]?.n ?? 0);
  }

  async findByCredential(credentialId: string): Promise<StatusSlot | undefined> {
    const { rows } = await this.db.query<{ list_id: string; status_index: number }>(
      `SELECT list_id, status_index FROM certificate_status_slots WHERE credential_id = $1`,
      [credentialId],
    );
    return rows[0] ? { listId: rows[0].list_id, index: Number(rows[0].status_index) } : undefined;
  }
}

/** Uniform integers from SHA-256(seed, counter), with rejection sampling so no index is favoured. */
export function seededRandomIndex(seed: string): RandomIndex {
  let counter = 0;
  return (maxExclusive) => {
    const range = 2 ** 48;
    const limit = range - (range % maxExclusive);
    for (;;) {
      const value = createHash('sha256').update(`${seed}:${counter++}`).digest().readUIntBE(0, 6);
      if (value < limit) return value % maxExclusive;
    }
  };
}

/** Namespace for Corridor's name-based credential ids (a fixed random UUID). */
const CREDENTIAL_ID_NAMESPACE = '5f1c2e64-8a0b-4d6e-9c1f-3b7a2d9e4c10';

/** RFC 9562 version-5 (name-based, SHA-1) UUID: the same certificate gets the same credential id on every replay. */
export function uuidV5(name: string, namespace: string = CREDENTIAL_ID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function describeCondition(condition: RecognitionCondition): string {
  switch (condition.kind) {
    case 'top-up-module':
      return `top-up module ${condition.moduleCode} (${condition.hours} h): ${condition.description}`;
    case 'practical-retest':
      return `practical re-test: ${condition.description}`;
    case 'language':
      return `language ${condition.language} at CEFR ${condition.minimumCefr} or above`;
  }
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
