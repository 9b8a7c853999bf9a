import { IssuerConfig } from '../issuer-config';
import { signVcJwt } from '../jws/vc-jwt';
import type { KeyRing } from '../keys/key-ring';
import { VC_V2_CONTEXT, type BitstringStatusListCredential, type StatusPurpose } from '../issuance/open-badge-types';
import type { BitstringStatusList } from './bitstring-status-list';
import { statusListUrl } from './credential-status-layout';

export interface StatusListCredentialInput {
  config: IssuerConfig;
  keyRing: KeyRing;
  purpose: StatusPurpose;
  listId: string;
  list: BitstringStatusList;
  /** When this snapshot of the list was taken; verifiers report status "as of" it. */
  validFrom: string;
  validUntil?: string;
  /** How long (ms) verifiers may cache the list before fetching it again. */
  ttlMs?: number;
}

/** Builds and signs one purpose's status list; republished whenever a bit changes. */
export async function statusListCredential(
  input: StatusListCredentialInput,
): Promise<{ credential: BitstringStatusListCredential; jws: string }> {
  const config = IssuerConfig.parse(input.config);
  const url = statusListUrl(config, input.purpose, input.listId);
  const credential: BitstringStatusListCredential = {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: config.issuerId,
    validFrom: input.validFrom,
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.list.encode(),
      ...(input.ttlMs !== undefined ? { ttl: input.ttlMs } : {}),
    },
  };
  return { credential, jws: await signVcJwt(credential, input.keyRing) };
}
