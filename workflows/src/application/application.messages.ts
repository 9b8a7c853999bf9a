import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApplicationState } from '../../../libs/domain/src/application/application.decider';
import type { Actor } from '../../../libs/domain/src/shared/actor';

export interface ApproveEligibilityArgs {
  actor: Actor;
  note?: string;
}
export interface DecideCertificationArgs {
  actor: Actor;
  decision: 'grant';
}

/** What every update returns: the application's state after the events it appended. */
export interface CommandResult {
  state: ApplicationState;
  version: number;
  events: string[];
  /** Global position of the last appended event, so readers can wait for their projections. */
  position: number;
}

/** Completes once registration is recorded; sent with update-with-start so the caller learns the outcome. */
export const registrationUpdate = defineUpdate<CommandResult>('registration');
export const approveEligibilityUpdate = defineUpdate<CommandResult, [ApproveEligibilityArgs]>('approveEligibility');
export const decideCertificationUpdate = defineUpdate<CommandResult, [DecideCertificationArgs]>('decideCertification');
export const stateQuery = defineQuery<{ state: ApplicationState; version: number }>('state');

export const applicationStream = (applicationId: string): string => `application-${applicationId}`;
