import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findScheme } from '@corridor/domain';
import { pdfText } from '../credentials/support/poppler';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, evidence, Lifecycle } from '../support/lifecycle';

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

  it('refuses at registration a name the certificate could not print, so nothing unprintable is certified', async () => {
    const body = { candidate: { id: 'EG-700003', fullName: 'Ra 𓂀', nationality: 'EG', language: 'ar' }, standardCode: 'BR-AUTO-MECH', level: 'senior', evidence };
    const res = await life.post('/applications', h.tokens.station, body, 422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'candidate-name-unprintable', codePoint: 'U+13080', errors: [{ path: 'candidate.fullName' }] });
    // Nothing was recorded: the same candidate registers once the name is corrected.
    await life.post('/applications', h.tokens.station, { ...body, candidate: { ...body.candidate, fullName: 'Ra Hotep' } }, 201);
  }, 60_000);
});
