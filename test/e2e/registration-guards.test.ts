import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, evidence, Lifecycle } from '../support/lifecycle';

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('guards');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const registration = (candidateId: string, extra: Record<string, unknown> = {}) => ({
  candidate: { id: candidateId, fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' },
  standardCode: 'BR-AUTO-MECH',
  level: 'senior',
  stationId: 'ST-KZ-ALA',
  evidence,
  ...extra,
});

/** Workflows of this file's task queue that ended in failure: a refusal must never leave one. */
const failedWorkflows = async () =>
  (await h.temporal.workflow.count(`TaskQueue = "${h.taskQueue}" AND ExecutionStatus = "Failed"`)).count;

describe('one open application per candidate and standard, under concurrency', () => {
  it('lets exactly one of three simultaneous registrations by three callers through; the others get 409 duplicate-application', async () => {
    for (const candidateId of ['KZ-700001', 'KZ-700002', 'KZ-700003']) {
      const callers = [h.tokens.station, h.tokens.officerA, h.tokens.officerB];
      const answers = await Promise.all(
        callers.map((token) => request(h.http).post('/applications').set(auth(token)).send(registration(candidateId))),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 409, 409]);
      const winner = answers.find((a) => a.status === 201)!.body.applicationId as string;
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.body).toMatchObject({ code: 'duplicate-application', applicationId: winner });
      }
      const open = await request(h.http)
        .get('/applications?limit=200&standard=BR-AUTO-MECH')
        .set(auth(h.tokens.officerA));
      const mine = (open.body.items as { candidateId: string }[]).filter((i) => i.candidateId === candidateId);
      expect(mine).toHaveLength(1);
    }
  });

  it('lets the candidate apply again once the application is closed', async () => {
    const { applicationId } = await life.register('KZ-700010');
    await life.post(`/applications/${applicationId}/eligibility-rejection`, h.tokens.officerA, { reason: 'documents forged' });
    const again = await life.register('KZ-700010');
    expect(again.applicationId).not.toBe(applicationId);
  });
});

describe('a reservation left behind by a crash', () => {
  const reserve = (candidateId: string, applicationId: string, age: string) =>
    h.db.query(
      `INSERT INTO application_reservations (candidate_id, standard_code, application_id, reserved_at)
       VALUES ($1, 'BR-AUTO-MECH', $2, now() - $3::interval)`,
      [candidateId, applicationId, age],
    );

  it('counts as a registration in flight while it is fresh, and frees the candidate once the grace has passed', async () => {
    // As if another API process had reserved and died before starting the workflow.
    const inFlight = randomUUID();
    await reserve('KZ-700060', inFlight, '1 second');
    const refused = await request(h.http).post('/applications').set(auth(h.tokens.station)).send(registration('KZ-700060'));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'duplicate-application', applicationId: inFlight });

    await reserve('KZ-700061', randomUUID(), '1 hour');
    const registered = await life.register('KZ-700061');
    expect(registered.status).toBe('registered');
  });
});

describe('a certificate already held', () => {
  it('refuses a new application for the same standard and level with 409 certificate-held naming the certificate', async () => {
    const { applicationId: id } = await life.register('KZ-700020');
    await life.approve(id);
    await life.exemptFully(id);
    const sessionId = await life.book(id);
    await life.result(id, sessionId, 82, 88);
    const granted = await life.grant(id);
    const certificateNumber = granted.body.certificateNumber as string;
    expect(certificateNumber).toMatch(/^CN-/);
    // The certificate's own workflow records its activation and then its signed credential after the
    // grant has answered; let it, so that "nothing recorded" below (and in later tests) compares a quiet store.
    for (let i = 0; i < 400 && (await h.store.streamInfo(`certificate-${certificateNumber}`))?.version !== 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));

    const headBefore = await h.store.headPosition();
    const res = await request(h.http).post('/applications').set(auth(h.tokens.station)).send(registration('KZ-700020'));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'certificate-held', certificateNumber });
    expect(res.body.detail).toContain(certificateNumber);
    expect(await h.store.headPosition()).toBe(headBefore);
  });
});

describe('refusals checked before any workflow starts', () => {
  it('refuses a station not accredited for the standard with 422 station-not-accredited, leaving no workflow and no events', async () => {
    const headBefore = await h.store.headPosition();
    const res = await request(h.http)
      .post('/applications')
      .set(auth(h.tokens.officerA))
      .send(registration('KZ-700030', { standardCode: 'BR-AI-TRAIN' }));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('station-not-accredited');
    expect(res.body.detail).toMatch(/ST-KZ-ALA is not accredited for BR-AI-TRAIN/);
    expect(JSON.stringify(res.body)).not.toMatch(/Workflow|Update/);
    expect(await h.store.headPosition()).toBe(headBefore);
    expect(await failedWorkflows()).toBe(0);
  });

  it('refuses target countries the reference data does not know with 422 unknown-country', async () => {
    const headBefore = await h.store.headPosition();
    const res = await request(h.http)
      .post('/applications')
      .set(auth(h.tokens.station))
      .send(registration('KZ-700031', { targetCountries: ['TH', 'AQ'] }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unknown-country');
    expect(await h.store.headPosition()).toBe(headBefore);
    expect(await failedWorkflows()).toBe(0);
  });

  it('refuses a nationality that is no ISO 3166-1 country with 400 naming the field', async () => {
    const res = await request(h.http)
      .post('/applications')
      .set(auth(h.tokens.station))
      .send(registration('KZ-700032', { candidate: { id: 'KZ-700032', fullName: 'A B', nationality: 'XX', language: 'kk' } }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'candidate.nationality' })]);
  });

  it('refuses a session scheduled in the past with 422 session-in-past, leaving no workflow and no events', async () => {
    const headBefore = await h.store.headPosition();
    // Earlier tests certify candidates through sessions of their own: count only what this one adds.
    const sessionQuery = `TaskQueue = "${h.taskQueue}" AND WorkflowType = "sessionWorkflow"`;
    const sessionsBefore = (await h.temporal.workflow.count(sessionQuery)).count;
    const res = await request(h.http)
      .post('/sessions')
      .set(auth(h.tokens.station))
      .send({ standardCode: 'BR-AUTO-MECH', level: 'senior', scheduledFor: '2020-01-01T09:00:00.000Z', capacity: 10 });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('session-in-past');
    expect(await h.store.headPosition()).toBe(headBefore);
    expect(await failedWorkflows()).toBe(0);
    expect((await h.temporal.workflow.count(sessionQuery)).count).toBe(sessionsBefore);
  });
});

describe('bodies say only what the schema knows', () => {
  it.each([
    ['a top-level field', { nickname: 'Aika' }, 'nickname'],
    ['a field inside the candidate', { candidate: { id: 'KZ-700040', fullName: 'A B', nationality: 'KZ', nick: 'A' } }, 'candidate.nick'],
    ['a field inside the evidence', { evidence: { ...evidence, salary: 1 } }, 'evidence.salary'],
  ])('refuses %s with 400 naming it, and records nothing', async (_what, extra, path) => {
    const headBefore = await h.store.headPosition();
    const res = await request(h.http).post('/applications').set(auth(h.tokens.station)).send(registration('KZ-700040', extra));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path, message: 'unknown field' }]);
    expect(await h.store.headPosition()).toBe(headBefore);
  });
});

describe('text with control characters or ill-formed Unicode is refused at the edge', () => {
  const name = (fullName: string) => ({ candidate: { id: 'KZ-700050', fullName, nationality: 'KZ', language: 'kk' } });

  it.each([
    ['U+0000', 'Aigerim\u0000Sadykova'],
    ['a lone surrogate', 'x\ud800y'],
    ['a C1 control', 'Aigerim\u0085'],
  ])('refuses %s in the candidate name with 400 naming candidate.fullName, recording nothing', async (_what, fullName) => {
    const headBefore = await h.store.headPosition();
    const res = await request(h.http).post('/applications').set(auth(h.tokens.station)).send(registration('KZ-700050', name(fullName)));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'candidate.fullName' })]);
    expect(await h.store.headPosition()).toBe(headBefore);
  });

  it('refuses them in every other text field too, naming the field, and keeps multi-line notes', async () => {
    const { applicationId: id } = await life.register('KZ-700051', { evidence: { ...evidence, employer: 'Steppe Motors' } });
    const headBefore = await h.store.headPosition();
    const refusals: [string, string, object, string][] = [
      ['post', `/applications/${id}/eligibility-approval`, { note: 'ok\u0000' }, 'note'],
      ['post', `/applications/${id}/eligibility-rejection`, { reason: 'forged \ud83d' }, 'reason'],
      ['post', `/applications/${id}/information-requests`, { items: ['passport', 'photo\u0007'] }, 'items.1'],
      ['post', `/applications/${id}/information`, { evidence: { employer: 'Steppe\u0000Motors' } }, 'evidence.employer'],
      ['post', `/applications/${id}/training/enrolment`, { providerId: 'TB\u0000' }, 'providerId'],
      ['post', `/applications/${id}/decision`, { decision: 'deny', reason: '\udfff' }, 'reason'],
      ['post', '/applications', registration('KZ-700052', { stationId: 'ST-KZ-ALA\u0000' }), 'stationId'],
      ['get', '/applications?station=ST%00', {}, 'station'],
      ['get', '/statistics/certifications?groupBy=country&station=%C2%85', {}, 'station'],
      ['get', '/verify/CN-2026-%00', {}, 'certificateNumber'],
    ];
    for (const [method, path, body, field] of refusals) {
      const req = method === 'post' ? request(h.http).post(path).send(body) : request(h.http).get(path);
      const res = await req.set(auth(h.tokens.officerA));
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(field);
    }
    expect(await h.store.headPosition()).toBe(headBefore);
    const approved = await life.approve(id);
    expect(approved.status).toBe(200);
    const noted = await life.post(`/applications/${id}/eligibility-approval`, h.tokens.officerA, { note: 'line one\n\tline two' }, 409);
    expect(noted.body.code).not.toBe('invalid-request'); // well-formed multi-line text passes the edge
  });
});
