import request from 'supertest';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '@corridor/event-store';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';

/**
 * Idempotency-Key under faults: the command was applied but its answer was lost, the database refused
 * to store the answer, a claim was left behind by a process that died. In every case a retry with the
 * same key gets the original outcome and the workflow holds the command's events exactly once.
 */
let h: Harness;
let life: Lifecycle;
/** While set, the idempotency table's writes fail as on a lost database connection (claims still succeed). */
let idempotencyWritesFail = false;
/** While set, claiming a key fails too (the database is unreachable). */
let idempotencyClaimsFail = false;

beforeAll(async () => {
  h = await startHarness('idempotency-faults');
  life = new Lifecycle(h);
  const query = h.db.query.bind(h.db);
  jest.spyOn(h.db, 'query').mockImplementation(((text: string, params?: unknown[], options?: unknown) => {
    if (idempotencyWritesFail && /^\s*(UPDATE|DELETE FROM) idempotency_keys\b/.test(text))
      return Promise.reject(new Error('Connection terminated unexpectedly'));
    if (idempotencyClaimsFail && /^\s*INSERT INTO idempotency_keys\b/.test(text)) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    return (query as (t: string, p?: unknown[], o?: unknown) => ReturnType<typeof query>)(text, params, options);
  }));
}, 120_000);
afterAll(async () => {
  idempotencyWritesFail = false;
  idempotencyClaimsFail = false;
  await h?.close();
});

const officerPost = (path: string, body: object, key: string) =>
  request(h.http).post(path).set(auth(h.tokens.officerA)).set('idempotency-key', key).send(body);

const count = (types: string[], type: string) => types.filter((t) => t === type).length;

/** Forgets the key as if the process had stopped before storing the answer and its claim had lapsed. */
const loseAnswer = (key: string) => h.db.query('DELETE FROM idempotency_keys WHERE idempotency_key = $1', [key]);

describe('Idempotency-Key under faults', () => {
  it.each([
    ['eligibility-rejection', { reason: 'the employment record is not genuine' }, 'EligibilityRejected', 'rejected'],
    ['eligibility-approval', { note: 'documents complete' }, 'EligibilityApproved', 'eligible'],
  ])('a retry after the answer to %s was lost gets the original success, not a refusal of the applied command', async (route, body, event, status) => {
    const { applicationId: id } = await life.register(`KZ-95${randomUUID().slice(0, 4)}`);
    const key = randomUUID();
    const first = await officerPost(`/applications/${id}/${route}`, body, key);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe(status);
    await loseAnswer(key);

    const retry = await officerPost(`/applications/${id}/${route}`, body, key);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: first.body });
    expect(count(await life.types(id), event)).toBe(1);
    // What the key now holds is that success, not a refusal.
    const replay = await officerPost(`/applications/${id}/${route}`, body, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.status).toBe(200);
  });

  it('a retry after the answer to a session closure was lost gets the original success', async () => {
    const scheduled = await life.post('/sessions', h.tokens.station, { standardCode: 'BR-AUTO-MECH', level: 'senior', scheduledFor: new Date(Date.now() + 1_500).toISOString(), capacity: 2 }, 201);
    const sessionId = scheduled.body.sessionId as string;
    await new Promise((r) => setTimeout(r, 1_600)); // a session closes once it has been held
    const key = randomUUID();
    const close = () => request(h.http).post(`/sessions/${sessionId}/closure`).set(auth(h.tokens.station)).set('idempotency-key', key).send({});
    const first = await close();
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('closed');
    await loseAnswer(key);
    const retry = await close();
    expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: first.body });
    expect(count((await h.streamEvents(`session-${sessionId}`)).map((e) => e.type), 'SessionClosed')).toBe(1);
  });

  it('a retry of a session scheduling after its answer was lost reaches the same session (its id follows from the key)', async () => {
    const key = randomUUID();
    const body = { standardCode: 'BR-AUTO-MECH', level: 'senior', scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), capacity: 3 };
    const schedule = () => request(h.http).post('/sessions').set(auth(h.tokens.station)).set('idempotency-key', key).send(body);
    const first = await schedule();
    expect(first.status).toBe(201);
    await loseAnswer(key);
    const retry = await schedule();
    expect({ status: retry.status, body: retry.body }).toEqual({ status: 201, body: first.body });
    expect((await h.streamEvents(`session-${first.body.sessionId}`)).map((e) => e.type)).toEqual(['SessionScheduled']);
  });

  it('a session scheduled again under its client-chosen id is the same session; another schedule under that id is 409', async () => {
    const sessionId = randomUUID();
    const body = { sessionId, standardCode: 'BR-AUTO-MECH', level: 'senior', scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), capacity: 3 };
    const first = await life.post('/sessions', h.tokens.station, body, 201);
    const again = await life.post('/sessions', h.tokens.station, body, 201);
    expect(again.body).toEqual(first.body);
    const other = await life.post('/sessions', h.tokens.station, { ...body, capacity: 5 }, 409);
    expect(other.body.code).toBe('duplicate-session');
    const foreign = await life.post('/sessions', h.tokens.otherStation, body, 409);
    expect(foreign.body.code).toBe('duplicate-session');
    expect((await h.streamEvents(`session-${sessionId}`)).map((e) => e.type)).toEqual(['SessionScheduled']);
  });

  it('answers an applied command even when its answer cannot be stored, and the key is neither stuck nor lost', async () => {
    const { applicationId: id } = await life.register(`KZ-96${randomUUID().slice(0, 4)}`);
    const key = randomUUID();
    const body = { reason: 'the employment record is not genuine' };
    idempotencyWritesFail = true;
    let first;
    try {
      first = await officerPost(`/applications/${id}/eligibility-rejection`, body, key);
    } finally {
      idempotencyWritesFail = false;
    }
    // The rejection is recorded: its answer goes out, not a 500.
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('rejected');

    const retry = await officerPost(`/applications/${id}/eligibility-rejection`, body, key);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: first.body });
    expect(count(await life.types(id), 'EligibilityRejected')).toBe(1);
    // Once the database is back the key holds the answer (stored by the background retry or by the retry).
    const { rows } = await h.db.query<{ state: string; response_status: number }>('SELECT state, response_status FROM idempotency_keys WHERE idempotency_key = $1', [key]);
    expect(rows).toEqual([{ state: 'done', response_status: 200 }]);
  });

  it('a refusal that is no verdict (404) is answered as such and its key released even when the database refuses the release', async () => {
    const key = randomUUID();
    const path = `/applications/${randomUUID()}/eligibility-approval`;
    idempotencyWritesFail = true;
    let first;
    try {
      first = await officerPost(path, { note: 'documents complete' }, key);
    } finally {
      idempotencyWritesFail = false;
    }
    expect(first.status).toBe(404);
    // Not kept as the key's answer and not left claimed: the retry runs again (and is still a 404).
    const retry = await officerPost(path, { note: 'documents complete' }, key);
    expect(retry.status).toBe(404);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('answers 503 problem+json and runs nothing when the key cannot be claimed', async () => {
    const { applicationId: id } = await life.register(`KZ-99${randomUUID().slice(0, 4)}`);
    const key = randomUUID();
    idempotencyClaimsFail = true;
    let first;
    try {
      first = await officerPost(`/applications/${id}/eligibility-approval`, { note: 'documents complete' }, key);
    } finally {
      idempotencyClaimsFail = false;
    }
    expect(first.status).toBe(503);
    expect(first.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(first.body.code).toBe('idempotency-store-unavailable');
    expect(count(await life.types(id), 'EligibilityApproved')).toBe(0);
    const retry = await officerPost(`/applications/${id}/eligibility-approval`, { note: 'documents complete' }, key);
    expect(retry.status).toBe(200);
    expect(count(await life.types(id), 'EligibilityApproved')).toBe(1);
  });

  it('a claim left "in progress" by a process that died is taken over by the retry, which succeeds once', async () => {
    const { applicationId: id } = await life.register(`KZ-97${randomUUID().slice(0, 4)}`);
    const key = randomUUID();
    const body = { note: 'documents complete' };
    const path = `/applications/${id}/eligibility-approval`;
    // The dead process had claimed the key just now and never released it.
    await h.db.query(
      `INSERT INTO idempotency_keys (principal, method, path, idempotency_key, request_hash, state, claimed_at)
       VALUES ($1, 'POST', $2, $3, $4, 'pending', now())`,
      ['officer-li-wei', path, key, createHash('sha256').update(canonicalJson(body)).digest('hex')],
    );
    const retry = await officerPost(path, body, key);
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe('eligible');
    expect(count(await life.types(id), 'EligibilityApproved')).toBe(1);
  });

  it('a claim whose process applied the command and then died is taken over: the retry gets the original outcome', async () => {
    const { applicationId: id } = await life.register(`KZ-98${randomUUID().slice(0, 4)}`);
    const key = randomUUID();
    const body = { note: 'documents complete' };
    const path = `/applications/${id}/eligibility-approval`;
    const first = await officerPost(path, body, key);
    expect(first.status).toBe(200);
    // Back to "in progress", as if the answer had never been stored and the claim had been left behind.
    await h.db.query(`UPDATE idempotency_keys SET state = 'pending', response_status = NULL, response_body = NULL, claimed_at = now() WHERE idempotency_key = $1`, [key]);
    const retry = await officerPost(path, body, key);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: first.body });
    expect(count(await life.types(id), 'EligibilityApproved')).toBe(1);
  });
});
