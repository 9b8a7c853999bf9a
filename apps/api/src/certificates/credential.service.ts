import { Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException, type OnModuleInit } from '@nestjs/common';
import { decodeJwt } from 'jose';
import {
  BitstringStatusList,
  issuerProfile,
  publicJwks,
  STATUS_PURPOSES,
  statusListCredential,
  type IssuedCredential,
  type OpenBadgeCredential,
  type IssuerConfig,
  type IssuerProfileDocument,
  type KeyRing,
  type PublicJwks,
  type StatusListInputs,
  type StatusPurpose,
} from '@corridor/credentials';
import { CERTIFICATE_STATUS_LIST_SIZE } from '@corridor/projections';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { CertificatesReadModel, type CertificateRecord } from './certificates.read-model';
import { loadCredentialKeyRing } from './credential-keys';
import { issuerSettings } from './issuer-settings';
import { factsOf } from './credential-facts';

export { factsOf };

/** How long a verifier may cache a status list (spec `ttl`), and how long a snapshot stays valid at all. */
const STATUS_LIST_TTL_MS = 5 * 60_000;
const STATUS_LIST_VALIDITY_MS = 60 * 60_000;

const LIST_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface SignedStatusList {
  jws: string;
  validFrom: string;
}

/**
 * Serves credentials as recorded at issuance (signed by the worker's signCredential activity and kept in
 * the certificate's history), the keys that verify them and the signed status lists.
 */
@Injectable()
export class CredentialService implements OnModuleInit {
  private readonly logger = new Logger('Credentials');
  private readonly readModel: CertificatesReadModel;
  readonly issuer: IssuerConfig;
  private keyRingPromise?: Promise<KeyRing>;

  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {
    this.readModel = new CertificatesReadModel(runtime.db);
    this.issuer = issuerSettings(runtime.config);
  }

  /** Loads the keys at start-up so a broken CREDENTIAL_SIGNING_JWKS stops the API instead of the first request. */
  async onModuleInit(): Promise<void> {
    await this.keyRing();
  }

  keyRing(): Promise<KeyRing> {
    this.keyRingPromise ??= loadCredentialKeyRing(this.runtime.config).then(({ keyRing, source }) => {
      if (source === 'in-memory') this.logger.warn('data directory not writable: credential keys live only as long as this process');
      if (source !== 'configured') this.logger.log(`development credential key ring (${source}), kid ${keyRing.activeKid}`);
      return keyRing;
    });
    return this.keyRingPromise;
  }

  get store() {
    return this.runtime.store;
  }

  async jwks(): Promise<PublicJwks> {
    return publicJwks(await this.keyRing());
  }

  issuerProfile(): IssuerProfileDocument {
    return issuerProfile(this.issuer);
  }

  async certificate(certificateNumber: string): Promise<CertificateRecord> {
    const record = await this.readModel.get(certificateNumber);
    if (!record) throw new NotFoundException(`no certificate ${certificateNumber}`);
    return record;
  }

  /**
   * The credential exactly as issued: the JWS recorded in the certificate's history (CredentialIssued),
   * never signed again on request. Right after issuance or renewal the recording may still be on its
   * way; wait a moment for it, then say it is pending.
   */
  async credential(certificateNumber: string, waitMs = 10_000): Promise<IssuedCredential & { record: CertificateRecord }> {
    const deadline = Date.now() + waitMs;
    let record = await this.certificate(certificateNumber);
    while (!record.issuedCredential && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      record = await this.certificate(certificateNumber);
    }
    const issued = record.issuedCredential;
    if (!issued)
      throw new ServiceUnavailableException({
        type: 'problem',
        title: 'credential being issued',
        detail: `the credential of ${certificateNumber} is being signed and recorded; try again shortly`,
        code: 'credential-pending',
      });
    return { jws: issued.jws, credential: decodeJwt(issued.jws) as unknown as OpenBadgeCredential, record };
  }

  async statusList(purpose: string, listId: string, now: Date = new Date()): Promise<SignedStatusList> {
    if (!isPurpose(purpose) || !LIST_ID.test(listId) || !(await this.readModel.listExists(listId))) {
      throw new NotFoundException(`no ${purpose} status list ${listId}`);
    }
    const list = new BitstringStatusList(CERTIFICATE_STATUS_LIST_SIZE);
    const indexes = await this.readModel.indexesWithStatus(listId, purpose === 'revocation' ? 'revoked' : 'suspended');
    for (const index of indexes) list.set(index, true);
    // Whole seconds: verifiers compare validFrom with their clock, and sub-second precision only invites skew trouble.
    const from = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const validFrom = from.toISOString();
    const { jws } = await statusListCredential({
      config: this.issuer,
      keyRing: await this.keyRing(),
      purpose,
      listId,
      list,
      validFrom,
      validUntil: new Date(from.getTime() + STATUS_LIST_VALIDITY_MS).toISOString(),
      ttlMs: STATUS_LIST_TTL_MS,
    });
    return { jws, validFrom };
  }

  /** Both current lists for a certificate's slot, in the form `verifyCredential` takes. */
  async statusListsFor(record: CertificateRecord, now: Date = new Date()): Promise<StatusListInputs> {
    const inputs: StatusListInputs = {};
    for (const purpose of STATUS_PURPOSES) {
      const { jws } = await this.statusList(purpose, record.statusSlot.listId, now);
      inputs[purpose] = { jws, fetchedAt: now.toISOString() };
    }
    return inputs;
  }
}

function isPurpose(value: string): value is StatusPurpose {
  return (STATUS_PURPOSES as readonly string[]).includes(value);
}
