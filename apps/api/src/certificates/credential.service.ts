import { Inject, Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import {
  BitstringStatusList,
  issueCredential,
  issuerProfile,
  publicJwks,
  STATUS_PURPOSES,
  statusListCredential,
  type CertificateFacts,
  type IssuedCredential,
  type IssuerConfig,
  type IssuerProfileDocument,
  type KeyRing,
  type PublicJwks,
  type StatusListInputs,
  type StatusPurpose,
} from '@corridor/credentials';
import { levelOf } from '@corridor/domain';
import { CERTIFICATE_STATUS_LIST_SIZE } from '@corridor/projections';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { CertificatesReadModel, type CertificateRecord } from './certificates.read-model';
import { loadCredentialKeyRing } from './credential-keys';
import { issuerSettings } from './issuer-settings';

/** How long a verifier may cache a status list (spec `ttl`), and how long a snapshot stays valid at all. */
const STATUS_LIST_TTL_MS = 5 * 60_000;
const STATUS_LIST_VALIDITY_MS = 60 * 60_000;

const LIST_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface SignedStatusList {
  jws: string;
  validFrom: string;
}

/**
 * Issues credentials on demand from the certificates read model. The read model fixes every input
 * (credential id, identity salt, status slot, dates) and Ed25519 signatures are deterministic, so a
 * certificate's credential is the same bytes on every request until a key rotation.
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

  async credential(certificateNumber: string): Promise<IssuedCredential & { record: CertificateRecord }> {
    const record = await this.certificate(certificateNumber);
    const issued = await issueCredential(factsOf(record), {
      config: this.issuer,
      keyRing: await this.keyRing(),
      statusSlot: record.statusSlot,
      credentialId: record.credentialId,
      salt: record.identitySalt,
    });
    return { ...issued, record };
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

/** The read-model row in the shape the credentials library issues from. */
export function factsOf(record: CertificateRecord): CertificateFacts {
  const level = levelOf(record.level);
  return {
    certificateNumber: record.certificateNumber,
    candidate: record.candidate,
    standard: {
      code: record.standard.code,
      titleZh: record.standard.titleZh,
      titleEn: record.standard.titleEn,
      iscoCode: record.standard.iscoCode,
      level: { code: level.code, rank: level.rank, zh: level.zh, en: level.en },
    },
    results: record.results,
    recognitions: record.recognitions,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    issuedAt: record.issuedAt,
  };
}
