import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import {
  BitstringStatusList,
  compileObSchema,
  validateAgainstObSchema,
  verifyCredential,
  type OpenBadgeCredential,
  type PublicJwks,
  type StatusListInputs,
  type VerificationVerdict,
} from '@corridor/credentials';
import { certificatesProjection, rebuildProjections } from '@corridor/projections';
import { startHarness, type Harness } from '../support/corridor-harness';
import { Lifecycle } from '../support/lifecycle';

// The official conformance files, copied into the repository (see test/fixtures/conformance/README.md).
const CONFORMANCE_SCHEMA = path.resolve(__dirname, '../fixtures/conformance/ob_v3p0_achievementcredential.schema.json');
const validateOfficial = compileObSchema(JSON.parse(readFileSync(CONFORMANCE_SCHEMA, 'utf8')) as object);

let h: Harness;
let life: Lifecycle;
let certificateNumber: string;

beforeAll(async () => {
  h = await startHarness('certs');
  life = new Lifecycle(h);
  const { applicationId: id } = await life.register('KZ-200001');
  await life.approve(id);
  await life.exemptFully(id);
  const sessionId = await life.book(id);
  await life.result(id, sessionId, 82, 88);
  const granted = await life.grant(id);
  certificateNumber = (granted.body as { certificateNumber: string }).certificateNumber;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const pathOf = (url: string): string => new URL(url).pathname;

/** The JWS endpoints answer with application/vc+jwt, which supertest would not buffer as text by itself. */
const getText = (url: string) => request(h.http).get(url).buffer(true).parse(textParser).expect(200);

async function fetchCredential(number = certificateNumber): Promise<string> {
  const res = await getText(`/certificates/${number}/credential`);
  expect(res.headers['content-type']).toBe('application/vc+jwt');
  return res.body as string;
}

const payloadOf = (jws: string): OpenBadgeCredential =>
  JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as OpenBadgeCredential;

/**
 * Verifies the way an outside verifier would: the published JWKS and the status lists the credential
 * names (`listsFrom`: a genuine credential, when `jws` is a tampered one whose payload may not parse).
 */
async function verifyOverHttp(jws: string, listsFrom: string = jws): Promise<VerificationVerdict> {
  const jwks = (await request(h.http).get('/.well-known/jwks.json').expect(200)).body as PublicJwks;
  const payload = payloadOf(listsFrom);
  const statusLists: StatusListInputs = {};
  for (const entry of [payload.credentialStatus, payload.suspensionStatus]) {
    const res = await getText(pathOf(entry.statusListCredential));
    statusLists[entry.statusPurpose] = { jws: res.body as string, fetchedAt: new Date().toISOString() };
  }
  return verifyCredential(jws, { keys: jwks, statusLists });
}

/** Supertest hands parsers the raw response stream (typed as its own Response). */
function textParser(res: request.Response, done: (err: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
}

async function verdictBecomes(status: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(h.http).get(`/verify/${certificateNumber}`).expect(200);
    if (res.body.status === status || Date.now() > deadline) return res.body as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const lifecycleAction = {
  CertificateSuspended: 'suspension',
  CertificateReinstated: 'reinstatement',
  CertificateRevoked: 'revocation',
} as const;

/** Changes the certificate through its officers' API (the certificate workflow records the event). */
async function certificateEvent(
  type: keyof typeof lifecycleAction,
  body: Record<string, string>,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    // The certificate workflow starts right after the decision: allow it a moment to exist.
    const res = await request(h.http)
      .post(`/certificates/${certificateNumber}/${lifecycleAction[type]}`)
      .set('authorization', `Bearer ${h.tokens.officerB}`)
      .send(body);
    if (res.status === 200) return;
    if (res.status !== 404 || Date.now() > deadline)
      throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('certificates as verifiable credentials', () => {
  it('serves a signed OB 3.0 credential that passes the official schema and verifies against the published JWKS', async () => {
    expect(certificateNumber).toMatch(/^CN-\d{4}-[0-9A-F]{12}$/);
    const jws = await fetchCredential();
    expect(jws).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const credential = payloadOf(jws);

    expect(validateAgainstObSchema(credential)).toEqual({ valid: true, errors: [] });
    expect(validateOfficial(credential)).toBe(true);
    expect(credential.description).toContain(certificateNumber);
    expect(credential.credentialSubject.achievement.humanCode).toBe('BR-AUTO-MECH');
    expect(credential.credentialSubject.result.map((r) => r.value).sort()).toEqual(['82', '88']);
    // The candidate appears only as a salted hash.
    expect(JSON.stringify(credential)).not.toContain('KZ-200001');
    expect(JSON.stringify(credential)).not.toContain('Aigerim');

    const issuer = (await request(h.http).get('/issuer').expect(200)).body as { id: string; type: string[] };
    expect(issuer.id).toBe(credential.issuer.id);
    expect(issuer.type).toEqual(['Profile']);

    const verdict = await verifyOverHttp(jws);
    expect(verdict.errors).toEqual([]);
    expect(verdict).toMatchObject({
      valid: true,
      status: 'valid',
      checks: { signature: 'passed', schema: 'passed', revocation: 'passed', suspension: 'passed' },
    });

    // Same inputs, deterministic signature: the credential is the same bytes on every request.
    expect(await fetchCredential()).toBe(jws);
  });

  it('says valid on /verify as JSON, and as a page for browsers', async () => {
    const json = await request(h.http).get(`/verify/${certificateNumber}`).expect(200);
    expect(json.headers['content-type']).toMatch(/application\/json/);
    expect(json.body).toMatchObject({ certificateNumber, valid: true, status: 'valid', errors: [] });

    const page = await request(h.http)
      .get(`/verify/${certificateNumber}`)
      .set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
      .expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('data-status="valid"');
    expect(page.text).toContain(certificateNumber);
  });

  it('fails verification when one byte of the JWS changes', async () => {
    const jws = await fetchCredential();
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const at = Math.floor(payload.length / 2);
    const flipped = payload[at] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload.slice(0, at)}${flipped}${payload.slice(at + 1)}.${signature}`;
    expect(tampered).not.toBe(jws);
    const verdict = await verifyOverHttp(tampered, jws);
    expect(verdict).toMatchObject({ valid: false, status: 'invalid-signature' });
    expect(verdict.credential).toBeUndefined();
  });

  it('answers 404 problem+json for unknown certificates and status lists', async () => {
    for (const url of [
      '/verify/CN-2025-000000000000',
      '/certificates/CN-2025-000000000000/credential',
      '/verify/not-a-number',
      '/status-lists/revocation/999',
      '/status-lists/whatever/1',
    ]) {
      const res = await request(h.http).get(url);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('flips the status bits on suspension, reinstatement and revocation', async () => {
    const jws = await fetchCredential();
    const credential = payloadOf(jws);
    const index = Number(credential.suspensionStatus.statusListIndex);

    await certificateEvent('CertificateSuspended', { reason: 'complaint under investigation' });
    expect(await verdictBecomes('suspended')).toMatchObject({ valid: false, status: 'suspended' });
    const suspensionList = await getText(pathOf(credential.suspensionStatus.statusListCredential));
    const listPayload = JSON.parse(
      Buffer.from((suspensionList.body as string).split('.')[1]!, 'base64url').toString('utf8'),
    ) as { credentialSubject: { encodedList: string } };
    expect(BitstringStatusList.decode(listPayload.credentialSubject.encodedList).setIndexes()).toContain(
      index,
    );
    expect(await verifyOverHttp(jws)).toMatchObject({ status: 'suspended' });

    await certificateEvent('CertificateReinstated', { note: 'complaint dismissed' });
    expect(await verdictBecomes('valid')).toMatchObject({ valid: true, status: 'valid' });

    await certificateEvent('CertificateRevoked', { reason: 'fraudulent assessment evidence' });
    expect(await verdictBecomes('revoked')).toMatchObject({ valid: false, status: 'revoked' });
    expect(await verifyOverHttp(jws)).toMatchObject({
      status: 'revoked',
      checks: { revocation: 'revoked', suspension: 'passed' },
    });
  });

  it('rebuilds to identical tables (status slots included)', async () => {
    const dump = async () => {
      const out: unknown[] = [];
      for (const [table, order] of [
        ['certificates', 'certificate_number'],
        ['certificate_status_slots', 'list_id, status_index'],
        ['certificate_applications', 'application_id'],
      ]) {
        out.push((await h.db.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows);
      }
      return JSON.stringify(out);
    };
    const before = await dump();
    expect(before).toContain(certificateNumber);
    const quiet = new Writable({ write: (_chunk, _enc, cb) => cb() });
    await rebuildProjections({
      store: h.store,
      db: h.db,
      projections: [certificatesProjection],
      name: 'certificates',
      out: quiet,
    });
    expect(await dump()).toBe(before);
    expect(await fetchCredential()).toBeTruthy();
  });
});
