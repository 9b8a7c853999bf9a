import request from 'supertest';
import type { Harness } from './corridor-harness';

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export const evidence = {
  dateOfBirth: '1994-05-02',
  yearsOfExperience: 6,
  employer: 'Steppe Motors Service LLP',
  priorCertificates: [{ standardCode: 'BR-AUTO-MECH', level: 'intermediate' }],
  documents: ['identity-document', 'photo', 'employment-record', 'prior-certificate'],
};

export interface View {
  applicationId: string;
  status: string;
  stationId: string | null;
  certificateNumber: string | null;
  version: number;
}

/** Drives an application over HTTP, asserting each step's status code. */
export class Lifecycle {
  constructor(private readonly h: Harness) {}

  async post(path: string, token: string, body: unknown, expected = 200): Promise<request.Response> {
    const res = await request(this.h.http)
      .post(path)
      .set(auth(token))
      .send(body as object);
    if (res.status !== expected)
      throw new Error(`POST ${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
    return res;
  }

  async register(
    candidateId: string,
    extra: Record<string, unknown> = {},
    standardCode = 'BR-AUTO-MECH',
  ): Promise<View> {
    const res = await this.post(
      '/applications',
      this.h.tokens.station,
      {
        candidate: { id: candidateId, fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' },
        standardCode,
        level: 'senior',
        evidence,
        ...extra,
      },
      201,
    );
    return res.body as View;
  }

  approve = (id: string, token = this.h.tokens.officerA) =>
    this.post(`/applications/${id}/eligibility-approval`, token, { note: 'documents complete' });

  exemptFully = (id: string) =>
    this.post(`/applications/${id}/prior-learning`, this.h.tokens.officerA, {
      exemption: { kind: 'full' },
      basis: 'six years as a workshop mechanic, employer attestation',
    });

  private readonly sessionTimes = new Map<string, number>();

  /**
   * Books the application into a new assessment session of its station, `inSeconds` ahead, with a
   * conflict-free assessor: bookings and results reach an application only through a session.
   */
  async book(id: string, inSeconds = 3, assessorId = 'EX-0001'): Promise<string> {
    const scheduledFor = Date.now() + inSeconds * 1000;
    const scheduled = await this.post(
      '/sessions',
      this.h.tokens.station,
      { standardCode: 'BR-AUTO-MECH', level: 'senior', scheduledFor: new Date(scheduledFor).toISOString(), capacity: 5 },
      201,
    );
    const sessionId = scheduled.body.sessionId as string;
    this.sessionTimes.set(sessionId, scheduledFor);
    await this.post(`/sessions/${sessionId}/assessors`, this.h.tokens.station, { assessorId });
    await this.post(`/sessions/${sessionId}/bookings`, this.h.tokens.station, { applicationId: id });
    return sessionId;
  }

  /** Waits until the session has been held, submits the scores, answers with the application's view. */
  async result(
    id: string,
    sessionId: string,
    theory: number,
    practical: number,
    expected = 200,
    assessorIds = ['EX-0001'],
  ): Promise<{ status: number; body: View & Record<string, unknown> }> {
    await this.untilHeld(sessionId);
    const res = await this.post(
      `/sessions/${sessionId}/results`,
      this.h.tokens.station,
      { applicationId: id, scores: { theory, practical }, assessorIds },
      expected,
    );
    if (res.status !== 200 && res.status !== 202) return { status: res.status, body: res.body as View & Record<string, unknown> };
    // The session's answer is about the session; the application's view may lag a moment (202 elsewhere).
    for (let tries = 0; ; tries++) {
      const view = await request(this.h.http).get(`/applications/${id}`).set(auth(this.h.tokens.station));
      const body = view.body as View & Record<string, unknown>;
      if (view.status === 200 && body.status !== 'assessment-booked') return { status: res.status, body };
      if (tries > 150) throw new Error(`application ${id} did not show the result: ${view.status} ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async untilHeld(sessionId: string): Promise<void> {
    const at = this.sessionTimes.get(sessionId) ?? Date.now();
    await new Promise((r) => setTimeout(r, Math.max(at - Date.now(), 0) + 200));
  }

  grant = (id: string, token = this.h.tokens.officerB, expected = 200) =>
    this.post(`/applications/${id}/decision`, token, { decision: 'grant' }, expected);

  /** Waits until the certificate's workflow has recorded its activation and signed credential. */
  async untilCredentialRecorded(certificateNumber: string): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const info = await this.h.store.streamInfo(`certificate-${certificateNumber}`);
      if (info && info.version >= 2) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`certificate ${certificateNumber}: credential not recorded within 20 s`);
  }

  async types(applicationId: string): Promise<string[]> {
    return (await this.h.streamEvents(`application-${applicationId}`)).map((e) => e.type);
  }
}
