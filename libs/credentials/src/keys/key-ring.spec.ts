import { generateKeyPairSync } from 'node:crypto';
import { exportKeyRing, generateDevKeyRing, jwkThumbprint, loadKeyRing, mergeKeyRings, publicJwks, withActiveKey } from './key-ring';

function privateJwk(kid: string): Record<string, unknown> {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return { ...jwk, kid };
}

describe('key ring', () => {
  it('loads a single private JWK from JSON text and signs with it', () => {
    const ring = loadKeyRing({ jwks: JSON.stringify(privateJwk('k1')) });
    expect(ring.activeKid).toBe('k1');
    expect(ring.keys[0]?.privateKey).toBeDefined();
  });

  it('loads a JWKS with an old key kept for verification only', () => {
    const current = privateJwk('2025-06');
    const { d: _dropped, ...retired } = privateJwk('2024-01');
    const ring = loadKeyRing({ jwks: JSON.stringify({ keys: [current, retired] }) });
    expect(ring.activeKid).toBe('2025-06');
    expect(ring.keys.map((k) => [k.kid, Boolean(k.privateKey)])).toEqual([
      ['2025-06', true],
      ['2024-01', false],
    ]);
  });

  it('requires activeKid when several keys can sign, and honours it', () => {
    const jwks = [privateJwk('a'), privateJwk('b')];
    expect(() => loadKeyRing({ jwks })).toThrow(/activeKid/);
    expect(loadKeyRing({ jwks, activeKid: 'b' }).activeKid).toBe('b');
  });

  it('refuses an active key without private part, unknown kids, duplicates and non-Ed25519 keys', () => {
    const { d: _d, ...publicOnly } = privateJwk('pub');
    expect(() => loadKeyRing({ jwks: [publicOnly], activeKid: 'pub' })).toThrow(/no private part/);
    expect(() => loadKeyRing({ jwks: [privateJwk('a')], activeKid: 'zzz' })).toThrow(/not in the key ring/);
    expect(() => loadKeyRing({ jwks: [privateJwk('a'), privateJwk('a')], activeKid: 'a' })).toThrow(/duplicate kid/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    expect(() => loadKeyRing({ jwks: [{ ...ec, kid: 'ec' }] })).toThrow(/not an Ed25519 JWK/);
    expect(() => loadKeyRing({ jwks: '{not json' })).toThrow(/not valid JSON/);
  });

  it('refuses a JWK whose private part belongs to another key pair', () => {
    const a = privateJwk('a');
    const b = privateJwk('b');
    expect(() => loadKeyRing({ jwks: [{ ...a, d: b.d }] })).toThrow(/does not match/);
  });

  it('publishes public parts only', () => {
    const ring = generateDevKeyRing();
    const jwks = publicJwks(ring);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: ring.activeKid, alg: 'EdDSA', use: 'sig' });
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
  });

  it('derives dev kids from the key (RFC 7638) and round-trips through export', () => {
    const ring = generateDevKeyRing();
    const x = ring.keys[0]!.publicJwk.x;
    expect(ring.activeKid).toBe(jwkThumbprint(x));
    const reloaded = loadKeyRing(exportKeyRing(ring));
    expect(reloaded.activeKid).toBe(ring.activeKid);
    expect(publicJwks(reloaded)).toEqual(publicJwks(ring));
  });

  it('rotates: merged rings sign with the new key and keep the old one', () => {
    const oldRing = generateDevKeyRing();
    const newRing = generateDevKeyRing();
    const merged = mergeKeyRings(newRing, oldRing);
    expect(merged.activeKid).toBe(newRing.activeKid);
    expect(publicJwks(merged).keys.map((k) => k.kid)).toEqual([newRing.activeKid, oldRing.activeKid]);
    expect(withActiveKey(merged, oldRing.activeKid).activeKid).toBe(oldRing.activeKid);
  });
});
