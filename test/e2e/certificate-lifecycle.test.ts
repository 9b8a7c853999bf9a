import request from 'supertest';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';
import { recordHistory } from '../support/record-history';

// Validity and renewal periods pinned to seconds so expiry, reminder and renewal happen during the test.
process.env.DURATION_OVERRIDES = JSON.stringify({
  certificateValidity: 8,
  renewalReminderLead: 5,
  renewalWindow: 5,
  renewalGrace: 2,
});

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('certlife');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  delete process.env.DURATION_OVERRIDES;
  await h?.close();
});

async function certify(candidateId: string): Promise<string> {
  const { applicationId: id } = await life.register(candidateId);
  await life.approve(id);
  await life.exemptFully(id);
  const session = await life.book(id);
  await life.result(id, session, 80, 85);
  const granted = await life.grant(id);
  return granted.body.certificateNumber as string;
}

async function certificateEvents(
  number: string,
  until: (types: string[]) => boolean,
  timeoutMs = 20_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exists = await h.store.streamInfo(`certificate-${number}`);
    const types = exists ? (await h.streamEvents(`certificate-${number}`)).map((e) => e.type) : [];
    if (until(types)) return types;
    if (Date.now() > deadline) throw new Error(`certificate ${number} events so far: ${types.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('certificate lifecycle in its own workflow', () => {
  it('suspends, reinstates and revokes; revoked is final', async () => {
    const number = await certify('KZ-300001');
    await certificateEvents(number, (t) => t.includes('CredentialIssued'));
    const path = `/certificates/${number}`;
    expect(
      (await life.post(`${path}/suspension`, h.tokens.officerA, { reason: 'complaint under investigation' }))
        .body.status,
    ).toBe('suspended');
    const twice = await life.post(`${path}/suspension`, h.tokens.officerA, { reason: 'again' }, 409);
    expect(twice.body.detail).toMatch(/already suspended/);
    expect(
      (await life.post(`${path}/reinstatement`, h.tokens.officerB, { note: 'complaint unfounded' })).body
        .status,
    ).toBe('active');
    expect(
      (await life.post(`${path}/revocation`, h.tokens.officerA, { reason: 'fraudulent documents' })).body
        .status,
    ).toBe('revoked');
    await life.post(`${path}/reinstatement`, h.tokens.officerA, {}, 409);
    await request(h.http)
      .post(`${path}/suspension`)
      .set(auth(h.tokens.station))
      .send({ reason: 'x' })
      .expect(403);
    const types = await certificateEvents(number, (t) => t.includes('CertificateRevoked'));
    expect(types).toEqual([
      'CertificateActivated',
      'CredentialIssued',
      'CertificateSuspended',
      'CertificateReinstated',
      'CertificateRevoked',
    ]);
  }, 60_000);

  it('reminds before expiry, renews (continuing as new), then expires when not renewed again', async () => {
    const number = await certify('KZ-300002');
    await certificateEvents(number, (t) => t.includes('RenewalReminderSent'));
    const short = await life.post(
      `/certificates/${number}/renewal`,
      h.tokens.officerA,
      { continuingPracticeHours: 10 },
      409,
    );
    expect(short.body.code).toBe('renewal-requirements-unmet');
    const renewed = await life.post(`/certificates/${number}/renewal`, h.tokens.officerA, {
      continuingPracticeHours: 400,
    });
    expect(renewed.body).toMatchObject({ status: 'active', renewals: 1 });
    const types = await certificateEvents(number, (t) => t.includes('CertificateExpired'), 30_000);
    expect(types).toEqual([
      'CertificateActivated',
      'CredentialIssued',
      'RenewalReminderSent',
      'CertificateRenewed',
      'CredentialIssued',
      'RenewalReminderSent',
      'CertificateExpired',
    ]);
    // Each validity period has its own credential on the record, and the API serves the latest.
    const record = await request(h.http).get(`/audit/certificates/${number}/record`).set(auth(h.tokens.auditor)).expect(200);
    const credentials = record.body.credentials as { validUntil: string; sha256: string }[];
    expect(credentials).toHaveLength(2);
    expect(credentials[1]!.validUntil > credentials[0]!.validUntil).toBe(true);
    expect(record.body.served).toEqual({ sha256: credentials[1]!.sha256, matchesRecorded: true });
    const description = await h.temporal.workflow.getHandle(`certificate-${number}`).describe();
    expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);
    const lifecycle = await request(h.http)
      .get(`/certificates/${number}/lifecycle`)
      .set(auth(h.tokens.auditor));
    expect(lifecycle.body.status).toBe('expired');
    await recordHistory(h.temporal, `certificate-${number}`, 'certificate-renewed-then-expired');
  }, 60_000);

  it('rejects a malformed certificate number with 400 and an unknown one with 404', async () => {
    await request(h.http)
      .post('/certificates/nope/suspension')
      .set(auth(h.tokens.officerA))
      .send({ reason: 'x' })
      .expect(400);
    await request(h.http)
      .post('/certificates/CN-2026-000000000000/suspension')
      .set(auth(h.tokens.officerA))
      .send({ reason: 'x' })
      .expect(404);
  });
});
