import { createPublicKey, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader, type JWSHeaderParameters } from 'jose';
import { activeKey, type KeyRing } from '../keys/key-ring';

/** VC-JOSE-COSE media type for a credential secured as a JWS whose payload is the credential itself. */
export const VC_JWT_TYP = 'vc+jwt';
export const VC_JWT_ALG = 'EdDSA';

/** Anything that can provide verification keys: a published JWKS (public parts) or a full key ring. */
export type VerificationKeys = KeyRing | { keys: readonly unknown[] };

export type VcJwtFailure = 'malformed' | 'unsupported-header' | 'unknown-kid' | 'bad-signature' | 'payload-not-json';

export class VcJwtError extends Error {
  override readonly name = 'VcJwtError';
  constructor(
    readonly reason: VcJwtFailure,
    message: string,
  ) {
    super(message);
  }
}

export async function signVcJwt(payload: object, keyRing: KeyRing): Promise<string> {
  const key = activeKey(keyRing);
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return new CompactSign(bytes).setProtectedHeader({ alg: VC_JWT_ALG, kid: key.kid, typ: VC_JWT_TYP }).sign(key.privateKey);
}

export interface VerifiedVcJwt {
  header: JWSHeaderParameters;
  payload: unknown;
}

/**
 * Verifies with the key named by `kid` only: trying every key would accept a credential whose header
 * lies about which key signed it, and the kid is what makes rotation auditable.
 */
export async function verifyVcJwt(jws: string, keys: VerificationKeys): Promise<VerifiedVcJwt> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws)) {
    throw new VcJwtError('malformed', 'not a compact JWS (three base64url parts)');
  }
  // Base64url's last character can carry unused bits; decoders ignore them, so without this check two
  // different strings would verify as the same JWS. Only the canonical encoding is accepted.
  for (const segment of jws.split('.')) {
    if (Buffer.from(segment, 'base64url').toString('base64url') !== segment) {
      throw new VcJwtError('malformed', 'JWS segment is not canonical base64url');
    }
  }
  let header: JWSHeaderParameters;
  try {
    header = decodeProtectedHeader(jws);
  } catch (error) {
    throw new VcJwtError('malformed', `protected header unreadable: ${(error as Error).message}`);
  }
  if (header.alg !== VC_JWT_ALG) throw new VcJwtError('unsupported-header', `alg must be ${VC_JWT_ALG}, got ${String(header.alg)}`);
  if (header.typ !== VC_JWT_TYP) throw new VcJwtError('unsupported-header', `typ must be ${VC_JWT_TYP}, got ${String(header.typ)}`);
  if (typeof header.kid !== 'string') throw new VcJwtError('unsupported-header', 'kid missing from the protected header');

  const key = verificationKeyMap(keys).get(header.kid);
  if (!key) throw new VcJwtError('unknown-kid', `no verification key with kid "${header.kid}"`);

  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(jws, key, { algorithms: [VC_JWT_ALG] }));
  } catch (error) {
    throw new VcJwtError('bad-signature', `signature check failed: ${(error as Error).message}`);
  }
  try {
    return { header, payload: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes)) as unknown };
  } catch (error) {
    throw new VcJwtError('payload-not-json', `payload is not UTF-8 JSON: ${(error as Error).message}`);
  }
}

/** kid → public key; JWKS entries that are not Ed25519 signing keys are ignored rather than trusted. */
export function verificationKeyMap(keys: VerificationKeys): Map<string, KeyObject> {
  const map = new Map<string, KeyObject>();
  if (isKeyRing(keys)) {
    for (const key of keys.keys) map.set(key.kid, key.publicKey);
    return map;
  }
  for (const entry of keys.keys) {
    if (!entry || typeof entry !== 'object') continue;
    const jwk = entry as Record<string, unknown>;
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.kid !== 'string') continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    map.set(jwk.kid, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }));
  }
  return map;
}

function isKeyRing(keys: VerificationKeys): keys is KeyRing {
  return 'activeKid' in keys;
}
