import { startHarness, type Harness } from '../support/corridor-harness';
import request from 'supertest';
import { auth, Lifecycle } from '../support/lifecycle';
import { recordHistory } from '../support/record-history';

// Durations come from configuration: the information deadline and the cool-down shrink to seconds.
process.env.DURATION_OVERRIDES = JSON.stringify({ informationRequest: 2, assessmentCooldown: 2, reviewSla: 6 });

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('paths');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  delete process.env.DURATION_OVERRIDES;
  await h?.close();
});

async function waitForStatus(id: string, status: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await h.db.query<{ status: string }>(
      `SELECT status FROM applications WHERE application_id = $1`,
      [id],
    );
    if (rows[0]?.status === status) return;
    if (Date.now() > deadline)
      throw new Error(`application ${id} is ${rows[0]?.status}, not ${status}, after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('application paths through the real workflow', () => {
  it('withdraws an application whose information request goes unanswered past its deadline', async () => {
    const { applicationId: id } = await life.register('KZ-200001');
    await life.post(`/applications/${id}/information-requests`, h.tokens.officerA, {
      items: ['certified copy of the employment record'],
    });
    await waitForStatus(id, 'withdrawn');
    expect(await life.types(id)).toEqual([
      'ApplicationRegistered',
      'InformationRequested',
      'ApplicationWithdrawn',
    ]);
    const events = await h.streamEvents(`application-${id}`);
    expect(events[2]!.data).toMatchObject({ by: { id: 'system:deadlines' } });
    // A closed application accepts nothing more.
    const late = await life.post(`/applications/${id}/eligibility-approval`, h.tokens.officerA, {}, 409);
    expect(late.body.detail).toMatch(/closed|withdrawn/);
    await recordHistory(h.temporal, id, 'information-request-withdrawn');
  });

  it('escalates a review left past its service-level deadline and lists it as overdue', async () => {
    const { applicationId: id } = await life.register('KZ-200005');
    const deadline = Date.now() + 15_000;
    while (!(await life.types(id)).includes('ReviewEscalated')) {
      if (Date.now() > deadline) throw new Error(`no escalation: ${(await life.types(id)).join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const escalation = (await h.streamEvents(`application-${id}`)).find((e) => e.type === 'ReviewEscalated')!;
    expect(escalation.data).toMatchObject({ by: { id: 'system:deadlines' } });
    await waitForStatus(id, 'registered');
    const overdue = await request(h.http).get('/applications?overdue=true&limit=200').set(auth(h.tokens.officerA)).expect(200);
    expect((overdue.body.items as { applicationId: string }[]).map((i) => i.applicationId)).toContain(id);
    // Escalation does not close the review: an officer can still decide it.
    expect((await life.approve(id)).body.status).toBe('eligible');
  });

  it('fails an attempt, refuses rebooking inside the cool-down, then passes after it', async () => {
    const { applicationId: id } = await life.register('KZ-200002');
    await life.approve(id);
    await life.exemptFully(id);
    const first = await life.book(id);
    expect((await life.result(id, first, 40, 45)).body.status).toBe('assessment-failed');
    // Rebooking inside the cool-down, through a new session: the application refuses, the session too.
    const early = await life.book(id).then(
      () => {
        throw new Error('a booking inside the cool-down was accepted');
      },
      (error: Error) => error,
    );
    expect(early.message).toMatch(/409/);
    expect(early.message).toMatch(/cooldown/);
    await new Promise((r) => setTimeout(r, 2100));
    const second = await life.book(id);
    expect((await life.result(id, second, 78, 81)).body.status).toBe('assessed');
    expect((await life.grant(id)).body.status).toBe('certified');
    expect(await life.types(id)).toEqual([
      'ApplicationRegistered',
      'EligibilityApproved',
      'PriorLearningRecognised',
      'AssessmentBooked',
      'AssessmentResultRecorded',
      'AssessmentBooked',
      'AssessmentResultRecorded',
      'CertificationGranted',
      'CertificateIssued',
    ]);
    await recordHistory(h.temporal, id, 'failed-then-passed');
  }, 60_000);

  it('refuses the application once the attempts are exhausted', async () => {
    const { applicationId: id } = await life.register('KZ-200003');
    await life.approve(id);
    await life.exemptFully(id);
    let last;
    for (let attempt = 1; attempt <= 3; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, 2100));
      const session = await life.book(id);
      last = await life.result(id, session, 30, 35);
    }
    expect(last?.body.status).toBe('refused');
    const types = await life.types(id);
    expect(types.filter((t) => t === 'AssessmentResultRecorded')).toHaveLength(3);
    expect(types.at(-1)).toBe('ApplicationRefused');
    await life.book(id, 1, undefined).then(
      () => {
        throw new Error('a refused application accepted a booking');
      },
      (error: Error) => expect(error.message).toMatch(/409/),
    );
  }, 60_000);

  it('checks recognition in three countries and records a partial outcome before granting', async () => {
    const { applicationId: id } = await life.register('KZ-200004', { targetCountries: ['EG', 'UZ', 'VN'] });
    await life.approve(id);
    await life.exemptFully(id);
    const session = await life.book(id);
    await life.result(id, session, 85, 90);
    const pending = await life.grant(id, h.tokens.officerB, 409);
    expect(pending.body.code).toBe('recognition-pending');
    await life.post(`/applications/${id}/recognition-checks`, h.tokens.officerA, {});
    const events = await h.streamEvents(`application-${id}`);
    const checks = events
      .filter((e) => e.type === 'RecognitionChecked')
      .map((e) => e.data as { countryCode: string; outcome: string; agreementVersion?: number });
    expect(checks.map((c) => c.countryCode).sort()).toEqual(['EG', 'UZ', 'VN']);
    expect(checks.some((c) => c.outcome !== 'recognised')).toBe(true);
    expect((await life.grant(id)).body.status).toBe('certified');
    const issued = (await h.streamEvents(`application-${id}`)).at(-1)!;
    expect(issued.type).toBe('CertificateIssued');
  }, 60_000);
});
