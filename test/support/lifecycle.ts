import request from 'supertest';
import { randomUUID } from 'node:crypto';
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

  /** Books a session `inSeconds` ahead; a result can be recorded once it has been held. */
  book = (id: string, inSeconds = 1, sessionId: string = randomUUID()) =>
    this.post(`/applications/${id}/assessment-booking`, this.h.tokens.station, {
      session: {
        sessionId,
        stationId: 'ST-KZ-ALA',
        standardCode: 'BR-AUTO-MECH',
        level: 'senior',
        scheduledFor: new Date(Date.now() + inSeconds * 1000).toISOString(),
      },
    }).then(() => sessionId);

  result = async (id: string, sessionId: string, theory: number, practical: number, expected = 200) => {
    await new Promise((r) => setTimeout(r, 1100));
    return this.post(
      `/applications/${id}/assessment-results`,
      this.h.tokens.station,
      { sessionId, scores: { theory, practical }, assessorIds: ['EXP-AUTO-001', 'EXP-AUTO-002'] },
      expected,
    );
  };

  grant = (id: string, token = this.h.tokens.officerB, expected = 200) =>
    this.post(`/applications/${id}/decision`, token, { decision: 'grant' }, expected);

  async types(applicationId: string): Promise<string[]> {
    return (await this.h.streamEvents(`application-${applicationId}`)).map((e) => e.type);
  }
}
