import request from 'supertest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { applicationCommandUpdate, sessionDeliveryUpdate } from '../../workflows/src/public';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';

/**
 * Results and bookings reach an application only through a real assessment session of the candidate's
 * station, with assessors from the expert database who passed the conflict-of-interest check.
 */
let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('bypass');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function readyForAssessment(candidateId: string): Promise<string> {
  const { applicationId } = await life.register(candidateId);
  await life.approve(applicationId);
  await life.exemptFully(applicationId);
  return applicationId;
}

/** The refusal code of a Temporal update, or 'accepted'. */
async function updateOutcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'accepted';
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) return (error.cause as { type?: string }).type ?? 'failed';
    throw error;
  }
}

describe('assessment only through a session', () => {
  it('has no direct booking or result route on applications', async () => {
    const id = await readyForAssessment('KZ-700001');
    const session = {
      sessionId: '6f1c0f5e-1d3a-4c55-9d57-0b8f2b0e7a11',
      stationId: 'ST-KZ-ALA',
      standardCode: 'BR-AUTO-MECH',
      level: 'senior',
      scheduledFor: new Date(Date.now() + 60_000).toISOString(),
    };
    for (const [path, body] of [
      [`/applications/${id}/assessment-booking`, { session }],
      [`/applications/${id}/assessment-booking/cancellation`, { reason: 'x' }],
      [`/applications/${id}/assessment-results`, { sessionId: session.sessionId, scores: { theory: 99, practical: 99 }, assessorIds: ['EXP-AUTO-001'] }],
    ] as const) {
      for (const token of [h.tokens.station, h.tokens.officerA, h.tokens.admin])
        await request(h.http).post(path).set(auth(token)).send(body).expect(404);
    }
    expect(await life.types(id)).toEqual(['ApplicationRegistered', 'EligibilityApproved', 'PriorLearningRecognised']);
  });

  it('a station records a result only through its own session, with assigned conflict-free assessors', async () => {
    const id = await readyForAssessment('KZ-700002');
    const sessionId = await life.book(id);
    // Another station can neither submit into this session nor see it.
    await life.post(
      `/sessions/${sessionId}/results`,
      h.tokens.otherStation,
      { applicationId: id, scores: { theory: 99, practical: 99 }, assessorIds: ['EX-0001'] },
      403,
    );
    // Another station cannot book this station's candidate into a session of its own.
    const foreign = await life.post(
      '/sessions',
      h.tokens.otherStation,
      { standardCode: 'BR-AUTO-MECH', level: 'senior', scheduledFor: new Date(Date.now() + 60_000).toISOString(), capacity: 2 },
      201,
    );
    await life.post(`/sessions/${foreign.body.sessionId}/bookings`, h.tokens.otherStation, { applicationId: id }, 404);
    await life.untilHeld(sessionId);
    // An assessor who is not assigned to the session (or not in the expert database) cannot score.
    const stranger = await life.result(id, sessionId, 90, 90, 409, ['EXP-AUTO-001']);
    expect(stranger.body.code).toBe('assessor-not-assigned');
    const passed = await life.result(id, sessionId, 90, 90);
    expect(passed.body.status).toBe('assessed');
    const recorded = (await h.streamEvents(`application-${id}`)).find((e) => e.type === 'AssessmentResultRecorded');
    expect(recorded?.data).toMatchObject({ sessionId, assessorIds: ['EX-0001'] });
  }, 60_000);

  it("refuses a session of another station, even when an officer books the candidate into it", async () => {
    const id = await readyForAssessment('KZ-700003');
    const other = await life.post(
      '/sessions',
      h.tokens.officerA,
      {
        stationId: 'ST-TH-BKK',
        standardCode: 'BR-AUTO-MECH',
        level: 'senior',
        scheduledFor: new Date(Date.now() + 60_000).toISOString(),
        capacity: 2,
      },
      201,
    );
    const refused = await life.post(`/sessions/${other.body.sessionId}/bookings`, h.tokens.officerA, { applicationId: id }, 409);
    expect(refused.body.code).toBe('station-mismatch');
    expect((await life.types(id)).includes('AssessmentBooked')).toBe(false);
  });

  it('the application itself refuses what did not pass a session: Temporal clients cannot walk around it', async () => {
    const id = await readyForAssessment('KZ-700004');
    const sessionId = await life.book(id);
    await life.untilHeld(sessionId);
    const handle = h.temporal.workflow.getHandle(id);
    const station = { id: 'station-kz-ala', role: 'station', stationId: 'ST-KZ-ALA' } as const;
    const scores = { theory: 95, practical: 95 };
    // The general command update no longer takes results.
    expect(
      await updateOutcome(() =>
        handle.executeUpdate(applicationCommandUpdate, {
          args: [{ type: 'RecordAssessmentResult', actor: station, sessionId, scores, assessorIds: ['EX-0001'] }],
        }),
      ),
    ).toBe('invalid-command');
    // A delivery must name the session's assessors...
    expect(
      await updateOutcome(() =>
        handle.executeUpdate(sessionDeliveryUpdate, {
          args: [{ type: 'RecordAssessmentResult', actor: station, sessionId, scores, assessorIds: ['EX-0001'] }],
        }),
      ),
    ).toBe('invalid-command');
    // ...and the application re-checks them against its own record: EX-0011 works for the candidate's employer.
    expect(
      await updateOutcome(() =>
        handle.executeUpdate(sessionDeliveryUpdate, {
          args: [
            {
              type: 'RecordAssessmentResult',
              actor: station,
              sessionId,
              scores,
              assessorIds: ['EX-0011'],
              assessors: [{ assessorId: 'EX-0011', employer: 'Steppe Motors Service LLP' }],
            },
          ],
        }),
      ),
    ).toBe('conflict-of-interest');
    expect((await life.types(id)).filter((t) => t === 'AssessmentResultRecorded')).toEqual([]);
  }, 60_000);
});
