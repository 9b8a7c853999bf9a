import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CorridorActivities } from '../activities.contract';
import {
  CertificateCommand,
  type CertificateCommandOf,
} from '../../../libs/domain/src/certificate/certificate.commands';
import { decideCertificate } from '../../../libs/domain/src/certificate/certificate.decider';
import {
  evolveCertificate,
  initialCertificateState,
  type CertificateState,
} from '../../../libs/domain/src/certificate/certificate.state';
import type { CertificateEvent } from '../../../libs/domain/src/certificate/certificate.events';
import type { CertificationScheme } from '../../../libs/domain/src/scheme/certification-scheme';
import type { DurationConfig } from '../../../libs/domain/src/scheme/scheme-durations';
import { addSeconds } from '../../../libs/domain/src/shared/iso-time';
import type { Actor } from '../../../libs/domain/src/shared/actor';
import { CommandRunner } from '../shared/command-runner';
import { completeCommand } from '../shared/complete-command';
import {
  EXTERNAL_CERTIFICATE_COMMANDS,
  certificateCommandUpdate,
  certificateStateQuery,
  certificateStream,
  type CertificateCommandInput,
  type CertificateCommandResult,
} from './certificate.messages';

export interface CertificateWorkflowInput {
  activation: Omit<CertificateCommandOf<'ActivateCertificate'>, 'type' | 'at'>;
  scheme: CertificationScheme;
  durations?: DurationConfig;
  /** Set when the workflow continues as new after a renewal: the stream is already written up to here. */
  resume?: {
    state: CertificateState;
    version: number;
    /**
     * The previous run's latest update outcomes by update id. Temporal deduplicates updates by id within
     * one run only; with these a retried update (the API derives its id from the Idempotency-Key) that
     * reaches the new run gets its original result, instead of running again or being refused.
     */
    outcomes?: [updateId: string, result: CertificateCommandResult][];
  };
}

/** How many update outcomes a run hands over when it continues as new (retries come within minutes). */
const CARRIED_OUTCOMES = 50;

const timerActor: Actor = { id: 'system:certificate-timers', role: 'admin' };
const issuanceActor: Actor = { id: 'system:issuance', role: 'admin' };

// Waits for the certificates read model as long as it takes (a stuck projection shows on /health).
const { signCredential } = proxyActivities<CorridorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

type Deadline = { at: string; command?: 'SendRenewalReminder' | 'ExpireCertificate' };

/** What the certificate waits for next: a reminder, expiry, or the end of the renewal grace period. */
function nextDeadline(s: CertificateState): Deadline | undefined {
  if (!s.validUntil || !s.terms) return undefined;
  if (s.status === 'active' && s.reminderSentFor !== s.validUntil)
    return { at: addSeconds(s.validUntil, -s.terms.reminderLeadSeconds), command: 'SendRenewalReminder' };
  if (s.status === 'active' || s.status === 'suspended')
    return { at: s.validUntil, command: 'ExpireCertificate' };
  if (s.status === 'expired') return { at: addSeconds(s.validUntil, s.terms.renewalGraceSeconds) };
  return undefined;
}

/**
 * One certificate's life: active → renewal reminder → expired or renewed; suspended ↔ reinstated;
 * revoked is final. Continues as new after each renewal so a decades-long history stays small.
 */
export async function certificateWorkflow(input: CertificateWorkflowInput): Promise<CertificateState> {
  const stream = certificateStream(input.activation.certificateNumber);
  const context = { scheme: input.scheme, durationConfig: input.durations };
  const runner = new CommandRunner<CertificateCommand, CertificateEvent, CertificateState>(
    stream,
    input.resume?.state ?? initialCertificateState(),
    input.resume?.version ?? 0,
    (command, state) => decideCertificate(command, state, context),
    evolveCertificate,
  );
  const now = (): string => new Date().toISOString();
  let renewed = false;

  const complete = (command: CertificateCommandInput): CertificateCommand =>
    completeCommand(CertificateCommand, EXTERNAL_CERTIFICATE_COMMANDS, 'a certificate', command, now());

  setHandler(certificateStateQuery, () => ({ state: runner.state, version: runner.version }));
  const outcomes = new Map(input.resume?.outcomes ?? []);
  const earlierOutcome = (): CertificateCommandResult | undefined => {
    const id = currentUpdateInfo()?.id;
    return id === undefined ? undefined : outcomes.get(id);
  };
  setHandler(
    certificateCommandUpdate,
    async (command) => {
      const earlier = earlierOutcome();
      if (earlier) return earlier;
      // An officer may act the moment the certificate exists: let its activation land first.
      await condition(() => runner.state.status !== 'new');
      const result = await runner.execute(complete(command));
      if (command.type === 'RenewCertificate') renewed = true;
      const id = currentUpdateInfo()?.id;
      if (id !== undefined) outcomes.set(id, result);
      return result;
    },
    {
      validator: (command: CertificateCommandInput) => {
        if (earlierOutcome()) return;
        const completed = complete(command);
        if (runner.state.status !== 'new') runner.validate(completed);
      },
    },
  );

  /** Signs the credential for the current validity and records it (histories from before replay without). */
  async function recordCredential(): Promise<void> {
    if (!patched('credential-on-record')) return;
    const s = runner.state;
    const credential = await signCredential({ certificateNumber: s.certificateNumber!, validUntil: s.validUntil! });
    await runner.execute({ type: 'RecordCredential', credential, actor: issuanceActor, at: now() });
  }

  if (!input.resume) {
    await runner.execute({ type: 'ActivateCertificate', ...input.activation, at: now() });
    await recordCredential();
  }

  for (;;) {
    if (runner.state.status === 'revoked') break;
    if (renewed) {
      await runner.idle();
      // The renewed validity needs a credential that states it.
      await recordCredential();
      await condition(allHandlersFinished);
      await continueAsNew<typeof certificateWorkflow>({
        ...input,
        resume: { state: runner.state, version: runner.version, outcomes: [...outcomes].slice(-CARRIED_OUTCOMES) },
      });
    }
    const seen = runner.version;
    const deadline = nextDeadline(runner.state);
    if (!deadline) {
      await condition(() => runner.version !== seen || renewed);
      continue;
    }
    const waitMs = Math.max(Date.parse(deadline.at) - Date.now(), 0) + 1;
    if (await condition(() => runner.version !== seen || renewed, waitMs)) continue;
    if (!deadline.command) break; // expired and the renewal grace period is over: nothing more can happen
    await runner.idle();
    if (runner.version !== seen) continue;
    await runner.execute({ type: deadline.command, actor: timerActor, at: now() });
  }
  await condition(allHandlersFinished);
  return runner.state;
}
