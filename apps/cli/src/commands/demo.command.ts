import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomInt } from 'node:crypto';
import type { DevCredentials } from '../../../api/src/auth/dev-credentials';

interface Problem {
  status: number;
  detail?: string;
}

async function call<T>(
  apiUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    const problem = (text ? JSON.parse(text) : {}) as Problem;
    throw new Error(`${method} ${path} → ${response.status}: ${problem.detail ?? text}`);
  }
  return JSON.parse(text) as T;
}

interface View {
  applicationId: string;
  status: string;
  certificateNumber: string | null;
  version: number;
}

/** Drives one sample candidate through registration, eligibility and decision over HTTP. */
export async function demoCommand(_args: string[]): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const credentials = JSON.parse(
    readFileSync(join(dataDir, 'dev-credentials.json'), 'utf8'),
  ) as DevCredentials;
  const apiUrl = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const { tokens } = credentials;

  const candidateId = `KZ-DEMO-${randomInt(100000, 999999)}`;
  const registered = await call<View>(apiUrl, tokens.station, 'POST', '/applications', {
    candidate: { id: candidateId, fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' },
    standardCode: 'BR-AUTO-MECH',
    level: 'senior',
    evidence: {
      dateOfBirth: '1994-05-02',
      yearsOfExperience: 6,
      employer: 'Steppe Motors Service LLP',
      priorCertificates: [{ standardCode: 'BR-AUTO-MECH', level: 'intermediate' }],
      documents: ['identity-document', 'photo', 'employment-record', 'prior-certificate'],
    },
  });
  const id = registered.applicationId;
  console.log(`registered    ${id} (candidate ${candidateId}) by the Almaty station`);
  await call<View>(apiUrl, tokens.officerA, 'POST', `/applications/${id}/eligibility-approval`, {
    note: 'documents complete',
  });
  console.log('eligible      approved by officer A');
  const trained = await call<View>(apiUrl, tokens.officerA, 'POST', `/applications/${id}/prior-learning`, {
    exemption: { kind: 'full' },
    basis: 'six years as a workshop mechanic, employer attestation',
  });
  console.log(`trained       prior learning recognised in full by officer A (status ${trained.status})`);
  // Bookings and results go through the station's assessment session: the session checks the
  // assessors against the expert database and the candidate for conflicts of interest.
  const scheduledFor = new Date(Date.now() + 4000).toISOString();
  const session = await call<{ sessionId: string }>(apiUrl, tokens.station, 'POST', '/sessions', {
    standardCode: 'BR-AUTO-MECH',
    level: 'senior',
    scheduledFor,
    capacity: 10,
  });
  const sessionId = session.sessionId;
  for (const assessorId of ['EX-0001', 'EX-0009'])
    await call(apiUrl, tokens.station, 'POST', `/sessions/${sessionId}/assessors`, { assessorId });
  await call(apiUrl, tokens.station, 'POST', `/sessions/${sessionId}/bookings`, { applicationId: id });
  console.log(`booked        assessment session ${sessionId} at ${scheduledFor} (assessors EX-0001, EX-0009)`);
  await new Promise((r) => setTimeout(r, Math.max(Date.parse(scheduledFor) - Date.now(), 0) + 200));
  await call(apiUrl, tokens.station, 'POST', `/sessions/${sessionId}/results`, {
    applicationId: id,
    scores: { theory: 84, practical: 91 },
    assessorIds: ['EX-0001', 'EX-0009'],
  });
  await call(apiUrl, tokens.station, 'POST', `/sessions/${sessionId}/closure`);
  const assessed = await call<View>(apiUrl, tokens.station, 'GET', `/applications/${id}`);
  console.log(`assessed      theory 84, practical 91 (status ${assessed.status})`);
  const certified = await call<View>(apiUrl, tokens.officerB, 'POST', `/applications/${id}/decision`, {
    decision: 'grant',
  });
  console.log(`certified     decided by officer B: certificate ${certified.certificateNumber}`);
  console.log(
    JSON.stringify({
      applicationId: certified.applicationId,
      certificateNumber: certified.certificateNumber,
      events: certified.version,
    }),
  );
}
