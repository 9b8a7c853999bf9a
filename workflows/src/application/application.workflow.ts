import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApplicationCommand } from '../../../libs/domain/src/application/application.commands';
import {
  decideApplication,
  evolveApplication,
  initialApplicationState,
  type ApplicationState,
} from '../../../libs/domain/src/application/application.decider';
import { DomainError } from '../../../libs/domain/src/shared/domain-error';
import type { Actor } from '../../../libs/domain/src/shared/actor';
import type { LevelCode } from '../../../libs/domain/src/shared/levels';
import type { CorridorActivities } from '../activities.contract';
import {
  approveEligibilityUpdate,
  registrationUpdate,
  decideCertificationUpdate,
  applicationStream,
  stateQuery,
  type ApproveEligibilityArgs,
  type CommandResult,
  type DecideCertificationArgs,
} from './application.messages';

export interface ApplicationWorkflowInput {
  applicationId: string;
  candidate: { id: string; fullName: string; nationality: string; language: string };
  standardCode: string;
  level: LevelCode;
  stationId?: string;
  registeredBy: Actor;
  /** The scheme pinned at registration: later scheme changes never alter this application. */
  scheme: { version: number; validityYears: number };
}

export interface ApplicationWorkflowResult {
  status: ApplicationState['status'];
  certificateNumber?: string;
}

const { appendEvents } = proxyActivities<CorridorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: ['WrongExpectedVersionError', 'InvalidEventError'] },
});

/** Turns a refused command into a failure the caller sees with its reason (HTTP 409 at the API). */
function asFailure(error: unknown): never {
  if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code);
  throw error;
}

export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<ApplicationWorkflowResult> {
  const stream = applicationStream(input.applicationId);
  let state = initialApplicationState();
  let version = 0;
  let busy = false;
  const now = (): string => new Date().toISOString();

  /** Decide, remember, evolve — one command at a time so each append knows its expected version. */
  async function execute(command: ApplicationCommand): Promise<CommandResult> {
    await condition(() => !busy);
    busy = true;
    try {
      let events;
      try {
        events = decideApplication(command, state);
      } catch (error) {
        asFailure(error);
      }
      const appended = await appendEvents({
        stream,
        expectedVersion: version,
        idSeed: workflowInfo().workflowId,
        events,
        metadata: { workflowId: workflowInfo().workflowId, runId: workflowInfo().runId, actor: command.actor.id },
      });
      for (const event of events) state = evolveApplication(state, event);
      version = appended.nextVersion;
      return { state, version, events: events.map((e) => e.type), position: appended.positions.at(-1) ?? 0 };
    } finally {
      busy = false;
    }
  }

  /** Update validators run the same pure decide, so a disallowed command is rejected before it is recorded. */
  const validate = (command: ApplicationCommand): void => {
    try {
      decideApplication(command, state);
    } catch (error) {
      asFailure(error);
    }
  };

  setHandler(stateQuery, () => ({ state, version }));

  setHandler(
    approveEligibilityUpdate,
    (args) => execute({ type: 'ApproveEligibility', actor: args.actor, note: args.note, at: now() }),
    { validator: (args: ApproveEligibilityArgs) => validate({ type: 'ApproveEligibility', actor: args.actor, note: args.note, at: now() }) },
  );

  const decision = (args: { actor: Actor }): ApplicationCommand => ({
    type: 'DecideCertification',
    actor: args.actor,
    decision: 'grant',
    validityYears: input.scheme.validityYears,
    at: now(),
  });
  setHandler(decideCertificationUpdate, (args) => execute(decision(args)), {
    validator: (args: DecideCertificationArgs) => validate(decision(args)),
  });

  const registration: { result?: CommandResult } = {};
  setHandler(registrationUpdate, async () => {
    await condition(() => registration.result !== undefined);
    return registration.result!;
  });

  registration.result = await execute({
    type: 'RegisterApplication',
    applicationId: input.applicationId,
    candidate: input.candidate,
    standardCode: input.standardCode,
    level: input.level,
    stationId: input.stationId,
    schemeVersion: input.scheme.version,
    actor: input.registeredBy,
    at: now(),
  });

  await condition(() => state.status === 'certified');
  await condition(allHandlersFinished);
  return { status: state.status, certificateNumber: state.certificateNumber };
}
