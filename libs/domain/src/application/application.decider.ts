import type { ApplicationCommand } from './application.commands';
import type { ApplicationEvent } from './application.events';
import { refuse } from '../shared/domain-error';
import type { LevelCode } from '../shared/levels';

export type ApplicationStatus = 'new' | 'registered' | 'eligible' | 'certified';

export interface ApplicationState {
  status: ApplicationStatus;
  applicationId?: string;
  candidateId?: string;
  standardCode?: string;
  level?: LevelCode;
  stationId?: string;
  schemeVersion?: number;
  /** Officers who took part in review; none of them may decide certification (four eyes). */
  reviewers: string[];
  decidedBy?: string;
  certificateNumber?: string;
  validUntil?: string;
}

export const initialApplicationState = (): ApplicationState => ({ status: 'new', reviewers: [] });

/** A certificate number derived from the application id, so a replayed decision yields the same number. */
export function certificateNumberFor(applicationId: string, at: string): string {
  return `CN-${at.slice(0, 4)}-${applicationId.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
}

function addYears(iso: string, years: number): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

export function decideApplication(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  switch (command.type) {
    case 'RegisterApplication': {
      if (state.status !== 'new') refuse('already-registered', `application ${state.applicationId} already exists`);
      return [
        {
          type: 'ApplicationRegistered',
          data: {
            applicationId: command.applicationId,
            candidate: command.candidate,
            standardCode: command.standardCode,
            level: command.level,
            stationId: command.stationId,
            schemeVersion: command.schemeVersion,
            registeredBy: command.actor,
            at: command.at,
          },
        },
      ];
    }
    case 'ApproveEligibility': {
      if (command.actor.role !== 'officer') refuse('forbidden', 'only a case officer can approve eligibility');
      if (state.status !== 'registered')
        refuse('invalid-transition', `eligibility can only be approved for a registered application (it is ${state.status})`);
      return [
        { type: 'EligibilityApproved', data: { applicationId: state.applicationId!, by: command.actor, note: command.note, at: command.at } },
      ];
    }
    case 'DecideCertification': {
      if (command.actor.role !== 'officer') refuse('forbidden', 'only a case officer can decide certification');
      if (state.status !== 'eligible')
        refuse('invalid-transition', `certification can only be decided for an eligible application (it is ${state.status})`);
      if (state.reviewers.includes(command.actor.id))
        refuse('four-eyes', `officer ${command.actor.id} took part in the review and cannot also decide certification`);
      const applicationId = state.applicationId!;
      return [
        { type: 'CertificationGranted', data: { applicationId, by: command.actor, at: command.at } },
        {
          type: 'CertificateIssued',
          data: {
            applicationId,
            certificateNumber: certificateNumberFor(applicationId, command.at),
            validFrom: command.at,
            validUntil: addYears(command.at, command.validityYears),
            at: command.at,
          },
        },
      ];
    }
  }
}

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
      };
    case 'EligibilityApproved':
      return { ...state, status: 'eligible', reviewers: [...state.reviewers, event.data.by.id] };
    case 'CertificationGranted':
      return { ...state, decidedBy: event.data.by.id };
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
