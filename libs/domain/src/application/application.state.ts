import type { ApplicationEvent } from './application.events';
import type { RecognitionOutcome } from '../recognition/recognition-check';
import type { ProviderKind } from '../scheme/certification-scheme';
import { mergeEvidence, type CandidateEvidence } from '../scheme/eligibility';
import type { LevelCode } from '../shared/levels';

export type ApplicationStatus =
  | 'new'
  | 'registered' // under eligibility review
  | 'awaiting-information'
  | 'eligible'
  | 'in-training'
  | 'trained'
  | 'assessment-booked'
  | 'assessment-failed' // may book again after the cool-down
  | 'assessed' // passed; awaiting recognition checks and the decision
  | 'certified'
  | 'rejected'
  | 'withdrawn'
  | 'refused' // attempts exhausted
  | 'denied';

/** Statuses after which the application accepts no further command. */
export const CLOSED_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'certified',
  'rejected',
  'withdrawn',
  'refused',
  'denied',
];

export interface RecognitionSummary {
  outcome: RecognitionOutcome;
  agreementId?: string;
  agreementVersion?: number;
  unmetConditions: number;
  at: string;
}

export interface ApplicationState {
  status: ApplicationStatus;
  applicationId?: string;
  candidateId?: string;
  standardCode?: string;
  level?: LevelCode;
  stationId?: string;
  schemeVersion?: number;
  registeredAt?: string;
  reviewDueBy?: string;
  reviewEscalated: boolean;
  evidence?: CandidateEvidence;
  targetCountries: string[];
  informationRequest?: { items: string[]; respondBy: string };
  /** Officers who took part in review; none of them may decide certification (four eyes). */
  reviewers: string[];
  /** Everyone who took part in assessing competence (assessors, result recorders, RPL officers): four eyes too. */
  assessors: string[];
  training: {
    providerId?: string;
    providerKind?: ProviderKind;
    hours: number;
    exemptHours: number;
    fullExemption: boolean;
    completed: boolean;
  };
  /** Results recorded so far (each booking that got a result is one attempt). */
  attempts: number;
  booking?: { attempt: number; sessionId: string; stationId: string; scheduledFor: string };
  lastAttemptAt?: string;
  retryNotBefore?: string;
  lastResult?: { weightedScore: number; passed: boolean };
  /** Latest recognition check per target country. */
  recognition: Record<string, RecognitionSummary>;
  decidedBy?: string;
  certificateNumber?: string;
  validUntil?: string;
  closedReason?: string;
}

export const initialApplicationState = (): ApplicationState => ({
  status: 'new',
  reviewEscalated: false,
  targetCountries: [],
  reviewers: [],
  assessors: [],
  training: { hours: 0, exemptHours: 0, fullExemption: false, completed: false },
  attempts: 0,
  recognition: {},
});

const addOnce = (list: string[], ...ids: string[]): string[] => [
  ...list,
  ...ids.filter((id, i) => !list.includes(id) && ids.indexOf(id) === i),
];

/** Where an application stands when no assessment is booked: the status a cancelled booking returns to. */
function readyForAssessmentStatus(state: ApplicationState): ApplicationStatus {
  if (state.attempts > 0) return 'assessment-failed';
  return state.training.completed ? 'trained' : 'eligible';
}

/** Applies one recorded event. Pure and total: replaying a stream always gives the same state. */
export function evolveApplication(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  switch (event.type) {
    case 'ApplicationRegistered':
      return {
        ...state,
        status: 'registered',
        applicationId: event.data.applicationId,
        candidateId: event.data.candidate.id,
        standardCode: event.data.standardCode,
        level: event.data.level,
        stationId: event.data.stationId,
        schemeVersion: event.data.schemeVersion,
        registeredAt: event.data.at,
        reviewDueBy: event.data.reviewDueBy,
        evidence: event.data.evidence,
        targetCountries: event.data.targetCountries ?? [],
      };
    case 'EligibilityApproved':
      return { ...state, status: 'eligible', reviewers: addOnce(state.reviewers, event.data.by.id) };
    case 'EligibilityRejected':
      return {
        ...state,
        status: 'rejected',
        reviewers: addOnce(state.reviewers, event.data.by.id),
        closedReason: event.data.reason,
      };
    case 'InformationRequested':
      return {
        ...state,
        status: 'awaiting-information',
        informationRequest: { items: event.data.items, respondBy: event.data.respondBy },
        reviewers: addOnce(state.reviewers, event.data.by.id),
      };
    case 'InformationProvided':
      return {
        ...state,
        status: 'registered',
        informationRequest: undefined,
        evidence: mergeEvidence(state.evidence, event.data.evidence),
      };
    case 'ApplicationWithdrawn':
      return { ...state, status: 'withdrawn', closedReason: event.data.reason };
    case 'ReviewEscalated':
      return { ...state, reviewEscalated: true };
    case 'TrainingEnrolled':
      return {
        ...state,
        status: 'in-training',
        training: {
          ...state.training,
          providerId: event.data.provider.id,
          providerKind: event.data.provider.kind,
        },
      };
    case 'TrainingHoursRecorded':
      return { ...state, training: { ...state.training, hours: event.data.totalHours } };
    case 'PriorLearningRecognised': {
      const training = {
        ...state.training,
        exemptHours: state.training.exemptHours + event.data.exemptHours,
        fullExemption: state.training.fullExemption || event.data.fullExemption,
        completed: state.training.completed || event.data.fullExemption,
      };
      return {
        ...state,
        status: event.data.fullExemption ? 'trained' : state.status,
        training,
        assessors: addOnce(state.assessors, event.data.by.id),
      };
    }
    case 'TrainingCompleted':
      return { ...state, status: 'trained', training: { ...state.training, completed: true } };
    case 'AssessmentBooked':
      return {
        ...state,
        status: 'assessment-booked',
        booking: {
          attempt: event.data.attempt,
          sessionId: event.data.sessionId,
          stationId: event.data.stationId,
          scheduledFor: event.data.scheduledFor,
        },
      };
    case 'AssessmentBookingCancelled': {
      const withoutBooking = { ...state, booking: undefined };
      return { ...withoutBooking, status: readyForAssessmentStatus(withoutBooking) };
    }
    case 'AssessmentResultRecorded':
      return {
        ...state,
        status: event.data.passed ? 'assessed' : 'assessment-failed',
        booking: undefined,
        attempts: event.data.attempt,
        lastAttemptAt: event.data.at,
        retryNotBefore: event.data.retryNotBefore,
        lastResult: { weightedScore: event.data.weightedScore, passed: event.data.passed },
        assessors: addOnce(state.assessors, ...event.data.assessorIds, event.data.by.id),
      };
    case 'ApplicationRefused':
      return { ...state, status: 'refused', closedReason: event.data.reason };
    case 'RecognitionChecked':
      return {
        ...state,
        targetCountries: addOnce(state.targetCountries, event.data.countryCode),
        recognition: {
          ...state.recognition,
          [event.data.countryCode]: {
            outcome: event.data.outcome,
            agreementId: event.data.agreement?.id,
            agreementVersion: event.data.agreement?.version,
            unmetConditions: event.data.conditionsUnmet.length,
            at: event.data.at,
          },
        },
      };
    case 'CertificationGranted':
      return { ...state, decidedBy: event.data.by.id };
    case 'CertificationDenied':
      return { ...state, status: 'denied', decidedBy: event.data.by.id, closedReason: event.data.reason };
    case 'CertificateIssued':
      return {
        ...state,
        status: 'certified',
        certificateNumber: event.data.certificateNumber,
        validUntil: event.data.validUntil,
      };
  }
}

export const replayApplication = (events: ApplicationEvent[]): ApplicationState =>
  events.reduce(evolveApplication, initialApplicationState());
