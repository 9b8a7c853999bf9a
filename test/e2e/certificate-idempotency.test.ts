import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';
import { recordHistory } from '../support/record-history';

// Validity and renewal periods in seconds, so the renewal window opens during the test.
process.env.DURATION_OVERRIDES = JSON.stringify({ certificateValidity: 8, renewalReminderLead: 5, renewalWindow: 5, renewalGrace: 2 });

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('cert-idem');
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
  return (await life.grant(id)).body.certificateNumber as string;
}

async function certificateTypes(number: string, until: (types: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const types = (await h.store.streamInfo(`certificate-${number}`)) ? (await h.streamEvents(`certificate-${number}`)).map((e) => e.type) : [];
    if (until(types)) return types;
    if (Date.now() > deadline) throw new Error(`certificate ${number} events so far: ${types.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Idempotency-Key on certificate commands across continue-as-new', () => {
  it('a renewal retried after its answer was lost gets the original result from the continued workflow, renewing once', async () => {
    const number = await certify('KZ-310001');
    await certificateTypes(number, (t) => t.includes('RenewalReminderSent'));
    const key = randomUUID();
    const renew = () =>
      request(h.http).post(`/certificates/${number}/renewal`).set(auth(h.tokens.officerA)).set('idempotency-key', key).send({ continuingPracticeHours: 400 });
    const first = await renew();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'active', renewals: 1 });
    // The renewal made the workflow continue as new; the answer is lost before it was stored.
    await h.db.query('DELETE FROM idempotency_keys WHERE idempotency_key = $1', [key]);
    const retry = await renew();
    expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: first.body });
    const types = (await h.streamEvents(`certificate-${number}`)).map((e) => e.type);
    expect(types.filter((t) => t === 'CertificateRenewed')).toHaveLength(1);
    // The continued run, which answered the retried update from the outcomes it was handed.
    await recordHistory(h.temporal, `certificate-${number}`, 'certificate-renewal-retried-after-continue-as-new');
  }, 60_000);
});
