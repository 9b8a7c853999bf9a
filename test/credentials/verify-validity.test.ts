import { publicJwks, signVcJwt, verifyCredential } from '@corridor/credentials';
import { sampleFacts } from './support/fixtures';
import { IssuerHarness } from './support/issuer-harness';

describe('validity period and schema', () => {
  const issuer = new IssuerHarness();
  const facts = sampleFacts({ validFrom: '2025-03-01T00:00:00Z', validUntil: '2028-03-01T00:00:00Z' });
  let jws: string;

  beforeAll(async () => {
    ({ jws } = await issuer.issue(facts));
  });

  it.each([
    ['2025-02-28T23:59:59Z', 'not-yet-valid'],
    ['2025-03-01T00:00:00Z', 'valid'],
    ['2028-02-29T23:59:59Z', 'valid'],
    ['2028-03-01T00:00:00Z', 'expired'],
    ['2031-01-01T00:00:00Z', 'expired'],
  ])('at %s the credential is %s', async (at, status) => {
    const verdict = await verifyCredential(jws, { keys: publicJwks(issuer.keyRing), now: new Date(at) });
    expect(verdict.status).toBe(status);
    expect(verdict.valid).toBe(status === 'valid');
    expect(verdict.checks.signature).toBe('passed');
  });

  it('reports a correctly signed document that is not an OB 3.0 credential as invalid-schema', async () => {
    const notABadge = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], validFrom: '2025-01-01T00:00:00Z' };
    const signed = await signVcJwt(notABadge, issuer.keyRing);
    const verdict = await verifyCredential(signed, { keys: publicJwks(issuer.keyRing), now: new Date('2026-01-01T00:00:00Z') });
    expect(verdict).toMatchObject({ valid: false, status: 'invalid-schema' });
    expect(verdict.checks).toMatchObject({ signature: 'passed', schema: 'failed' });
    expect(verdict.errors.some((e) => e.startsWith('schema:'))).toBe(true);
  });
});
