import { BitstringStatusList, publicJwks, signVcJwt, statusListCredential, verifyCredential, type PublicJwks } from '@corridor/credentials';
import { TEST_ISSUER } from './support/fixtures';
import { IssuerHarness } from './support/issuer-harness';

const NOW = new Date('2026-01-15T12:00:00Z');

describe('status lists', () => {
  let issuer: IssuerHarness;
  let jwks: PublicJwks;
  let jws: string;
  let index: number;
  let neighbourJws: string;

  beforeEach(async () => {
    issuer = new IssuerHarness();
    jwks = publicJwks(issuer.keyRing);
    const issued = await issuer.issue();
    ({ jws } = issued);
    index = issued.slot.index;
    ({ jws: neighbourJws } = await issuer.issue());
  });

  async function verifyWithLists(credential = jws) {
    return verifyCredential(credential, {
      keys: jwks,
      now: NOW,
      statusLists: {
        revocation: { jws: await issuer.publishedList('revocation'), fetchedAt: '2026-01-15T11:00:00Z' },
        suspension: { jws: await issuer.publishedList('suspension'), fetchedAt: '2026-01-15T11:30:00Z' },
      },
    });
  }

  it('is valid with clear bits and says as of when the lists were fetched', async () => {
    const verdict = await verifyWithLists();
    expect(verdict).toMatchObject({ valid: true, status: 'valid', statusAsOf: '2026-01-15T11:00:00Z' });
    expect(verdict.checks).toMatchObject({ revocation: 'passed', suspension: 'passed' });
  });

  it('reports a revoked credential as revoked, and only that one', async () => {
    issuer.lists.revocation.set(index, true);
    const verdict = await verifyWithLists();
    expect(verdict).toMatchObject({ valid: false, status: 'revoked' });
    expect(verdict.checks).toMatchObject({ revocation: 'revoked', suspension: 'passed' });
    expect((await verifyWithLists(neighbourJws)).status).toBe('valid');
  });

  it('reports suspension, and validity again once the suspension bit is cleared', async () => {
    issuer.lists.suspension.set(index, true);
    expect((await verifyWithLists()).status).toBe('suspended');
    issuer.lists.suspension.set(index, false);
    expect((await verifyWithLists()).status).toBe('valid');
  });

  it('ranks revocation above suspension and expiry', async () => {
    issuer.lists.suspension.set(index, true);
    issuer.lists.revocation.set(index, true);
    const verdict = await verifyCredential(jws, {
      keys: jwks,
      now: new Date('2030-01-01T00:00:00Z'),
      statusLists: { revocation: { jws: await issuer.publishedList('revocation') }, suspension: { jws: await issuer.publishedList('suspension') } },
    });
    expect(verdict.status).toBe('revoked');
    expect(verdict.checks).toMatchObject({ revocation: 'revoked', suspension: 'suspended', validityPeriod: 'expired' });
    // Without a fetch time, the list's own issue time is the "as of".
    expect(verdict.statusAsOf).toBe('2025-06-01T00:00:00Z');
  });

  it('accepts a list the caller already decoded, with its fetch time', async () => {
    issuer.lists.suspension.set(index, true);
    const cached = BitstringStatusList.decode(issuer.lists.suspension.encode());
    const verdict = await verifyCredential(jws, { keys: jwks, now: NOW, statusLists: { suspension: { list: cached, fetchedAt: '2026-01-10T08:00:00Z' } } });
    expect(verdict).toMatchObject({ status: 'suspended', statusAsOf: '2026-01-10T08:00:00Z' });
    expect(verdict.checks.revocation).toBe('not-checked');
  });

  it('does not trust a forged, misplaced or expired list', async () => {
    issuer.lists.revocation.set(index, true);
    const genuine = await issuer.publishedList('revocation');
    const [h, p, s] = genuine.split('.') as [string, string, string];
    const doc = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { credentialSubject: { encodedList: string } };
    doc.credentialSubject.encodedList = new BitstringStatusList().encode();
    const forged = [h, Buffer.from(JSON.stringify(doc)).toString('base64url'), s].join('.');

    const suspensionListAsRevocation = await issuer.publishedList('suspension');
    const { jws: otherList } = await statusListCredential({ config: TEST_ISSUER, keyRing: issuer.keyRing, purpose: 'revocation', listId: 'L2', list: new BitstringStatusList(), validFrom: '2025-06-01T00:00:00Z' });
    const { jws: expiredList } = await statusListCredential({
      config: TEST_ISSUER,
      keyRing: issuer.keyRing,
      purpose: 'revocation',
      listId: 'L1',
      list: new BitstringStatusList(),
      validFrom: '2025-06-01T00:00:00Z',
      validUntil: '2025-12-01T00:00:00Z',
    });

    for (const [label, list] of [
      ['forged', forged],
      ['wrong purpose', suspensionListAsRevocation],
      ['other list', otherList],
      ['expired', expiredList],
    ] as const) {
      const verdict = await verifyCredential(jws, { keys: jwks, now: NOW, statusLists: { revocation: { jws: list } } });
      expect([label, verdict.valid, verdict.status, verdict.checks.revocation]).toEqual([label, false, 'status-unknown', 'unknown']);
    }
  });

  it('fails closed when a signed credential carries a status entry it cannot read', async () => {
    const { credential } = await issuer.issue();
    const odd = { ...credential, credentialStatus: { ...credential.credentialStatus, statusListIndex: '-1' } };
    const verdict = await verifyCredential(await signVcJwt(odd, issuer.keyRing), { keys: jwks, now: NOW });
    expect(verdict).toMatchObject({ valid: false, status: 'status-unknown', checks: { signature: 'passed', revocation: 'unknown', suspension: 'unknown' } });
    expect(verdict.errors.join()).toMatch(/malformed BitstringStatusListEntry/);
  });

  it('signs status list credentials in the Bitstring Status List shape', async () => {
    issuer.lists.revocation.set(index, true);
    const { credential } = await statusListCredential({ config: TEST_ISSUER, keyRing: issuer.keyRing, purpose: 'revocation', listId: 'L1', list: issuer.lists.revocation, validFrom: '2025-06-01T00:00:00Z', ttlMs: 300_000 });
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://certs.example.org/status/revocation/L1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: TEST_ISSUER.issuerId,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', ttl: 300_000 },
    });
    expect(BitstringStatusList.decode(credential.credentialSubject.encodedList).setIndexes()).toEqual([index]);
  });
});
