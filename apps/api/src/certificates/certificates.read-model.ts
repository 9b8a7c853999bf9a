import type { SqlExecutor } from '@corridor/event-store';
import type { CertificateComponentResult, CertificateRecognition, CertificateRowStatus } from '@corridor/projections';
import type { LevelCode } from '@corridor/domain';

export interface CertificateRecord {
  certificateNumber: string;
  applicationId: string;
  candidate: { id: string; fullName: string; nationality: string; language: string };
  standard: { code: string; titleEn: string; titleZh: string; iscoCode: string };
  level: LevelCode;
  schemeVersion: number;
  results: CertificateComponentResult[];
  recognitions: CertificateRecognition[];
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  status: CertificateRowStatus;
  statusReason: string | null;
  statusChangedAt: string | null;
  credentialId: string;
  identitySalt: string;
  statusSlot: { listId: string; index: number };
  /** The credential as issued (CredentialIssued), once recorded. */
  issuedCredential: { jws: string; sha256: string; kid: string } | null;
}

interface Row {
  certificate_number: string;
  application_id: string;
  candidate_id: string;
  candidate_name: string;
  nationality: string;
  language: string;
  standard_code: string;
  standard_title_en: string;
  standard_title_zh: string;
  isco_code: string;
  level: LevelCode;
  scheme_version: number;
  results: CertificateComponentResult[];
  recognitions: CertificateRecognition[];
  valid_from: Date | string;
  valid_until: Date | string;
  issued_at: Date | string;
  status: CertificateRowStatus;
  status_reason: string | null;
  status_changed_at: Date | string | null;
  credential_id: string;
  identity_salt: string;
  status_list_id: string;
  status_index: number;
  credential_jws: string | null;
  credential_sha256: string | null;
  credential_kid: string | null;
}

const iso = (v: Date | string): string => new Date(v).toISOString();

/** Certificate numbers as the domain mints them; anything else cannot be in the table. */
export const CERTIFICATE_NUMBER = /^CN-\d{4}-[0-9A-F]{12}$/;

export class CertificatesReadModel {
  constructor(private readonly db: SqlExecutor) {}

  /** A certificate the candidate holds for the standard at the level: not revoked and not expired (a suspension is reversible, so it still counts). */
  async heldBy(candidateId: string, standardCode: string, level: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ certificate_number: string }>(
      `SELECT certificate_number FROM certificates
        WHERE candidate_id = $1 AND standard_code = $2 AND level = $3 AND status <> 'revoked' AND valid_until > now()
        ORDER BY valid_until DESC LIMIT 1`,
      [candidateId, standardCode, level],
    );
    return rows[0]?.certificate_number;
  }

  async get(certificateNumber: string): Promise<CertificateRecord | undefined> {
    if (!CERTIFICATE_NUMBER.test(certificateNumber)) return undefined;
    const { rows } = await this.db.query<Row>(`SELECT * FROM certificates WHERE certificate_number = $1`, [certificateNumber]);
    const r = rows[0];
    if (!r) return undefined;
    return {
      certificateNumber: r.certificate_number,
      applicationId: r.application_id,
      candidate: { id: r.candidate_id, fullName: r.candidate_name, nationality: r.nationality, language: r.language },
      standard: { code: r.standard_code, titleEn: r.standard_title_en, titleZh: r.standard_title_zh, iscoCode: r.isco_code },
      level: r.level,
      schemeVersion: r.scheme_version,
      results: r.results,
      recognitions: r.recognitions,
      validFrom: iso(r.valid_from),
      validUntil: iso(r.valid_until),
      issuedAt: iso(r.issued_at),
      status: r.status,
      statusReason: r.status_reason,
      statusChangedAt: r.status_changed_at ? iso(r.status_changed_at) : null,
      credentialId: r.credential_id,
      identitySalt: r.identity_salt,
      statusSlot: { listId: r.status_list_id, index: Number(r.status_index) },
      issuedCredential:
        r.credential_jws && r.credential_sha256
          ? { jws: r.credential_jws, sha256: r.credential_sha256, kid: r.credential_kid ?? '' }
          : null,
    };
  }

  /** Whether any certificate holds a slot in the list (unknown lists are 404, not empty lists). */
  async listExists(listId: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM certificate_status_slots WHERE list_id = $1 LIMIT 1`, [listId]);
    return rows.length > 0;
  }

  /** Slots of the list whose certificates are currently in the given status. */
  async indexesWithStatus(listId: string, status: Exclude<CertificateRowStatus, 'active'>): Promise<number[]> {
    const { rows } = await this.db.query<{ status_index: number }>(
      `SELECT status_index FROM certificates WHERE status_list_id = $1 AND status = $2 ORDER BY status_index`,
      [listId, status],
    );
    return rows.map((r) => Number(r.status_index));
  }
}
