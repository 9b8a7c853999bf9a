import { ApplicationFailure } from '@temporalio/activity';
import { decodeProtectedHeader } from 'jose';
import { issueCredential, type IssuerConfig, type KeyRing } from '@corridor/credentials';
import type { SqlExecutor } from '@corridor/event-store';
import { CertificatesReadModel } from '../../../api/src/certificates/certificates.read-model';
import { factsOf } from '../../../api/src/certificates/credential-facts';
import { sha256Hex } from '../../../api/src/certificates/credential-record';
import type { SignedCredentialRecord } from '../../../../workflows/src/public';

export interface CredentialSigning {
  db: SqlExecutor;
  issuer: IssuerConfig;
  keyRing: () => Promise<KeyRing>;
}

/**
 * Signs a certificate's credential from the certificates read model (credential id, identity salt,
 * status slot and the facts gathered from the application). The workflow records the result as
 * CredentialIssued, so what was issued is on the record and served byte for byte from then on.
 */
export function signCredentialActivity(deps: CredentialSigning) {
  const readModel = new CertificatesReadModel(deps.db);
  return async function signCredential(input: {
    certificateNumber: string;
    validUntil: string;
  }): Promise<SignedCredentialRecord> {
    const record = await readModel.get(input.certificateNumber);
    // Retryable: the projection has not reached this certificate (or its renewal) yet.
    if (!record || Date.parse(record.validUntil) !== Date.parse(input.validUntil))
      throw ApplicationFailure.retryable(
        `certificate ${input.certificateNumber} valid until ${input.validUntil} is not in the read model yet`,
        'read-model-pending',
      );
    const { jws } = await issueCredential(factsOf(record), {
      config: deps.issuer,
      keyRing: await deps.keyRing(),
      statusSlot: record.statusSlot,
      credentialId: record.credentialId,
      salt: record.identitySalt,
    });
    const { kid } = decodeProtectedHeader(jws);
    return {
      certificateNumber: record.certificateNumber,
      credentialId: record.credentialId,
      format: 'vc+jwt',
      kid: kid ?? '',
      sha256: sha256Hex(jws),
      jws,
      statusSlot: record.statusSlot,
      validFrom: record.validFrom,
      validUntil: record.validUntil,
    };
  };
}
