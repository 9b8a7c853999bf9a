import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JSONWebKeySet } from 'jose';
import { Principal } from './principal';

export interface TokenSettings {
  issuer: string;
  audience: string;
}

/** Verifies API bearer tokens (EdDSA JWTs) against a JWKS of trusted public keys. */
export class TokenVerifier {
  private readonly keySet: ReturnType<typeof createLocalJWKSet>;
  constructor(
    jwks: JSONWebKeySet,
    private readonly settings: TokenSettings,
  ) {
    this.keySet = createLocalJWKSet(jwks);
  }

  async verify(token: string): Promise<Principal> {
    const { payload } = await jwtVerify(token, this.keySet, {
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      algorithms: ['EdDSA'],
    });
    return Principal.parse(payload);
  }
}

export interface SigningKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { privateJwk, publicJwk };
}

/** Issues tokens; used by the development bootstrap and tests (production tokens come from an IdP). */
export async function issueToken(
  key: SigningKey,
  principal: Principal,
  settings: TokenSettings,
  expiresIn = '30d',
): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, 'EdDSA');
  return new SignJWT({ role: principal.role, stationId: principal.stationId, name: principal.name })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.privateJwk.kid })
    .setSubject(principal.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(privateKey);
}
