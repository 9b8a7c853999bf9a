import request from 'supertest';
import { API_RUNTIME, type ApiRuntime } from '../../../apps/api/src/runtime';
import { startHarness, type Harness } from '../../support/corridor-harness';
import { auth, Lifecycle } from '../../support/lifecycle';

export function readModelsBehind(): void {
  let h: Harness;
  let life: Lifecycle;
  beforeAll(async () => {
    h = await startHarness('behind');
    life = new Lifecycle(h);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  describe('commands recorded while the read models cannot follow (projector stopped, as in a database outage)', () => {
    it('answers each recorded command 202 with its result and a Location, never a 5xx, and the read models catch up later', async () => {
      const { applicationId: registered } = await life.register('KZ-870001');
      const runtime = h.app.get<ApiRuntime>(API_RUNTIME);
      await runtime.projector.stop();
      try {
        // All at once: each waits out the read-your-writes timeout.
        const [approved, second, session] = await Promise.all([
          request(h.http)
            .post(`/applications/${registered}/eligibility-approval`)
            .set(auth(h.tokens.officerA))
            .send({ note: 'ok' }),
          request(h.http)
            .post('/applications')
            .set(auth(h.tokens.station))
            .send({
              candidate: { id: 'KZ-870002', fullName: 'Dana Nurlanovna', nationality: 'KZ', language: 'kk' },
              standardCode: 'BR-AUTO-MECH',
              level: 'senior',
            }),
          request(h.http)
            .post('/sessions')
            .set(auth(h.tokens.station))
            .send({
              standardCode: 'BR-AUTO-MECH',
              level: 'senior',
              scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
              capacity: 2,
            }),
        ]);
        expect({ status: approved.status, body: approved.body }).toMatchObject({
          status: 202,
          body: { applicationId: registered, status: 'eligible', version: 2, view: 'pending' },
        });
        expect(approved.headers.location).toBe(`/applications/${registered}`);
        expect({ status: second.status, body: second.body }).toMatchObject({
          status: 202,
          body: { status: 'registered', version: 1, view: 'pending' },
        });
        expect(second.headers.location).toBe(`/applications/${second.body.applicationId as string}`);
        expect({ status: session.status, body: session.body }).toMatchObject({
          status: 202,
          body: { status: 'scheduled', view: 'pending' },
        });
        expect(await life.types(registered)).toEqual(['ApplicationRegistered', 'EligibilityApproved']);
        expect(await life.types(second.body.applicationId as string)).toEqual(['ApplicationRegistered']);
      } finally {
        await runtime.projector.start();
      }
      const head = await h.store.headPosition();
      await runtime.projector.waitFor(head, 30_000);
      const detail = await request(h.http).get(`/applications/${registered}`).set(auth(h.tokens.auditor));
      expect(detail.body).toMatchObject({ status: 'eligible', version: 2 });
    }, 120_000);
  });
}
