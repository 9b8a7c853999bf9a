import type { AssessorTies, CandidateTies } from './conflict-of-interest';
import type { SessionEvent } from './session.events';
import type { ConflictOfInterestRule } from '../scheme/certification-scheme';
import type { LevelCode } from '../shared/levels';

export type SessionStatus = 'new' | 'scheduled' | 'closed';

export interface SessionState {
  status: SessionStatus;
  sessionId?: string;
  stationId?: string;
  standardCode?: string;
  level?: LevelCode;
  schemeVersion?: number;
  conflictRule?: ConflictOfInterestRule;
  scheduledFor?: string;
  capacity: number;
  bookings: CandidateTies[];
  assessors: (AssessorTies & { name: string })[];
  /** Submitted results by application id. */
  results: Record<string, { theory: number; practical: number; assessorIds: string[] }>;
  absentees: string[];
}

export const initialSessionState = (): SessionState => ({
  status: 'new',
  capacity: 0,
  bookings: [],
  assessors: [],
  results: {},
  absentees: [],
});

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'SessionScheduled':
      return {
        ...state,
        status: 'scheduled',
        sessionId: event.data.sessionId,
        stationId: event.data.stationId,
        standardCode: event.data.standardCode,
        level: event.data.level,
        schemeVersion: event.data.schemeVersion,
        conflictRule: event.data.conflictRule,
        scheduledFor: event.data.scheduledFor,
        capacity: event.data.capacity,
      };
    case 'SessionCandidateBooked':
      return {
        ...state,
        bookings: [
          ...state.bookings,
          {
            applicationId: event.data.applicationId,
            candidateId: event.data.candidateId,
            employer: event.data.employer,
            trainingProviderId: event.data.trainingProviderId,
          },
        ],
      };
    case 'SessionCandidateCancelled':
      return {
        ...state,
        bookings: state.bookings.filter((b) => b.applicationId !== event.data.applicationId),
      };
    case 'AssessorAssigned':
      return {
        ...state,
        assessors: [
          ...state.assessors,
          {
            assessorId: event.data.assessorId,
            name: event.data.name,
            employer: event.data.employer,
            trainingProviderId: event.data.trainingProviderId,
          },
        ],
      };
    case 'SessionResultSubmitted':
      return {
        ...state,
        results: {
          ...state.results,
          [event.data.applicationId]: { ...event.data.scores, assessorIds: event.data.assessorIds },
        },
      };
    case 'SessionClosed':
      return { ...state, status: 'closed', absentees: event.data.absentees };
  }
}

export const replaySession = (events: SessionEvent[]): SessionState =>
  events.reduce(evolveSession, initialSessionState());
