import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findScheme } from '@corridor/domain';
import { pdfText } from '../credentials/support/poppler';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('pdf');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** Supertest hands parsers the raw response stream (typed as its own Response). */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('the certificate PDF', () => {
  it('is served to the officer in Chinese and English with the certificate number, and hidden from other stations', async () => {
    const { applicationId } = await life.register('KZ-700001');
    await life.approve(applicationId);
    await life.exemptFully(applicationId);
    await life.result(applicationId, await life.book(applicationId), 86, 90);
    const number = (await life.grant(applicationId)).body.certificateNumber as string;

    const res = await request(h.http)
      .get(`/certificates/${number}/pdf`)
      .set(auth(h.tokens.officerA))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'corridor-pdf-')), `${number}.pdf`);
    writeFileSync(file, res.body as Buffer);
    const text = pdfText(file);
    const scheme = findScheme('BR-AUTO-MECH', 'senior')!;
    expect(text).toContain(number);
    expect(text).toContain(scheme.occupation.titleZh);
    expect(text).toContain(scheme.occupation.titleEn);

    await request(h.http).get(`/certificates/${number}/pdf`).set(auth(h.tokens.station)).expect(200);
    await request(h.http).get(`/certificates/${number}/pdf`).set(auth(h.tokens.otherStation)).expect(404);
    await request(h.http).get(`/certificates/${number}/pdf`).expect(401);
  }, 60_000);

  /** Certifies a candidate with the given name and language; returns the certificate number. */
  async function certify(candidateId: string, fullName: string, language: string, nationality: string): Promise<string> {
    const { applicationId } = await life.register(candidateId, { candidate: { id: candidateId, fullName, nationality, language } });
    await life.approve(applicationId);
    await life.exemptFully(applicationId);
    await life.result(applicationId, await life.book(applicationId), 86, 90);
    return (await life.grant(applicationId)).body.certificateNumber as string;
  }

  it('prints a certificate for a candidate with a Thai name (it answered 500 before the script fonts)', async () => {
    const number = await certify('TH-700002', 'สมชาย ใจดี', 'th', 'TH');
    const res = await request(h.http).get(`/certificates/${number}/pdf`).set(auth(h.tokens.officerA)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'corridor-pdf-')), `${number}.pdf`);
    writeFileSync(file, res.body as Buffer);
    expect(pdfText(file)).toContain('สมชาย ใจดี');
  }, 60_000);

  it('answers a clear 422 problem, not a 500, for a name in a script no certificate font draws', async () => {
    const number = await certify('EG-700003', 'Ra 𓂀', 'ar', 'EG');
    const res = await request(h.http).get(`/certificates/${number}/pdf`).set(auth(h.tokens.officerA));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'certificate-text-unprintable', codePoint: 'U+13080' });
    // The certificate itself stays issued and verifiable.
    await request(h.http).get(`/verify/${number}`).expect(200);
  }, 60_000);
});
