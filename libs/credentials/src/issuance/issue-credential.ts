import { randomUUID } from 'node:crypto';
import { CertificateFacts } from '../facts/certificate-facts';
import { IssuerConfig } from '../issuer-config';
import { signVcJwt } from '../jws/vc-jwt';
import type { KeyRing } from '../keys/key-ring';
import type { StatusSlot } from '../status/status-index-allocation';
import { buildOpenBadgeCredential } from './build-credential';
import type { OpenBadgeCredential } from './open-badge-types';

export interface IssueContext {
  config: IssuerConfig;
  keyRing: KeyRing;
  /** Reserved beforehand (see `reserveStatusSlot`) so the slot is stored before the credential exists. */
  statusSlot: StatusSlot;
  /** Defaults to a fresh `urn:uuid:`; pass the id used when reserving the slot to keep them tied. */
  credentialId?: string;
  /** Defaults to 16 random bytes; only tests should pass one. */
  salt?: string;
}

export interface IssuedCredential {
  credential: OpenBadgeCredential;
  /** Compact JWS (VC-JOSE-COSE, `typ: vc+jwt`) whose payload is `credential`. */
  jws: string;
}

export async function issueCredential(facts: CertificateFacts, ctx: IssueContext): Promise<IssuedCredential> {
  // Parse again at the boundary: callers may hand in data that only claims to be facts.
  const checkedFacts = CertificateFacts.parse(facts);
  const config = IssuerConfig.parse(ctx.config);
  if (ctx.credentialId !== undefined && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(ctx.credentialId)) {
    throw new Error(`credential id "${ctx.credentialId}" is not a URI`);
  }
  const credential = buildOpenBadgeCredential({
    facts: checkedFacts,
    config,
    statusSlot: ctx.statusSlot,
    credentialId: ctx.credentialId ?? `urn:uuid:${randomUUID()}`,
    salt: ctx.salt,
  });
  const jws = await signVcJwt(credential, ctx.keyRing);
  return { credential, jws };
}
