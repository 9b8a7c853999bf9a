import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { WithoutAt } from '../shared/complete-command';
import type { SessionCommand } from '../../../libs/domain/src/assessment-session/session.commands';
import type { SessionState } from '../../../libs/domain/src/assessment-session/session.decider';

/** Station actions on a scheduled session. */
export type SessionCommandInput = WithoutAt<Exclude<SessionCommand, { type: 'ScheduleSession' }>>;
export const EXTERNAL_SESSION_COMMANDS = [
  'BookCandidate',
  'CancelSessionBooking',
  'AssignAssessor',
  'SubmitSessionResult',
  'CloseSession',
] as const satisfies readonly SessionCommandInput['type'][];

export interface SessionCommandResult {
  state: SessionState;
  version: number;
  events: string[];
  /** Highest global position written by this command (session stream or the delivered application). */
  position: number;
}

export const sessionScheduledUpdate = defineUpdate<SessionCommandResult>('sessionScheduled');
export const sessionCommandUpdate = defineUpdate<SessionCommandResult, [SessionCommandInput]>(
  'sessionCommand',
);
export const sessionStateQuery = defineQuery<{ state: SessionState; version: number }>('sessionState');

export const sessionStream = (sessionId: string): string => `session-${sessionId}`;
export const sessionWorkflowId = (sessionId: string): string => `session-${sessionId}`;
