import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JSONWebKeySet } from 'jose';
import { Principal } from './principal';

export interface TokenSettings {
  issuer: string;
  audience: string;
}

/** AUTH_MAX_TOKEN_LIFETIME's default: a working day; an identity provider's access tokens are far shorter. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/** Clock skew allowed between the token issuer and this API. */
const CLOCK_TOLERANCE_SECONDS = 60;

export class TokenLifetimeError extends Error {
  override readonly name = 'TokenLifetimeError';
}

/**
 * Verifies API bearer tokens (EdDSA JWTs) against a JWKS of trusted public keys. Every token must
 * expire (`exp`) and live at most `maxLifetimeSeconds`: a leaked token without an end, or with a
 * year-long one, would otherwise stay a key to the API.
 */
export class TokenVerifier {
  private readonly keySet: ReturnType<typeof createLocalJWKSet>;
  private readonly maxLifetimeSeconds: number;
  constructor(
    jwks: JSONWebKeySet,
    private readonly settings: TokenSettings & { maxLifetimeSeconds?: number },
  ) {
    this.keySet = createLocalJWKSet(jwks);
    this.maxLifetimeSeconds = settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  }

  async verify(token: string): Promise<Principal> {
    const { payload } = await jwtVerify(token, this.keySet, {
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      algorithms: ['EdDSA'],
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const exp = payload.exp as number;
    const now = Math.floor(Date.now() / 1000);
    // Issued for longer than allowed (iat), or still valid for longer than allowed (no or a false iat).
    const lifetime = Math.max(exp - (payload.iat ?? now), exp - now);
    if (lifetime > this.maxLifetimeSeconds + CLOCK_TOLERANCE_SECONDS)
      throw new TokenLifetimeError(`token lifetime ${lifetime}s exceeds the ${this.maxLifetimeSeconds}s allowed (AUTH_MAX_TOKEN_LIFETIME)`);
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
  expiresIn: string | number = '12h',
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
