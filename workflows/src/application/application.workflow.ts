import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApplicationEvent } from '../../../libs/domain/src/application/application.events';
import { certificateWorkflow } from '../certificate/certificate.workflow';
import { certificateWorkflowId } from '../certificate/certificate.messages';
import {
  ApplicationCommand,
  type RegisterApplicationInput,
} from '../../../libs/domain/src/application/application.commands';
import {
  CLOSED_APPLICATION_STATUSES,
  decideApplication,
  evolveApplication,
  initialApplicationState,
  type ApplicationState,
} from '../../../libs/domain/src/application/application.decider';
import type { ApplicationContextInput } from '../../../libs/domain/src/application/application.context';
import type { CertificationScheme } from '../../../libs/domain/src/scheme/certification-scheme';
import type { DurationConfig } from '../../../libs/domain/src/scheme/scheme-durations';
import { DomainError } from '../../../libs/domain/src/shared/domain-error';
import type { Actor } from '../../../libs/domain/src/shared/actor';
import type { CorridorActivities } from '../activities.contract';
import { completeCommand } from '../shared/complete-command';
import {
  EXTERNAL_COMMAND_TYPES,
  SESSION_DELIVERED_TYPES,
  applicationCommandUpdate,
  sessionDeliveryUpdate,
  applicationStream,
  registrationUpdate,
  stateQuery,
  type ApplicationCommandInput,
  type CommandResult,
  type SessionDeliveredCommand,
} from './application.messages';

export interface ApplicationWorkflowInput {
  applicationId: string;
  registration: RegisterApplicationInput;
  registeredBy: Actor;
  /** The scheme pinned at registration: later scheme changes never alter this application. */
  scheme: CertificationScheme;
  /** From deployment configuration, so tests can turn days into seconds. */
  durations?: DurationConfig;
}

export interface ApplicationWorkflowResult {
  status: ApplicationState['status'];
  certificateNumber?: string;
}

const { appendEvents } = proxyActivities<CorridorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: ['WrongExpectedVersionError', 'InvalidEventError'] },
});

/** Deadlines are enforced by the workflow itself, acting as this system actor. */
const deadlineActor: Actor = { id: 'system:deadlines', role: 'admin' };

/** Turns a refused command into a failure the caller sees with its reason (HTTP 409/403 at the API). */
function asFailure(error: unknown): never {
  if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code);
  throw error;
}

const isClosed = (state: ApplicationState): boolean => CLOSED_APPLICATION_STATUSES.includes(state.status);

/** The next deadline the workflow must act on by itself, if any. */
function nextDeadline(
  state: ApplicationState,
): { at: string; type: 'EscalateReview' | 'WithdrawForSilence' } | undefined {
  if (state.status === 'awaiting-information' && state.informationRequest)
    return { at: state.informationRequest.respondBy, type: 'WithdrawForSilence' };
  if (state.status === 'registered' && !state.reviewEscalated && state.reviewDueBy)
    return { at: state.reviewDueBy, type: 'EscalateReview' };
  return undefined;
}

export async function applicationWorkflow(
  input: ApplicationWorkflowInput,
): Promise<ApplicationWorkflowResult> {
  const stream = applicationStream(input.applicationId);
  const scheme = input.scheme;
  const context: ApplicationContextInput = { scheme, durationConfig: input.durations };
  const sessionContext: ApplicationContextInput = { ...context, viaSession: true };
  let state = initialApplicationState();
  let version = 0;
  let busy = false;
  let issued: Extract<ApplicationEvent, { type: 'CertificateIssued' }> | undefined;
  const now = (): string => new Date().toISOString();

  /** Decide, remember, evolve — one command at a time so each append knows its expected version. */
  async function execute(
    command: ApplicationCommand,
    ctx: ApplicationContextInput = context,
  ): Promise<CommandResult> {
    await condition(() => !busy);
    busy = true;
    try {
      let events;
      try {
        events = decideApplication(command, state, ctx);
      } catch (error) {
        asFailure(error);
      }
      const appended = await appendEvents({
        stream,
        expectedVersion: version,
        idSeed: workflowInfo().workflowId,
        events,
        metadata: { workflowId: workflowInfo().workflowId, actor: command.actor.id },
      });
      for (const event of events) {
        state = evolveApplication(state, event);
        if (event.type === 'CertificateIssued') issued = event;
      }
      version = appended.nextVersion;
      return { state, version, events: events.map((e) => e.type), position: appended.positions.at(-1) ?? 0 };
    } finally {
      busy = false;
    }
  }

  /** The command as the decider sees it; validity always comes from the pinned scheme, whatever the client sent. */
  function complete(command: ApplicationCommandInput, accepted: readonly string[]): ApplicationCommand {
    const pinned =
      command.type === 'DecideCertification'
        ? { ...command, validityYears: scheme.certificate.validityYears }
        : command;
    return completeCommand(ApplicationCommand, accepted, 'an application', pinned, now());
  }
  /**
   * Histories recorded before bookings and results came only through sessions carry them as `command`
   * updates: the handler still runs them on replay (validators do not run on replay), while the
   * validator refuses them for every new update.
   */
  const replayableCommandTypes = [...EXTERNAL_COMMAND_TYPES, ...SESSION_DELIVERED_TYPES];

  setHandler(stateQuery, () => ({ state, version }));
  setHandler(applicationCommandUpdate, (command) => execute(complete(command, replayableCommandTypes)), {
    validator: (command: ApplicationCommandInput) => {
      try {
        decideApplication(complete(command, EXTERNAL_COMMAND_TYPES), state, context);
      } catch (error) {
        asFailure(error);
      }
    },
  });
  setHandler(
    sessionDeliveryUpdate,
    (command: SessionDeliveredCommand) =>
      execute(complete(command, SESSION_DELIVERED_TYPES), sessionContext),
    {
      validator: (command: SessionDeliveredCommand) => {
        try {
          decideApplication(complete(command, SESSION_DELIVERED_TYPES), state, sessionContext);
        } catch (error) {
          asFailure(error);
        }
      },
    },
  );

  const registration: { result?: CommandResult } = {};
  setHandler(registrationUpdate, async () => {
    await condition(() => registration.result !== undefined);
    return registration.result!;
  });

  registration.result = await execute({
    type: 'RegisterApplication',
    applicationId: input.applicationId,
    ...input.registration,
    schemeVersion: input.scheme.version,
    actor: input.registeredBy,
    at: now(),
  });

  while (!isClosed(state)) {
    const seen = version;
    const deadline = nextDeadline(state);
    if (!deadline) {
      await condition(() => version !== seen);
      continue;
    }
    const waitMs = Math.max(Date.parse(deadline.at) - Date.now(), 0) + 1;
    const changed = await condition(() => version !== seen, waitMs);
    if (changed) continue;
    await condition(() => !busy);
    if (version !== seen) continue; // a command slipped in while we woke up: re-evaluate
    await execute({ type: deadline.type, actor: deadlineActor, at: now() });
  }

  await condition(allHandlersFinished);
  // Histories recorded before certificates had their own workflow completed here without a child.
  if (issued && patched('certificate-workflow')) await startCertificate(issued.data, state, input);
  return { status: state.status, certificateNumber: state.certificateNumber };
}

/** Hands the certificate over to its own long-lived workflow, which outlives this application. */
async function startCertificate(
  issued: Extract<ApplicationEvent, { type: 'CertificateIssued' }>['data'],
  state: ApplicationState,
  input: ApplicationWorkflowInput,
): Promise<void> {
  await startChild(certificateWorkflow, {
    workflowId: certificateWorkflowId(issued.certificateNumber),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        activation: {
          certificateNumber: issued.certificateNumber,
          applicationId: issued.applicationId,
          candidateId: state.candidateId!,
          standardCode: state.standardCode!,
          level: state.level!,
          schemeVersion: input.scheme.version,
          validFrom: issued.validFrom,
          validUntil: issued.validUntil,
          actor: { id: state.decidedBy ?? 'system:issuance', role: 'officer' },
        },
        scheme: input.scheme,
        durations: input.durations,
      },
    ],
  });
}
