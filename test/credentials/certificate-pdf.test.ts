import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicJwks, renderCertificatePdf, UnsupportedScriptError, verifyCredential } from '@corridor/credentials';
import { sampleFacts } from './support/fixtures';
import { IssuerHarness } from './support/issuer-harness';
import { decodePageQr, pdfText, poppler } from './support/poppler';

const VERIFICATION_URL = 'https://certs.example.org/verify/BRISC-2025-000123?lang=kk';
const ISSUER_NAME = { en: 'Belt and Road International Skills Certification Center', zh: '一带一路国际技能认证中心' };
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('certificate PDF', () => {
  const issuer = new IssuerHarness();
  const facts = sampleFacts();
  let dir: string;
  let jws: string;
  let pdfPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'corridor-pdf-'));
    ({ jws } = await issuer.issue(facts));
    const pdf = await renderCertificatePdf(facts, { verificationUrl: VERIFICATION_URL, jws, language: 'kk', issuerName: ISSUER_NAME });
    pdfPath = path.join(dir, 'certificate.pdf');
    await writeFile(pdfPath, pdf);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the Chinese and English standard titles, the certificate number and the candidate language', () => {
    const text = squash(pdfText(pdfPath));
    expect(text).toContain(facts.standard.titleZh);
    expect(text).toContain(facts.standard.titleEn);
    expect(text).toContain(facts.certificateNumber);
    expect(text).toContain(facts.candidate.fullName);
    expect(text).toContain('高级工');
    expect(text).toContain('Senior worker');
    expect(text).toContain('Халықаралық кәсіби біліктілік сертификаты');
    expect(text).toContain('Жоғары деңгейдегі жұмысшы');
    expect(text).toContain('哈萨克斯坦 · Kazakhstan · Қазақстан');
    expect(text).toContain('82.5/100');
  });

  it('has a QR code that decodes to the verification URL (not the credential)', async () => {
    expect(decodePageQr(pdfPath, path.join(dir, 'page'))).toBe(VERIFICATION_URL);
    expect(await readdir(dir)).toContain('page.png');
  });

  it('embeds the credential as credential.jwt, which verifies after extraction', async () => {
    const out = path.join(dir, 'detached');
    await mkdir(out);
    expect(poppler('pdfdetach', ['-list', pdfPath])).toContain('credential.jwt');
    poppler('pdfdetach', ['-saveall', '-o', out, pdfPath]);
    expect(await readdir(out)).toEqual(['credential.jwt']);
    const extracted = await readFile(path.join(out, 'credential.jwt'), 'utf8');
    expect(extracted).toBe(jws);
    const verdict = await verifyCredential(extracted, { keys: publicJwks(issuer.keyRing), now: new Date('2026-01-15T12:00:00Z') });
    expect(verdict).toMatchObject({ valid: true, status: 'valid' });
  });

  it.each([
    ['ru', 'Международный сертификат профессиональной квалификации'],
    ['ar', 'BRISC-2025-000123'],
    ['fr', 'Certificat international de compétences professionnelles'],
  ])('renders the %s edition with the titles in Chinese and English', async (language, expected) => {
    const pdf = await renderCertificatePdf(facts, { verificationUrl: VERIFICATION_URL, jws, language });
    const file = path.join(dir, `certificate-${language}.pdf`);
    await writeFile(file, pdf);
    const text = squash(pdfText(file));
    expect(text).toContain(expected);
    expect(text).toContain(facts.standard.titleZh);
    expect(text).toContain('International Vocational Skills Certificate');
  });

  it('prints Chinese and English only when the language has no wording, and refuses undrawable names', async () => {
    const pdf = await renderCertificatePdf(facts, { verificationUrl: VERIFICATION_URL, jws, language: 'sw' });
    const file = path.join(dir, 'certificate-sw.pdf');
    await writeFile(file, pdf);
    const text = squash(pdfText(file));
    expect(text).toContain('国籍 · Nationality: 哈萨克斯坦 · Kazakhstan');
    // Thai and the other scripts of the centre's candidates print (certificate-scripts.test.ts); a
    // script no installed font has (Egyptian hieroglyphs here) is refused rather than drawn as empty boxes.
    const hieroglyphs = { ...facts, candidate: { ...facts.candidate, fullName: 'Ra 𓂀' } };
    await expect(renderCertificatePdf(hieroglyphs, { verificationUrl: VERIFICATION_URL, jws })).rejects.toThrow(UnsupportedScriptError);
  });
});
