/* Test fixtures for the application specs (not exported from the library). */
import type { ApplicationCommand, ApplicationCommandOf } from './application.commands';
import type { ApplicationContextInput } from './application.context';
import { decideApplication } from './application.decider';
import type { ApplicationEvent } from './application.events';
import { evolveApplication, initialApplicationState, type ApplicationState } from './application.state';
import { RecognitionAgreement } from '../recognition/recognition-agreement';
import { shippedReferenceData } from '../reference/shipped-reference-data';
import type { CandidateEvidence } from '../scheme/eligibility';
import type { Actor } from '../shared/actor';
import { addSeconds } from '../shared/iso-time';
import { testScheme } from '../testing/scheme-fixture';

export const applicationId = '3f2a6c1e-8b4d-4e0a-9c1b-2d3e4f5a6b7c';
export const sessionId = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
export const secondSessionId = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

export const t0 = '2026-03-01T08:00:00.000Z';
/** The instant `days` after t0. */
export const day = (days: number): string => addSeconds(t0, days * 86_400);

export const alice: Actor = { id: 'officer-alice', role: 'officer' }; // reviews eligibility
export const bob: Actor = { id: 'officer-bob', role: 'officer' }; // decides
export const carol: Actor = { id: 'officer-carol', role: 'officer' }; // recognises prior learning
export const dave: Actor = { id: 'officer-dave', role: 'officer' }; // checks recognition
export const almaty: Actor = { id: 'station-kz-ala', role: 'station', stationId: 'ST-KZ-ALA' };
export const rayong: Actor = { id: 'station-th-ryg', role: 'station', stationId: 'ST-TH-RYG' };
export const auditor: Actor = { id: 'auditor-1', role: 'auditor' };
export const timer: Actor = { id: 'system:timer', role: 'admin' };

/** BR-AUTO-EV senior v1 as the tests know it: 240 h, RPL up to 120 h, 3 attempts, 30-day cool-down. */
export const scheme = testScheme();

/** Shipped stations, bases and countries, with agreements written for the tests. */
export const reference = {
  ...shippedReferenceData(),
  agreements: [
    RecognitionAgreement.parse({
      id: 'MRA-TH-AUTO-EV',
      version: 2,
      standardCode: 'BR-AUTO-EV',
      countryCode: 'TH',
      partnerFramework: 'TPQF',
      partnerStandard: { code: 'TH-AUT-EV', name: 'EV Service Technician' },
      levelMappings: [{ level: 'senior', partnerLevel: 'TPQF level 4', source: 'annex A' }],
      unitOverlapPercent: 85,
      conditions: [{ kind: 'top-up-module', moduleCode: 'TH-EV-REG', hours: 12, description: 'regulations' }],
      validFrom: '2026-01-01',
    }),
    RecognitionAgreement.parse({
      id: 'MRA-MY-AUTO-EV',
      version: 1,
      standardCode: 'BR-AUTO-EV',
      countryCode: 'MY',
      partnerFramework: 'SKM',
      partnerStandard: { code: 'MY-EV-SVC', name: 'EV service' },
      levelMappings: [{ level: 'senior', partnerLevel: 'SKM level 3', source: 'joint analysis' }],
      unitOverlapPercent: 82,
      conditions: [],
      validFrom: '2025-01-01',
    }),
  ],
};

export const ctx: ApplicationContextInput = { scheme, reference };

export const goodEvidence: CandidateEvidence = {
  dateOfBirth: '1996-04-12',
  yearsOfExperience: 5,
  employer: 'Steppe Motors Service LLP',
  priorCertificates: [
    { standardCode: 'BR-AUTO-EV', level: 'intermediate', certificateNumber: 'CN-2022-ABCDEF012345' },
  ],
  documents: ['identity-document', 'photo'],
};

export const register = (
  overrides: Partial<ApplicationCommandOf<'RegisterApplication'>> = {},
): ApplicationCommandOf<'RegisterApplication'> => ({
  type: 'RegisterApplication',
  applicationId,
  candidate: { id: 'KZ-000123', fullName: 'Aigerim Sadykova', nationality: 'KZ', language: 'kk' },
  standardCode: 'BR-AUTO-EV',
  level: 'senior',
  stationId: 'ST-KZ-ALA',
  schemeVersion: 1,
  targetCountries: ['TH', 'MY'],
  actor: almaty,
  at: t0,
  ...overrides,
});

export const approve: ApplicationCommandOf<'ApproveEligibility'> = {
  type: 'ApproveEligibility',
  actor: alice,
  at: day(2),
};
export const enrolAlmaty: ApplicationCommandOf<'EnrolInTraining'> = {
  type: 'EnrolInTraining',
  providerId: 'ST-KZ-ALA',
  actor: almaty,
  at: day(3),
};
export const hours = (h: number, at = day(20)): ApplicationCommandOf<'RecordTrainingHours'> => ({
  type: 'RecordTrainingHours',
  hours: h,
  instructorId: 'INS-KZ-07',
  actor: almaty,
  at,
});
export const signOff = (at = day(40)): ApplicationCommandOf<'SignOffTraining'> => ({
  type: 'SignOffTraining',
  instructorId: 'INS-KZ-07',
  actor: almaty,
  at,
});
export const book = (
  at = day(41),
  scheduledFor = day(50),
  id = sessionId,
): ApplicationCommandOf<'BookAssessment'> => ({
  type: 'BookAssessment',
  session: {
    sessionId: id,
    stationId: 'ST-KZ-ALA',
    standardCode: 'BR-AUTO-EV',
    level: 'senior',
    scheduledFor,
  },
  actor: almaty,
  at,
});
export const result = (
  theory: number,
  practical: number,
  at = day(50),
  id = sessionId,
): ApplicationCommandOf<'RecordAssessmentResult'> => ({
  type: 'RecordAssessmentResult',
  sessionId: id,
  scores: { theory, practical },
  assessorIds: ['EX-0002', 'EX-0011'],
  actor: almaty,
  at,
});

/** Runs commands through decide and evolve, as the workflow does, and returns the events and state. */
export function run(
  commands: ApplicationCommand[],
  context: ApplicationContextInput = ctx,
  from: ApplicationState = initialApplicationState(),
): { state: ApplicationState; events: ApplicationEvent[] } {
  let state = from;
  const events: ApplicationEvent[] = [];
  for (const command of commands) {
    for (const event of decideApplication(command, state, context)) {
      events.push(event);
      state = evolveApplication(state, event);
    }
  }
  return { state, events };
}

export const given = (
  commands: ApplicationCommand[],
  context: ApplicationContextInput = ctx,
): ApplicationState => run(commands, context).state;

export const toRegistered: ApplicationCommand[] = [register()];
export const toEligible: ApplicationCommand[] = [register(), approve];
export const toTrained: ApplicationCommand[] = [...toEligible, enrolAlmaty, hours(240), signOff()];
export const toBooked: ApplicationCommand[] = [...toTrained, book()];
export const toAssessed: ApplicationCommand[] = [...toBooked, result(80, 75)];
