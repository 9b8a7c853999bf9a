import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { WithoutAt } from '../shared/complete-command';
import type { ApplicationCommand } from '../../../libs/domain/src/application/application.commands';
import type { ApplicationState } from '../../../libs/domain/src/application/application.decider';

/**
 * A command as a client sends it to a running application: everything but the time, which the
 * workflow supplies. Registration and the timer-driven commands are not accepted from outside.
 */
export type ApplicationCommandInput = WithoutAt<
  Exclude<ApplicationCommand, { type: 'RegisterApplication' | 'WithdrawForSilence' | 'EscalateReview' }>
>;
export const EXTERNAL_COMMAND_TYPES = [
  'ApproveEligibility',
  'RejectEligibility',
  'RequestInformation',
  'ProvideInformation',
  'EnrolInTraining',
  'RecordTrainingHours',
  'SignOffTraining',
  'RecognisePriorLearning',
  'CheckRecognition',
  'DecideCertification',
  'DenyCertification',
] as const satisfies readonly ApplicationCommandInput['type'][];

/**
 * Bookings and results reach an application only from an assessment session's workflow, which has
 * checked the session, the station, the booking and the assessors' conflicts of interest first.
 */
export const SESSION_DELIVERED_TYPES = [
  'BookAssessment',
  'CancelAssessmentBooking',
  'RecordAssessmentResult',
] as const satisfies readonly ApplicationCommandInput['type'][];
export type SessionDeliveredCommand = Extract<
  ApplicationCommandInput,
  { type: (typeof SESSION_DELIVERED_TYPES)[number] }
>;

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
/** Every officer and station action; the validator runs `decide` and rejects a disallowed one. */
export const applicationCommandUpdate = defineUpdate<CommandResult, [ApplicationCommandInput]>('command');
/** Sent only by the session workflow's delivery activity; never routed from the API. */
export const sessionDeliveryUpdate = defineUpdate<CommandResult, [SessionDeliveredCommand]>('session-delivery');
export const stateQuery = defineQuery<{ state: ApplicationState; version: number }>('state');

export const applicationStream = (applicationId: string): string => `application-${applicationId}`;
