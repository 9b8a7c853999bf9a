import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, evidence, Lifecycle } from '../support/lifecycle';

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('idempotency');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const registration = (candidateId: string, fullName = 'Aigerim Sadykova') => ({
  candidate: { id: candidateId, fullName, nationality: 'KZ', language: 'kk' },
  standardCode: 'BR-AUTO-MECH',
  level: 'senior',
  evidence,
});
const register = (body: object, idempotencyKey: string, token = h.tokens.station) =>
  request(h.http).post('/applications').set(auth(token)).set('idempotency-key', idempotencyKey).send(body);

/** Application streams (one per workflow) started for a candidate, from the log. */
async function streamsOf(candidateId: string): Promise<string[]> {
  const streams: string[] = [];
  for await (const e of h.store.readAll({ filter: { types: ['ApplicationRegistered'] } }))
    if ((e.data as { candidate: { id: string } }).candidate.id === candidateId) streams.push(e.stream);
  return streams;
}

describe('Idempotency-Key on POST', () => {
  it('replays a retried registration: same applicationId, one stream, handler not run again', async () => {
    const key = randomUUID();
    const first = await register(registration('KZ-900001'), key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await register(registration('KZ-900001'), key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await streamsOf('KZ-900001')).toEqual([`application-${first.body.applicationId}`]);
    // Key order in the body does not matter: the hash is over canonical JSON.
    const { candidate, ...rest } = registration('KZ-900001');
    const reordered = await register({ ...rest, candidate }, key);
    expect(reordered.body.applicationId).toBe(first.body.applicationId);
  });

  it('reaches the same application when the stored answer was lost (e.g. after a 5xx): the id follows from the key', async () => {
    const key = randomUUID();
    const first = await register(registration('KZ-900009'), key);
    expect(first.status).toBe(201);
    // Simulate a first attempt whose answer was never stored.
    await h.db.query(`DELETE FROM idempotency_keys`);
    const retry = await register(registration('KZ-900009'), key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body.applicationId).toBe(first.body.applicationId);
    expect(await streamsOf('KZ-900009')).toEqual([`application-${first.body.applicationId}`]);
  });

  it('answers a lost registration retried after its application closed with that application, never a second run', async () => {
    const key = randomUUID();
    const first = await register(registration('KZ-900010'), key);
    expect(first.status).toBe(201);
    const id = first.body.applicationId as string;
    await life.post(`/applications/${id}/eligibility-rejection`, h.tokens.officerA, { reason: 'documents forged' });
    await h.temporal.workflow.getHandle(id).result();
    await h.db.query(`DELETE FROM idempotency_keys`);
    const retry = await register(registration('KZ-900010'), key);
    expect(retry.status).toBeLessThan(300);
    expect(retry.body).toMatchObject({ applicationId: id, status: 'rejected' });
    expect(await life.types(id)).toEqual(['ApplicationRegistered', 'EligibilityRejected']);
    const runs = await h.temporal.workflow.count(`WorkflowId = "${id}"`);
    expect(runs.count).toBe(1);
  });

  it('lets concurrent duplicates run the handler once: both get the same application', async () => {
    const key = randomUUID();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => register(registration('KZ-900002'), key)));
    expect([a!.status, b!.status, c!.status]).toEqual([201, 201, 201]);
    expect(new Set([a!.body.applicationId, b!.body.applicationId, c!.body.applicationId]).size).toBe(1);
    expect(await streamsOf('KZ-900002')).toHaveLength(1);
  });

  it('answers 422 problem+json for the same key with a different body, and starts nothing', async () => {
    const key = randomUUID();
    expect((await register(registration('KZ-900003'), key)).status).toBe(201);
    const other = await register(registration('KZ-900003', 'Someone Else'), key);
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(other.body.detail).toMatch(/different request body/);
    expect(await streamsOf('KZ-900003')).toHaveLength(1);
  });

  it('scopes keys per caller: another caller’s request with the same key runs', async () => {
    const key = randomUUID();
    const station = await register(registration('KZ-900004'), key);
    // Another candidate: the same one twice would be a duplicate application, refused on its own.
    const officer = await register(registration('KZ-900014'), key, h.tokens.officerA);
    expect([station.status, officer.status]).toEqual([201, 201]);
    expect(officer.body.applicationId).not.toBe(station.body.applicationId);
  });

  it('validates the header (1–200 printable ASCII characters) with 400', async () => {
    for (const key of ['x'.repeat(201), '']) {
      const res = await register(registration('KZ-900005'), key);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await streamsOf('KZ-900005')).toEqual([]);
    // A 400 from validation keeps nothing: the key can be used once the body is right.
    const key = randomUUID();
    expect((await register({ candidate: { id: '!' } }, key)).status).toBe(400);
    expect((await register(registration('KZ-900005'), key)).status).toBe(201);
  });

  it('records a retried assessment result once and replays the first answer', async () => {
    const { applicationId: id } = await life.register('KZ-900006');
    await life.approve(id);
    await life.exemptFully(id);
    const sessionId = await life.book(id);
    await life.untilHeld(sessionId);
    const key = randomUUID();
    const body = { applicationId: id, scores: { theory: 82, practical: 88 }, assessorIds: ['EX-0001'] };
    const post = () => request(h.http).post(`/sessions/${sessionId}/results`).set(auth(h.tokens.station)).set('idempotency-key', key).send(body);
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([id]);
    const retry = await post();
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await life.types(id)).filter((t) => t === 'AssessmentResultRecorded')).toHaveLength(1);
    // Without the key, the same post is a new command, which the workflow refuses.
    expect((await request(h.http).post(`/sessions/${sessionId}/results`).set(auth(h.tokens.station)).send(body)).status).toBe(409);
  });

  it('stores a definite refusal too: the retry gets the same 409 without running the command', async () => {
    const { applicationId: id } = await life.register('KZ-900007');
    const key = randomUUID();
    const post = () => request(h.http).post(`/applications/${id}/decision`).set(auth(h.tokens.officerB)).set('idempotency-key', key).send({ decision: 'grant' });
    const first = await post();
    expect(first.status).toBe(409);
    const retry = await post();
    expect(retry.status).toBe(409);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(retry.body).toEqual(first.body);
  });
});
