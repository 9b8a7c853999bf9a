import request from 'supertest';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';
import { recordHistory } from '../support/record-history';

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('slice');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('one application through every layer', () => {
  it('registers, reviews, exempts, assesses, decides and issues a certificate, leaving exactly those events', async () => {
    const registered = await life.register('KZ-100001');
    expect(registered).toMatchObject({ status: 'registered', stationId: 'ST-KZ-ALA', version: 1 });
    const id = registered.applicationId;

    expect((await life.approve(id)).body.status).toBe('eligible');
    expect((await life.exemptFully(id)).body.status).toBe('trained');
    const sessionId = await life.book(id);
    expect((await life.result(id, sessionId, 82, 88)).body.status).toBe('assessed');
    const decided = await life.grant(id);
    expect(decided.body.status).toBe('certified');
    expect(decided.body.certificateNumber).toMatch(/^CN-\d{4}-[0-9A-F]{12}$/);
    // Later tests compare the store's head: let the certificate's workflow finish recording first.
    await life.untilCredentialRecorded(decided.body.certificateNumber as string);

    const events = await h.streamEvents(`application-${id}`);
    expect(events.map((e) => e.type)).toEqual([
      'ApplicationRegistered',
      'EligibilityApproved',
      'PriorLearningRecognised',
      'AssessmentBooked',
      'AssessmentResultRecorded',
      'CertificationGranted',
      'CertificateIssued',
    ]);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events[1]!.data).toMatchObject({ by: { id: 'officer-li-wei', role: 'officer' } });
    expect(events[5]!.data).toMatchObject({ by: { id: 'officer-anna-petrova', role: 'officer' } });
    expect((await h.store.verifyStream(`application-${id}`)).ok).toBe(true);

    const detail = await request(h.http).get(`/applications/${id}`).set(auth(h.tokens.auditor));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      certificateNumber: decided.body.certificateNumber,
      version: 7,
      schemeVersion: 1,
    });
    const timeline = detail.body.timeline as { version: number; type: string; by?: { id: string } }[];
    expect(timeline.map((t) => t.type)).toEqual(events.map((e) => e.type));
    expect(timeline[5]).toMatchObject({
      version: 6,
      type: 'CertificationGranted',
      by: { id: 'officer-anna-petrova' },
    });

    const list = await request(h.http).get('/applications?status=certified').set(auth(h.tokens.officerA));
    expect(list.status).toBe(200);
    const items = list.body.items as { applicationId: string }[];
    expect(items.map((i) => i.applicationId)).toContain(id);
    await recordHistory(h.temporal, id, 'happy-path-rpl');
  });

  it('refuses the reviewing officer deciding too (four eyes) with 409 and records nothing', async () => {
    const { applicationId: id } = await life.register('KZ-100002');
    await life.approve(id);
    await life.exemptFully(id);
    const sessionId = await life.book(id);
    await life.result(id, sessionId, 75, 80);
    const refused = await life.grant(id, h.tokens.officerA, 409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/took part in the review/);
    expect(await life.types(id)).toHaveLength(5);
  });

  it('refuses a second open application for the same candidate and standard with 409', async () => {
    const { applicationId } = await life.register('KZ-100005');
    const res = await request(h.http)
      .post('/applications')
      .set(auth(h.tokens.station))
      .send({
        candidate: { id: 'KZ-100005', fullName: 'Aigerim Sadykova', nationality: 'KZ' },
        standardCode: 'BR-AUTO-MECH',
        level: 'senior',
      });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'duplicate-application', applicationId });
    // Another standard is a different application.
    await life.register('KZ-100005', {}, 'BR-AUTO-EV');
  });

  it('refuses a decision before assessment with 409 naming the state', async () => {
    const { applicationId: id } = await life.register('KZ-100003');
    const refused = await life.grant(id, h.tokens.officerB, 409);
    expect(refused.body.detail).toMatch(/registered/);
    expect(await life.types(id)).toEqual(['ApplicationRegistered']);
  });

  it('rejects bad registration input with 400 naming each field, and starts nothing', async () => {
    const headBefore = await h.store.headPosition();
    const res = await request(h.http)
      .post('/applications')
      .set(auth(h.tokens.station))
      .send({
        candidate: { id: '!', fullName: '', nationality: 'Kazakhstan' },
        standardCode: 'x',
        level: 'grandmaster',
      });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual([
      'candidate.fullName',
      'candidate.id',
      'candidate.nationality',
      'level',
      'standardCode',
    ]);
    expect(await h.store.headPosition()).toBe(headBefore);
    const started = await h.temporal.workflow.count(
      `TaskQueue = "${h.taskQueue}" AND WorkflowType = "applicationWorkflow"`,
    );
    const listed = await request(h.http).get('/applications?limit=200').set(auth(h.tokens.officerA));
    expect(started.count).toBe(listed.body.items.length);
  });

  it('refuses an unknown scheme with 422 and starts nothing', async () => {
    const headBefore = await h.store.headPosition();
    const res = await request(h.http)
      .post('/applications')
      .set(auth(h.tokens.station))
      .send({
        candidate: { id: 'KZ-100009', fullName: 'A B', nationality: 'KZ' },
        standardCode: 'BR-NOPE',
        level: 'senior',
      });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('standardCode');
    expect(await h.store.headPosition()).toBe(headBefore);
  });

  it('authenticates every application route and scopes stations to their own candidates', async () => {
    const { applicationId: id } = await life.register('KZ-100004');
    await request(h.http).get('/applications').expect(401);
    await request(h.http).get('/applications').set(auth('not-a-token')).expect(401);
    await request(h.http)
      .post(`/applications/${id}/eligibility-approval`)
      .set(auth(h.tokens.station))
      .send({})
      .expect(403);
    await request(h.http).get(`/applications/${id}`).set(auth(h.tokens.otherStation)).expect(404);
    const theirs = await request(h.http).get('/applications').set(auth(h.tokens.otherStation)).expect(200);
    expect(theirs.body.items).toEqual([]);
    await request(h.http)
      .get(`/applications/00000000-0000-4000-8000-000000000000`)
      .set(auth(h.tokens.officerA))
      .expect(404);
  });

  it('reports health of Temporal, the event store and projections without authentication', async () => {
    const res = await request(h.http).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.info).toMatchObject({
      temporal: { status: 'up' },
      eventStore: { status: 'up', kind: 'postgres' },
      projections: { status: 'up' },
    });
  });
});
