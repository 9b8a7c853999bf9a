import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileObSchema, identityHash, issuerProfile, matchesIdentity, OB_SCHEMA_PATH, type OpenBadgeCredential } from '@corridor/credentials';
import { decodeProtectedHeader } from 'jose';
import { sampleFacts, TEST_ISSUER } from './support/fixtures';
import { IssuerHarness } from './support/issuer-harness';

// The official conformance files, copied into the repository (see test/fixtures/conformance/README.md).
const CONFORMANCE_SCHEMA = path.resolve(__dirname, '../fixtures/conformance/ob_v3p0_achievementcredential.schema.json');
const officialSchema = JSON.parse(readFileSync(CONFORMANCE_SCHEMA, 'utf8')) as object;
const validateOfficial = compileObSchema(officialSchema);

function officialErrors(document: unknown): string[] {
  return validateOfficial(document) ? [] : (validateOfficial.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('issued credentials against the official OB 3.0 schema', () => {
  const issuer = new IssuerHarness();

  it('ships a byte-identical copy of the conformance schema', () => {
    expect(readFileSync(OB_SCHEMA_PATH, 'utf8')).toBe(readFileSync(CONFORMANCE_SCHEMA, 'utf8'));
  });

  const variants: [string, ReturnType<typeof sampleFacts>][] = [
    ['the sample certificate', sampleFacts()],
    ['a certificate without recognitions', sampleFacts({ recognitions: [] })],
    [
      'a practical-only certificate at the top level',
      sampleFacts({
        results: [{ component: 'practical', score: 100, passMark: 75, weight: 1 }],
        standard: { ...sampleFacts().standard, level: { code: 'senior-technician', rank: 5, zh: '高级技师', en: 'Senior technician' } },
      }),
    ],
    [
      'a certificate recognised in several countries',
      sampleFacts({
        recognitions: ['KZ', 'RU', 'TH', 'EG'].map((country, i) => ({
          country,
          standardCode: `${country}-7231`,
          standardName: `Standard ${i}`,
          agreementVersion: `${i}.0`,
          status: 'recognised' as const,
        })),
      }),
    ],
  ];

  it.each(variants)('%s validates', async (_label, facts) => {
    const { credential, jws } = await issuer.issue(facts);
    expect(officialErrors(credential)).toEqual([]);
    // The signed payload is what verifiers see; it must be the same document.
    const payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as unknown;
    expect(payload).toEqual(credential);
    expect(officialErrors(payload)).toEqual([]);
  });

  it('the schema check is not vacuous: it rejects a credential missing its achievement criteria', async () => {
    const { credential } = await issuer.issue();
    const broken = structuredClone(credential) as unknown as { credentialSubject: { achievement: Record<string, unknown> } };
    delete broken.credentialSubject.achievement.criteria;
    expect(officialErrors(broken).join()).toMatch(/criteria/);
  });

  it('documents why status entries are not an array: the official schema refuses one', async () => {
    const { credential } = await issuer.issue();
    const asArray = { ...credential, credentialStatus: [credential.credentialStatus, credential.suspensionStatus] };
    expect(officialErrors(asArray)).toEqual(['/credentialStatus must be object']);
  });
});

describe('credential content', () => {
  let credential: OpenBadgeCredential;
  let jws: string;
  let slotIndex: number;
  const facts = sampleFacts();

  beforeAll(async () => {
    const issued = await new IssuerHarness().issue(facts);
    ({ credential, jws } = issued);
    slotIndex = issued.slot.index;
  });

  it('is a VC 2.0 OpenBadgeCredential signed as vc+jwt with EdDSA', () => {
    expect(credential['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const header = decodeProtectedHeader(jws);
    expect(header).toEqual({ alg: 'EdDSA', kid: expect.any(String), typ: 'vc+jwt' });
  });

  it('names the issuer in English and Chinese', () => {
    expect(credential.issuer).toMatchObject({ id: 'https://certs.example.org/issuer', type: ['Profile'] });
    expect(credential.issuer.name).toContain('Belt and Road International Skills Certification Center');
    expect(credential.issuer.name).toContain('一带一路国际技能认证中心');
  });

  it('hides the candidate id behind a salted SHA-256 hash', () => {
    const [identity] = credential.credentialSubject.identifier;
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'identifier', hashed: true });
    expect(identity!.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(identity!.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(credential)).not.toContain(facts.candidate.id);
    expect(JSON.stringify(credential)).not.toContain(facts.candidate.fullName);
    expect(matchesIdentity(identity!, facts.candidate.id)).toBe(true);
    expect(matchesIdentity(identity!, 'cand-kz-0043')).toBe(false);
    expect(identity!.identityHash).not.toBe(identityHash(facts.candidate.id, 'another-salt'));
  });

  it('describes the achievement as a certification aligned to ISCO-08 and fully recognised standards only', () => {
    const { achievement } = credential.credentialSubject;
    expect(achievement.achievementType).toBe('Certification');
    expect(achievement.name).toContain('New Energy Vehicle Maintenance');
    expect(achievement.name).toContain('新能源汽车维修');
    expect(achievement.criteria.narrative).toMatch(/theory examination passed at 60%/);
    expect(achievement.alignment.map((a) => [a.targetFramework, a.targetCode])).toEqual([
      ['ISCO-08', '7231'],
      ['Kazakhstan (KZ) national occupational standards', 'KZ-PS-7231-EV'],
    ]);
    expect(achievement.alignment[0]!.targetUrl).toBe('http://data.europa.eu/esco/isco/C7231');
  });

  it('reports theory and practical scores against their pass marks', () => {
    const { achievement, result } = credential.credentialSubject;
    expect(achievement.resultDescription.map((d) => [d.id.split('#')[1], d.requiredValue, d.resultType])).toEqual([
      ['result-theory', '60', 'Percent'],
      ['result-practical', '70', 'Percent'],
    ]);
    expect(result.map((r) => [r.resultDescription.split('#')[1], r.value])).toEqual([
      ['result-theory', '82.5'],
      ['result-practical', '91'],
    ]);
    expect(result.every((r) => achievement.resultDescription.some((d) => d.id === r.resultDescription))).toBe(true);
  });

  it('carries the validity window and both status entries on the reserved slot', () => {
    expect([credential.validFrom, credential.validUntil, credential.awardedDate]).toEqual([facts.validFrom, facts.validUntil, facts.issuedAt]);
    expect(credential.credentialStatus).toEqual({
      id: `https://certs.example.org/status/revocation/L1#${slotIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(slotIndex),
      statusListCredential: 'https://certs.example.org/status/revocation/L1',
    });
    expect(credential.suspensionStatus).toEqual({
      id: `https://certs.example.org/status/suspension/L1#${slotIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'suspension',
      statusListIndex: String(slotIndex),
      statusListCredential: 'https://certs.example.org/status/suspension/L1',
    });
  });

  it('matches the issuer profile document served at the issuer id', () => {
    const document = issuerProfile(TEST_ISSUER);
    expect(document['@context']).toEqual(credential['@context']);
    const { '@context': _context, ...profile } = document;
    expect(profile).toEqual(credential.issuer);
    expect(profile).toEqual({
      id: TEST_ISSUER.issuerId,
      type: ['Profile'],
      name: 'Belt and Road International Skills Certification Center · 一带一路国际技能认证中心',
      url: TEST_ISSUER.url,
      email: TEST_ISSUER.email,
    });
  });

  it('refuses to issue from facts that do not parse', async () => {
    await expect(new IssuerHarness().issue({ ...facts, standard: { ...facts.standard, iscoCode: 'x' } })).rejects.toThrow(/ISCO/);
  });
});
