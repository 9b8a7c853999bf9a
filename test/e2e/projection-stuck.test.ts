import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { passThroughCodec, SqlEventStore } from '@corridor/event-store';
import { startHarness, type Harness } from '../support/corridor-harness';
import { auth, Lifecycle } from '../support/lifecycle';

let h: Harness;
let life: Lifecycle;
beforeAll(async () => {
  h = await startHarness('stuck');
  life = new Lifecycle(h);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

interface Health {
  status: string;
  details: Record<
    string,
    {
      status: string;
      failing?: Array<{ name: string; position: number; reason: string; event?: { position: number } }>;
      lag?: Array<{ name: string; position: number }>;
    }
  >;
}

async function healthWhen(ok: (body: Health) => boolean, ms = 30_000): Promise<Health> {
  const deadline = Date.now() + ms;
  for (;;) {
    // The reasons (error text) are for operators: the public sees states and positions only.
    const res = await request(h.http).get('/health').set({ authorization: `Bearer ${h.tokens.admin}` });
    const body = res.body as Health;
    if (ok(body)) return body;
    if (Date.now() > deadline) throw new Error(`health still ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a read model that cannot apply an event', () => {
  it('shows in /health and /metrics, and later commands are answered 202 with their result, never 5xx', async () => {
    const { applicationId: id } = await life.register('KZ-300001');

    // A poison event in the store, written past the API's validation (by another path or before it
    // existed): U+0000 in a text field, which a Postgres text column cannot hold.
    const [registered] = await h.streamEvents(`application-${id}`);
    const poisonId = randomUUID();
    const data = registered!.data as { applicationId: string; candidate: Record<string, unknown> };
    const raw = new SqlEventStore(h.db, passThroughCodec);
    const poison = await raw.append(
      `application-${poisonId}`,
      [
        {
          id: randomUUID(),
          type: 'ApplicationRegistered',
          data: { ...data, applicationId: poisonId, candidate: { ...data.candidate, id: 'KZ-300002', fullName: 'Ai\u0000gerim' } },
        },
      ],
      { expected: 'no_stream' },
    );

    const degraded = await healthWhen((b) => b.status === 'degraded');
    expect(degraded.details.projections?.status).toBe('degraded');
    // Both read models that keep the candidate's name stop at that event; the statistics go on.
    const failing = degraded.details.projections?.failing ?? [];
    expect(failing.map((f) => f.name).sort()).toEqual(['applications', 'certificates']);
    const publicHealth = (await request(h.http).get('/health')).body as Health;
    expect(publicHealth.status).toBe('degraded');
    expect(JSON.stringify(publicHealth)).not.toMatch(/0x00|invalid byte sequence/);
    for (const f of failing) {
      expect(f.position).toBeLessThan(poison.positions[0] ?? 0);
      expect(f.event?.position).toBe(poison.positions[0]);
      expect(f.reason).toMatch(/0x00|\\u0000/);
    }

    const metrics = await request(h.http).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^corridor_projection_failing\{projection="applications"\} 1$/m);
    expect(metrics.text).toMatch(/^corridor_projection_failing\{projection="certification_stats"\} 0$/m);

    // The command is recorded; the worklist is late: 202, where to look, and what the command did.
    const approved = await request(h.http)
      .post(`/applications/${id}/eligibility-approval`)
      .set(auth(h.tokens.officerA))
      .send({ note: 'documents complete' });
    expect(approved.status).toBe(202);
    expect(approved.headers.location).toBe(`/applications/${id}`);
    expect(approved.body).toMatchObject({
      applicationId: id,
      status: 'eligible',
      events: ['EligibilityApproved'],
      position: expect.any(Number),
      view: 'pending',
    });
    expect(await life.types(id)).toEqual(['ApplicationRegistered', 'EligibilityApproved']);
    // The projection that can apply everything has gone past both events.
    await healthWhen((b) =>
      (b.details.projections?.lag ?? []).some((l) => l.name === 'certification_stats' && l.position >= (approved.body.position as number)),
    );

    // A registration too.
    const second = await request(h.http)
      .post('/applications')
      .set(auth(h.tokens.station))
      .send({
        candidate: { id: 'KZ-300003', fullName: 'Daniyar Akhmetov', nationality: 'KZ', language: 'kk' },
        standardCode: 'BR-AUTO-MECH',
        level: 'senior',
        evidence: {
          dateOfBirth: '1990-01-01',
          yearsOfExperience: 4,
          employer: 'Steppe Motors Service LLP',
          priorCertificates: [],
          documents: ['identity-document', 'photo', 'employment-record'],
        },
      });
    expect(second.status).toBe(202);
    expect(second.body).toMatchObject({ status: 'registered', view: 'pending', events: ['ApplicationRegistered'] });
    expect(second.headers.location).toBe(`/applications/${second.body.applicationId as string}`);
    // The caller goes on at once: the application the read model does not show yet is found in its
    // stream (not a 404 "does not exist"), and the next command is recorded and answered 202 too.
    const next = await request(h.http)
      .post(`/applications/${second.body.applicationId as string}/information-requests`)
      .set(auth(h.tokens.officerA))
      .send({ items: ['employment record for the last five years'] });
    expect(next.status).toBe(202);
    expect(next.body).toMatchObject({ status: 'awaiting-information', view: 'pending' });
    // Another station still cannot reach it.
    await request(h.http)
      .post(`/applications/${second.body.applicationId as string}/information`)
      .set(auth(h.tokens.otherStation))
      .send({ evidence: { yearsOfExperience: 9 } })
      .expect(404);

    // Sibling services wait for the same read model and answer the same way.
    const scheduled = await request(h.http)
      .post('/sessions')
      .set(auth(h.tokens.station))
      .send({ standardCode: 'BR-AUTO-MECH', level: 'senior', scheduledFor: new Date(Date.now() + 60_000).toISOString(), capacity: 2 });
    expect(scheduled.status).toBe(202);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', view: 'pending', events: expect.any(Array) });
    expect(scheduled.headers.location).toBe(`/sessions/${scheduled.body.sessionId as string}`);
    const session = await request(h.http).get(scheduled.headers.location as string).set(auth(h.tokens.station));
    expect(session.status).toBe(200);
  });
});
