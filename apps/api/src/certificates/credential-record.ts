import { createHash } from 'node:crypto';
import type { EventStore } from '@corridor/event-store';
import type { CertificateEvent } from '@corridor/domain';
import { certificateStream } from '../../../../workflows/src/public';

type Issued = Extract<CertificateEvent, { type: 'CredentialIssued' }>['data'];

export interface RecordedCredential {
  version: number;
  position: number;
  at: string;
  credentialId: string;
  kid: string;
  sha256: string;
  validFrom: string;
  validUntil: string;
  jws: string;
}

export interface CertificateHistoryEntry {
  version: number;
  type: string;
  at: string;
  by?: { id: string; role: string };
  reason?: string;
  validUntil?: string;
}

/** What a certificate's own stream says was issued, and everything that happened to it since. */
export interface CertificateRecordView {
  certificateNumber: string;
  credentials: RecordedCredential[];
  history: CertificateHistoryEntry[];
}

export const sha256Hex = (jws: string): string => createHash('sha256').update(jws, 'ascii').digest('hex');

/** Reads the certificate stream from the event store (never the read model): the record of issuance. */
export async function readCertificateRecord(store: EventStore, certificateNumber: string): Promise<CertificateRecordView | undefined> {
  const stream = certificateStream(certificateNumber);
  if (!(await store.streamInfo(stream))) return undefined;
  const credentials: RecordedCredential[] = [];
  const history: CertificateHistoryEntry[] = [];
  for await (const event of store.readStream(stream)) {
    const data = event.data as Partial<Issued> & { at?: string; by?: { id: string; role: string }; reason?: string; note?: string; validUntil?: string };
    if (event.type === 'CredentialIssued') {
      const d = data as Issued;
      credentials.push({
        version: event.version,
        position: event.position,
        at: d.at,
        credentialId: d.credentialId,
        kid: d.kid,
        sha256: d.sha256,
        validFrom: d.validFrom,
        validUntil: d.validUntil,
        jws: d.jws,
      });
    }
    history.push({
      version: event.version,
      type: event.type,
      at: data.at ?? event.recordedAt.toISOString(),
      ...(data.by ? { by: { id: data.by.id, role: data.by.role } } : {}),
      ...(data.reason ?? data.note ? { reason: data.reason ?? data.note } : {}),
      ...(data.validUntil ? { validUntil: data.validUntil } : {}),
    });
  }
  return { certificateNumber, credentials, history };
}
