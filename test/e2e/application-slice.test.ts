import request from 'supertest';
import { startHarness, type Harness } from '../support/corridor-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('slice');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const candidate = (id: string) => ({ id, fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' });

async function register(candidateId: string) {
  const res = await request(h.http)
    .post('/applications')
    .set(auth(h.tokens.station))
    .send({ candidate: candidate(candidateId), standardCode: 'BR-AUTO-NEV', level: 'senior' });
  expect(res.status).toBe(201);
  return res.body as { applicationId: string; status: string; stationId: string; version: number };
}

describe('one application through every layer', () => {
  it('registers, approves, decides and issues a certificate, leaving exactly those events', async () => {
    const registered = await register('KZ-100001');
    expect(registered).toMatchObject({ status: 'registered', stationId: 'ST-KZ-ALA', version: 1 });

    const approved = await request(h.http)
      .post(`/applications/${registered.applicationId}/eligibility-approval`)
      .set(auth(h.tokens.officerA))
      .send({ note: 'documents complete' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('eligible');

    const decided = await request(h.http)
      .post(`/applications/${registered.applicationId}/decision`)
      .set(auth(h.tokens.officerB))
      .send({ decision: 'grant' });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('certified');
    expect(decided.body.certificateNumber).toMatch(/^CN-\d{4}-[0-9A-F]{12}$/);

    const events = await h.streamEvents(`application-${registered.applicationId}`);
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'ApplicationRegistered'],
      [2, 'EligibilityApproved'],
      [3, 'CertificationGranted'],
      [4, 'CertificateIssued'],
    ]);
    expect(events[1]!.data).toMatchObject({ by: { id: 'officer-li-wei', role: 'officer' } });
    expect(events[2]!.data).toMatchObject({ by: { id: 'officer-anna-petrova', role: 'officer' } });
    expect((await h.store.verifyStream(`application-${registered.applicationId}`)).ok).toBe(true);

    const detail = await request(h.http).get(`/applications/${registered.applicationId}`).set(auth(h.tokens.auditor));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ certificateNumber: decided.body.certificateNumber, version: 4 });

    const list = await request(h.http).get('/applications?status=certified').set(auth(h.tokens.officerA));
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { applicationId: string }) => i.applicationId)).toContain(registered.applicationId);
  });

  it('refuses the reviewing officer deciding too (four eyes) with 409 and records nothing', async () => {
    const { applicationId } = await register('KZ-100002');
    await request(h.http).post(`/applications/${applicationId}/eligibility-approval`).set(auth(h.tokens.officerA)).send({}).expect(200);
    const refused = await request(h.http).post(`/applications/${applicationId}/decision`).set(auth(h.tokens.officerA)).send({ decision: 'grant' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/took part in the review/);
    expect((await h.streamEvents(`application-${applicationId}`)).map((e) => e.type)).toEqual([
      'ApplicationRegistered',
      'EligibilityApproved',
    ]);
  });

  it('refuses a decision before eligibility with 409 naming the state', async () => {
    const { applicationId } = await register('KZ-100003');
    const refused = await request(h.http).post(`/applications/${applicationId}/decision`).set(auth(h.tokens.officerB)).send({ decision: 'grant' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/it is registered/);
  });

  it('rejects bad registration input with 400 naming each field, and starts nothing', async () => {
    const headBefore = await h.store.headPosition();
    const res = await request(h.http)
      .post('/applications')
      .set(auth(h.tokens.station))
      .send({ candidate: { id: '!', fullName: '', nationality: 'Kazakhstan' }, standardCode: 'x', level: 'grandmaster' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['candidate.fullName', 'candidate.id', 'candidate.nationality', 'level', 'standardCode']);
    expect(await h.store.headPosition()).toBe(headBefore);
    const started = await h.temporal.workflow.count(`TaskQueue = "${h.taskQueue}"`);
    const lists = await request(h.http).get('/applications?limit=200').set(auth(h.tokens.officerA));
    expect(started.count).toBe(lists.body.items.length);
  });

  it('authenticates every application route and scopes stations to their own candidates', async () => {
    const { applicationId } = await register('KZ-100004');
    await request(h.http).get('/applications').expect(401);
    await request(h.http).get('/applications').set(auth('not-a-token')).expect(401);
    await request(h.http).post(`/applications/${applicationId}/eligibility-approval`).set(auth(h.tokens.station)).send({}).expect(403);
    await request(h.http).get(`/applications/${applicationId}`).set(auth(h.tokens.otherStation)).expect(404);
    const theirs = await request(h.http).get('/applications').set(auth(h.tokens.otherStation)).expect(200);
    expect(theirs.body.items).toEqual([]);
    await request(h.http).get(`/applications/00000000-0000-4000-8000-000000000000`).set(auth(h.tokens.officerA)).expect(404);
  });

  it('reports health of Temporal, the event store and projections without authentication', async () => {
    const res = await request(h.http).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.info).toMatchObject({ temporal: { status: 'up' }, eventStore: { status: 'up', kind: 'postgres' }, projections: { status: 'up' } });
  });
});
