import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** Only Ed25519 is accepted: the credentials are signed `EdDSA` and verifiers pin that algorithm. */
const Ed25519Jwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'x: 32 bytes, base64url'),
  d: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'd: 32 bytes, base64url')
    .optional(),
  kid: z.string().min(1),
  alg: z.literal('EdDSA').optional(),
  use: z.literal('sig').optional(),
});
type Ed25519Jwk = z.infer<typeof Ed25519Jwk>;

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface PublicJwks {
  keys: PublicJwk[];
}

export interface RingKey {
  readonly kid: string;
  readonly publicJwk: PublicJwk;
  readonly publicKey: KeyObject;
  /** Absent for retired keys whose private half has been destroyed; they still verify old credentials. */
  readonly privateKey?: KeyObject;
}

export interface KeyRing {
  /** The key that signs new credentials and status lists. */
  readonly activeKid: string;
  readonly keys: readonly RingKey[];
}

export interface KeyRingConfig {
  /** A JWK, an array of JWKs or a JWKS `{ keys: [...] }`, as an object or as JSON text (e.g. from an env variable). */
  jwks: unknown;
  /** Required when more than one key can sign: rotation is an explicit decision, never a guess. */
  activeKid?: string;
}

export class KeyRingError extends Error {
  override readonly name = 'KeyRingError';
}

export function loadKeyRing(config: KeyRingConfig): KeyRing {
  const raw: unknown = typeof config.jwks === 'string' ? parseJson(config.jwks) : config.jwks;
  const list = toJwkList(raw);
  if (list.length === 0) throw new KeyRingError('the key ring configuration holds no keys');
  const keys = list.map((candidate, i) => toRingKey(candidate, i));
  const kids = keys.map((k) => k.kid);
  const duplicate = kids.find((kid, i) => kids.indexOf(kid) !== i);
  if (duplicate) throw new KeyRingError(`duplicate kid "${duplicate}" in the key ring`);

  const signers = keys.filter((k) => k.privateKey);
  let activeKid = config.activeKid;
  if (!activeKid) {
    if (signers.length !== 1) {
      throw new KeyRingError(`${signers.length} private keys configured: name the signing key with activeKid`);
    }
    activeKid = signers[0]!.kid;
  }
  const active = keys.find((k) => k.kid === activeKid);
  if (!active) throw new KeyRingError(`activeKid "${activeKid}" is not in the key ring`);
  if (!active.privateKey) throw new KeyRingError(`activeKid "${activeKid}" has no private part ("d")`);
  return { activeKid, keys };
}

/** A fresh single-key ring for development and tests; never configure production with it. */
export function generateDevKeyRing(): KeyRing {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const x = jwk.x ?? '';
  const kid = jwkThumbprint(x);
  return loadKeyRing({ jwks: { keys: [{ ...jwk, kid }] } });
}

/** The published verification keys: the public halves only, so this can be served to anyone. */
export function publicJwks(keyRing: KeyRing): PublicJwks {
  return { keys: keyRing.keys.map((k) => ({ ...k.publicJwk })) };
}

/**
 * Serialises a ring, private parts included, as the JSON `loadKeyRing` reads back (for putting a
 * development ring into an env variable or a secret store).
 */
export function exportKeyRing(keyRing: KeyRing): { activeKid: string; jwks: string } {
  const keys = keyRing.keys.map((k) => {
    if (!k.privateKey) return k.publicJwk;
    const { d } = k.privateKey.export({ format: 'jwk' });
    return { ...k.publicJwk, d };
  });
  return { activeKid: keyRing.activeKid, jwks: JSON.stringify({ keys }) };
}

/** Returns a ring that signs with another key it already holds: the rotation step. */
export function withActiveKey(keyRing: KeyRing, kid: string): KeyRing {
  const key = keyRing.keys.find((k) => k.kid === kid);
  if (!key?.privateKey) throw new KeyRingError(`cannot sign with "${kid}": not in the ring or no private part`);
  return { activeKid: kid, keys: keyRing.keys };
}

/** Merges rings (newest first wins on kid clashes), e.g. to keep a retired key for verification. */
export function mergeKeyRings(active: KeyRing, ...older: KeyRing[]): KeyRing {
  const seen = new Set<string>();
  const keys: RingKey[] = [];
  for (const ring of [active, ...older]) {
    for (const key of ring.keys) {
      if (seen.has(key.kid)) continue;
      seen.add(key.kid);
      keys.push(key);
    }
  }
  return { activeKid: active.activeKid, keys };
}

export function activeKey(keyRing: KeyRing): RingKey & { privateKey: KeyObject } {
  const key = keyRing.keys.find((k) => k.kid === keyRing.activeKid);
  if (!key?.privateKey) throw new KeyRingError(`active key "${keyRing.activeKid}" cannot sign`);
  return { ...key, privateKey: key.privateKey };
}

/** RFC 7638 thumbprint of an Ed25519 key: a kid that is derived from the key, so it cannot be reused by mistake. */
export function jwkThumbprint(x: string): string {
  const canonical = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x });
  return createHash('sha256').update(canonical).digest('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KeyRingError(`key ring configuration is not valid JSON: ${(error as Error).message}`);
  }
}

function toJwkList(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw as unknown[];
  if (raw && typeof raw === 'object' && 'keys' in raw) {
    const { keys } = raw;
    if (Array.isArray(keys)) return keys as unknown[];
  }
  if (raw && typeof raw === 'object') return [raw];
  throw new KeyRingError('key ring configuration must be a JWK, an array of JWKs or a JWKS');
}

function toRingKey(candidate: unknown, position: number): RingKey {
  const parsed = Ed25519Jwk.safeParse(candidate);
  if (!parsed.success) {
    const kid = (candidate as { kid?: unknown } | null)?.kid;
    const where = typeof kid === 'string' ? `key "${kid}"` : `key #${position}`;
    throw new KeyRingError(`${where} is not an Ed25519 JWK with a kid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const jwk: Ed25519Jwk = parsed.data;
  const publicJwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: jwk.kid, alg: 'EdDSA', use: 'sig' };
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  if (!jwk.d) return { kid: jwk.kid, publicJwk, publicKey };

  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, format: 'jwk' });
  // A pasted key whose d and x belong to different pairs would sign credentials nobody can verify.
  const derivedX = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  if (derivedX !== jwk.x) throw new KeyRingError(`key "${jwk.kid}": private part does not match its public x`);
  return { kid: jwk.kid, publicJwk, publicKey, privateKey };
}
