import { Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { EventValidationError, StreamNotFoundError, type RecordedEvent, type VerifyResult } from '@corridor/event-store';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { CheckpointService } from './checkpoints/checkpoint.service';
import type { LatestCheckpointCheck } from './checkpoints/verify-since';
import { replayApplicationState, type ReplayedApplication } from './application-replay';
import { toAuditEvent, type AuditEvent } from './event-export';
import { CertificatesReadModel } from '../certificates/certificates.read-model';
import { readCertificateRecord, sha256Hex, type CertificateRecordView } from '../certificates/credential-record';

export interface StreamEventsPage {
  stream: string;
  /** The stream's current version. */
  version: number;
  from: number;
  limit: number;
  events: AuditEvent[];
  /** `from` for the next page, null when this page reached the end of the stream. */
  nextFrom: number | null;
}

export interface AuditedCertificate extends CertificateRecordView {
  /** The credential the API serves now (from the read model), checked against the last one recorded. */
  served: { sha256: string | null; matchesRecorded: boolean };
}

/** Read-only access to the event store for auditors: pages of events, replays, verification, exports. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
    private readonly checkpoints: CheckpointService,
  ) {}

  async certificateRecord(certificateNumber: string): Promise<AuditedCertificate> {
    const record = await readCertificateRecord(this.store, certificateNumber);
    if (!record) throw new NotFoundException(`no certificate ${certificateNumber}`);
    const served = await new CertificatesReadModel(this.runtime.db).get(certificateNumber);
    const servedSha = served?.issuedCredential ? sha256Hex(served.issuedCredential.jws) : null;
    const last = record.credentials.at(-1);
    return { ...record, served: { sha256: servedSha, matchesRecorded: !!last && servedSha === last.sha256 } };
  }

  private get store() {
    return this.runtime.store;
  }

  async events(stream: string, from: number, limit: number): Promise<StreamEventsPage> {
    return this.guard(async () => {
      const events: AuditEvent[] = [];
      let more = false;
      // One more than asked tells whether another page exists without a second query.
      for await (const e of this.store.readStream(stream, { from, limit: limit + 1 })) {
        if (events.length === limit) {
          more = true;
          break;
        }
        events.push(toAuditEvent(e));
      }
      const info = await this.store.streamInfo(stream);
      if (!info) throw new StreamNotFoundError(stream);
      const last = events[events.length - 1];
      return { stream, version: info.version, from, limit, events, nextFrom: more && last ? last.version + 1 : null };
    });
  }

  applicationState(applicationId: string, options: { asOfVersion?: number; asOf?: Date }): Promise<ReplayedApplication> {
    return this.guard(() => replayApplicationState(this.store, applicationId, options), `application ${applicationId} does not exist`);
  }

  verifyStream(stream: string): Promise<VerifyResult> {
    return this.guard(() => this.store.verifyStream(stream));
  }

  /** Every stream's chain, and the log against the latest signed checkpoint (which sees a cut tail). */
  async verifyAll(): Promise<VerifyResult & { checkpoint?: LatestCheckpointCheck }> {
    const result = await this.store.verifyAll();
    const checkpoint = await this.checkpoints.checkLatest();
    if (!checkpoint) return result;
    return { ...result, ok: result.ok && checkpoint.extends, checkpoint };
  }

  /** Resolves when the stream exists; 404 otherwise (checked before an export starts writing). */
  async assertStream(stream: string): Promise<void> {
    if (!(await this.store.streamInfo(stream))) throw new NotFoundException(`stream ${stream} does not exist`);
  }

  readStream(stream: string): AsyncIterable<RecordedEvent> {
    return this.store.readStream(stream);
  }

  private async guard<T>(run: () => Promise<T>, notFound?: string): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toAuditHttpError(error, notFound);
    }
  }
}

export function toAuditHttpError(error: unknown, notFound?: string): unknown {
  if (error instanceof StreamNotFoundError) return new NotFoundException(notFound ?? `stream ${error.stream} does not exist`);
  if (error instanceof EventValidationError)
    // A stored event that no longer decodes: the store holds something the domain never wrote.
    return new UnprocessableEntityException({
      type: 'problem',
      title: 'stored event does not decode',
      detail: `${error.message}; run the stream's verification to find the first broken version`,
    });
  return error;
}
