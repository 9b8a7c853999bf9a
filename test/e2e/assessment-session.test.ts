import request from 'supertest';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';
import { recordHistory } from '../support/record-history';

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('sessions');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function trainedApplication(candidateId: string): Promise<string> {
  const { applicationId } = await life.register(candidateId);
  await life.approve(applicationId);
  await life.exemptFully(applicationId);
  return applicationId;
}

describe('assessment sessions run by a station', () => {
  it('schedules, books, assigns assessors with the conflict check, delivers results to applications, closes', async () => {
    const first = await trainedApplication('KZ-400001');
    const second = await trainedApplication('KZ-400002');
    const scheduledFor = new Date(Date.now() + 2500).toISOString();
    const scheduled = await life.post(
      '/sessions',
      h.tokens.station,
      { standardCode: 'BR-AUTO-MECH', level: 'senior', scheduledFor, capacity: 2 },
      201,
    );
    const sessionId = scheduled.body.sessionId as string;
    expect(scheduled.body).toMatchObject({ status: 'scheduled', stationId: 'ST-KZ-ALA', capacity: 2 });

    await life.post(`/sessions/${sessionId}/assessors`, h.tokens.station, { assessorId: 'EX-0001' });
    await life.post(`/sessions/${sessionId}/bookings`, h.tokens.station, { applicationId: first });
    await life.post(`/sessions/${sessionId}/bookings`, h.tokens.station, { applicationId: second });
    expect(
      (await request(h.http).get(`/applications/${first}`).set(auth(h.tokens.station))).body.status,
    ).toBe('assessment-booked');

    // The assessor works for the candidates' employer: refused, nothing recorded.
    const conflict = await life.post(
      `/sessions/${sessionId}/assessors`,
      h.tokens.station,
      { assessorId: 'EX-0011' },
      409,
    );
    expect(conflict.body.code).toBe('conflict-of-interest');
    // Another station can neither see nor act on this session.
    await request(h.http).get(`/sessions/${sessionId}`).set(auth(h.tokens.otherStation)).expect(404);
    await life.post(
      `/sessions/${sessionId}/assessors`,
      h.tokens.otherStation,
      { assessorId: 'EX-0001' },
      403,
    );

    await new Promise((r) => setTimeout(r, Math.max(Date.parse(scheduledFor) - Date.now(), 0) + 200));
    await life.post(`/sessions/${sessionId}/results`, h.tokens.station, {
      applicationId: first,
      scores: { theory: 81, practical: 77 },
      assessorIds: ['EX-0001'],
    });
    await life.post(`/sessions/${sessionId}/results`, h.tokens.station, {
      applicationId: second,
      scores: { theory: 35, practical: 50 },
      assessorIds: ['EX-0001'],
    });
    const twice = await life.post(
      `/sessions/${sessionId}/results`,
      h.tokens.station,
      { applicationId: first, scores: { theory: 99, practical: 99 }, assessorIds: ['EX-0001'] },
      409,
    );
    expect(twice.body.detail).toBeTruthy();

    expect(
      (await request(h.http).get(`/applications/${first}`).set(auth(h.tokens.officerA))).body.status,
    ).toBe('assessed');
    expect(
      (await request(h.http).get(`/applications/${second}`).set(auth(h.tokens.officerA))).body.status,
    ).toBe('assessment-failed');
    const closed = await life.post(`/sessions/${sessionId}/closure`, h.tokens.station, {});
    expect(closed.body.status).toBe('closed');

    expect((await h.streamEvents(`session-${sessionId}`)).map((e) => e.type)).toEqual([
      'SessionScheduled',
      'AssessorAssigned',
      'SessionCandidateBooked',
      'SessionCandidateBooked',
      'SessionResultSubmitted',
      'SessionResultSubmitted',
      'SessionClosed',
    ]);
    expect(await life.types(first)).toEqual([
      'ApplicationRegistered',
      'EligibilityApproved',
      'PriorLearningRecognised',
      'AssessmentBooked',
      'AssessmentResultRecorded',
    ]);
    await recordHistory(h.temporal, `session-${sessionId}`, 'session-booked-assessed-closed');
  }, 60_000);

  it('refuses a booking the application refuses (not yet eligible), recording nothing in the session', async () => {
    const { applicationId } = await life.register('KZ-400003');
    const scheduled = await life.post(
      '/sessions',
      h.tokens.station,
      {
        standardCode: 'BR-AUTO-MECH',
        level: 'senior',
        scheduledFor: new Date(Date.now() + 60_000).toISOString(),
        capacity: 5,
      },
      201,
    );
    const sessionId = scheduled.body.sessionId as string;
    const refused = await life.post(
      `/sessions/${sessionId}/bookings`,
      h.tokens.station,
      { applicationId },
      409,
    );
    expect(refused.body.detail).toMatch(/registered/);
    expect((await h.streamEvents(`session-${sessionId}`)).map((e) => e.type)).toEqual(['SessionScheduled']);
    expect(await life.types(applicationId)).toEqual(['ApplicationRegistered']);
  });

  it('validates session input with 400 naming the fields', async () => {
    const res = await request(h.http)
      .post('/sessions')
      .set(auth(h.tokens.station))
      .send({ standardCode: 'BR-AUTO-MECH', level: 'senior', capacity: 0 });
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'capacity',
      'scheduledFor',
    ]);
  });
});
