import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  SessionCommand,
  type SessionCommandOf,
} from '../../../libs/domain/src/assessment-session/session.commands';
import {
  decideSession,
  evolveSession,
  initialSessionState,
  type SessionState,
} from '../../../libs/domain/src/assessment-session/session.decider';
import type { SessionEvent } from '../../../libs/domain/src/assessment-session/session.events';
import type { CorridorActivities, DeliverToApplicationInput } from '../activities.contract';
import { CommandRunner } from '../shared/command-runner';
import { completeCommand } from '../shared/complete-command';
import {
  EXTERNAL_SESSION_COMMANDS,
  sessionCommandUpdate,
  sessionScheduledUpdate,
  sessionStateQuery,
  sessionStream,
  type SessionCommandInput,
  type SessionCommandResult,
} from './session.messages';

export interface SessionWorkflowInput {
  schedule: Omit<SessionCommandOf<'ScheduleSession'>, 'type' | 'at'>;
}

const { deliverToApplication } = proxyActivities<CorridorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

/**
 * An assessment session run by a station: candidates are booked, assessors assigned (conflict of
 * interest checked), results submitted per candidate. Bookings and results are delivered to each
 * candidate's application first — the application may refuse them (cool-down, wrong state) — and
 * only then recorded in the session, so the two never disagree.
 */
export async function sessionWorkflow(input: SessionWorkflowInput): Promise<SessionState> {
  const runner = new CommandRunner<SessionCommand, SessionEvent, SessionState>(
    sessionStream(input.schedule.sessionId),
    initialSessionState(),
    0,
    (command, state) => decideSession(command, state),
    evolveSession,
  );
  const now = (): string => new Date().toISOString();
  let deliveries = 0;

  const complete = (command: SessionCommandInput): SessionCommand =>
    completeCommand(SessionCommand, EXTERNAL_SESSION_COMMANDS, 'a session', command, now());

  /** The application-side command a session command implies, if any. */
  function forApplication(command: SessionCommand): DeliverToApplicationInput | undefined {
    const s = runner.state;
    // The application re-checks impartiality against its own record of the candidate.
    const assessors = s.assessors.map(({ assessorId, employer, trainingProviderId }) => ({
      assessorId,
      employer,
      ...(trainingProviderId !== undefined ? { trainingProviderId } : {}),
    }));
    const updateId = `${workflowInfo().workflowId}-delivery-${++deliveries}`;
    switch (command.type) {
      case 'BookCandidate':
        return {
          applicationId: command.applicationId,
          updateId,
          command: {
            type: 'BookAssessment',
            actor: command.actor,
            session: {
              sessionId: s.sessionId!,
              stationId: s.stationId!,
              standardCode: s.standardCode!,
              level: s.level!,
              scheduledFor: s.scheduledFor!,
            },
            assessors,
          },
        };
      case 'CancelSessionBooking':
        return {
          applicationId: command.applicationId,
          updateId,
          command: { type: 'CancelAssessmentBooking', actor: command.actor, reason: command.reason },
        };
      case 'SubmitSessionResult':
        return {
          applicationId: command.applicationId,
          updateId,
          command: {
            type: 'RecordAssessmentResult',
            actor: command.actor,
            sessionId: s.sessionId!,
            scores: command.scores,
            assessorIds: command.assessorIds,
            assessors,
          },
        };
      default:
        return undefined;
    }
  }

  setHandler(sessionStateQuery, () => ({ state: runner.state, version: runner.version }));
  setHandler(
    sessionCommandUpdate,
    async (input): Promise<SessionCommandResult> => {
      const command = complete(input);
      return runner.exclusive(async () => {
        runner.validate(command); // the state may have moved while this update waited its turn
        const delivery = forApplication(command);
        let deliveredAt = 0;
        if (delivery) {
          try {
            deliveredAt = (await deliverToApplication(delivery)).position;
          } catch (error) {
            // The application's refusal becomes this update's refusal, reason intact.
            if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)
              throw ApplicationFailure.nonRetryable(error.cause.message, error.cause.type);
            throw error;
          }
        }
        const result = await runner.apply(command);
        return { ...result, position: Math.max(result.position, deliveredAt) };
      });
    },
    { validator: (command: SessionCommandInput) => runner.validate(complete(command)) },
  );

  const scheduled: { result?: SessionCommandResult } = {};
  setHandler(sessionScheduledUpdate, async () => {
    await condition(() => scheduled.result !== undefined);
    return scheduled.result!;
  });
  scheduled.result = await runner.execute({ type: 'ScheduleSession', ...input.schedule, at: now() });

  await condition(() => runner.state.status === 'closed');
  await condition(allHandlersFinished);
  return runner.state;
}
