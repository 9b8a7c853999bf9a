import { generateDevKeyRing, mergeKeyRings, publicJwks, verifyCredential, type PublicJwks } from '@corridor/credentials';
import { IssuerHarness } from './support/issuer-harness';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const NOW = new Date('2026-01-15T12:00:00Z');

/** Replaces one character with another base64url character, so the result still looks like a JWS. */
function withCharReplaced(jws: string, position: number, offset = 1): string {
  const current = jws[position]!;
  const replacement = BASE64URL[(BASE64URL.indexOf(current) + offset) % BASE64URL.length]!;
  return jws.slice(0, position) + replacement + jws.slice(position + 1);
}

describe('signature', () => {
  const issuer = new IssuerHarness();
  let jws: string;
  let jwks: PublicJwks;

  beforeAll(async () => {
    ({ jws } = await issuer.issue());
    jwks = publicJwks(issuer.keyRing);
  });

  it('verifies an untouched credential with the published JWKS', async () => {
    const verdict = await verifyCredential(jws, { keys: jwks, now: NOW });
    expect(verdict).toMatchObject({ valid: true, status: 'valid', errors: [], kid: issuer.keyRing.activeKid });
    expect(verdict.checks).toEqual({ signature: 'passed', schema: 'passed', validityPeriod: 'passed', revocation: 'not-checked', suspension: 'not-checked' });
    expect(verdict.statusAsOf).toBeUndefined();
  });

  it('fails on every single-character change in header, payload and signature', async () => {
    const [header, payload] = jws.split('.') as [string, string, string];
    const signatureStart = header.length + payload.length + 2;
    const positions = [...jws].map((_c, i) => i).filter((i) => jws[i] !== '.');
    // Every position, plus every possible replacement of each segment's last character, where
    // base64url has spare bits that lenient decoders ignore.
    const mutations = positions.map((p) => withCharReplaced(jws, p));
    for (const last of [header.length - 1, header.length + payload.length, jws.length - 1]) {
      for (let offset = 1; offset < BASE64URL.length; offset++) mutations.push(withCharReplaced(jws, last, offset));
    }
    expect(signatureStart).toBeLessThan(jws.length);
    expect(mutations.length).toBeGreaterThan(jws.length);

    const accepted: number[] = [];
    for (const [i, tampered] of mutations.entries()) {
      expect(tampered).not.toBe(jws);
      const verdict = await verifyCredential(tampered, { keys: jwks, now: NOW });
      if (verdict.valid || verdict.status !== 'invalid-signature') accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it('fails on changes that keep the payload decodable (a re-signed payload without the key)', async () => {
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { validUntil: string };
    claims.validUntil = '2099-12-31T23:59:59Z';
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    const verdict = await verifyCredential(forged, { keys: jwks, now: NOW });
    expect(verdict).toMatchObject({ valid: false, status: 'invalid-signature' });
    expect(verdict.credential).toBeUndefined();
  });

  it('fails with a key that is not in the JWKS, and with a structurally broken token', async () => {
    const stranger = publicJwks(generateDevKeyRing());
    expect((await verifyCredential(jws, { keys: stranger, now: NOW })).errors.join()).toMatch(/no verification key with kid/);
    expect((await verifyCredential('not.a-jws', { keys: jwks, now: NOW })).status).toBe('invalid-signature');
    expect((await verifyCredential(`${jws}.extra`, { keys: jwks, now: NOW })).status).toBe('invalid-signature');
  });

  it('refuses a genuine key presented under another kid', async () => {
    const [key] = jwks.keys;
    const renamed: PublicJwks = { keys: [{ ...key!, kid: 'other' }] };
    const verdict = await verifyCredential(jws, { keys: renamed, now: NOW });
    expect(verdict.status).toBe('invalid-signature');
  });
});

describe('key rotation', () => {
  it('keeps old credentials verifiable while the old public key is published, and not after', async () => {
    const oldRing = generateDevKeyRing();
    const issuer = new IssuerHarness(oldRing);
    const { jws: oldCredential } = await issuer.issue();

    // Rotate: a new active key, the old one kept for verification only.
    const newRing = generateDevKeyRing();
    issuer.keyRing = mergeKeyRings(newRing, oldRing);
    const { jws: newCredential } = await issuer.issue();

    const withBoth = publicJwks(issuer.keyRing);
    expect(withBoth.keys).toHaveLength(2);
    expect((await verifyCredential(oldCredential, { keys: withBoth, now: NOW })).status).toBe('valid');
    expect((await verifyCredential(newCredential, { keys: withBoth, now: NOW })).status).toBe('valid');
    expect((await verifyCredential(newCredential, { keys: withBoth, now: NOW })).kid).toBe(newRing.activeKid);

    const oldKeyRemoved: PublicJwks = { keys: withBoth.keys.filter((k) => k.kid !== oldRing.activeKid) };
    const oldVerdict = await verifyCredential(oldCredential, { keys: oldKeyRemoved, now: NOW });
    expect(oldVerdict).toMatchObject({ valid: false, status: 'invalid-signature', kid: oldRing.activeKid });
    expect((await verifyCredential(newCredential, { keys: oldKeyRemoved, now: NOW })).status).toBe('valid');
  });

  it('accepts the key ring itself as the key source', async () => {
    const issuer = new IssuerHarness();
    const { jws } = await issuer.issue();
    expect((await verifyCredential(jws, { keys: issuer.keyRing, now: NOW })).valid).toBe(true);
  });
});
