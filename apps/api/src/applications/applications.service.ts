import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { uuidFrom } from '../common/derived-uuid';
import { StreamNotFoundError } from '@corridor/event-store';
import { unprintableNameCharacter } from '@corridor/credentials';
import { CLOSED_APPLICATION_STATUSES, decideApplication, initialApplicationState, type RegisterApplicationInput } from '@corridor/domain';
import {
  applicationCommandUpdate,
  registrationUpdate,
  type ApplicationCommandInput,
  type ApplicationWorkflowInput,
  type CommandResult,
} from '../../../../workflows/src/public';
import { durationConfig } from '../config/corridor-config';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { actorOf, type Principal } from '../auth/principal';
import { ApplicationsReadModel } from './applications.read-model';
import type { ApplicationView, WorklistQuery } from './applications.schemas';
import { SchemeResolver } from './scheme-resolver';
import { explainStartRefusal, toHttpError } from '../common/temporal-errors';
import { CertificatesReadModel } from '../certificates/certificates.read-model';
import { CandidacyReservations } from './candidacy-reservations';
import { idempotentUpdateId } from '../idempotency/idempotency.context';
import { viewAfter, ViewPending } from '../common/view-pending';
import { applicationsProjection } from '@corridor/projections';

export interface TimelineEntry {
  version: number;
  type: string;
  at: string;
  by?: { id: string; role: string };
}

@Injectable()
export class ApplicationsService {
  private readonly readModel: ApplicationsReadModel;
  private readonly certificates: CertificatesReadModel;
  private readonly reservations: CandidacyReservations;
  private readonly durations = durationConfig();

  constructor(
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
    @Inject(SchemeResolver) private readonly schemes: SchemeResolver,
  ) {
    this.readModel = new ApplicationsReadModel(runtime.db);
    this.certificates = new CertificatesReadModel(runtime.db);
    this.reservations = new CandidacyReservations(runtime.db, runtime.temporal, async (id) => {
      const view = await this.readModel.get(id);
      return view !== undefined && (CLOSED_APPLICATION_STATUSES as readonly string[]).includes(view.status);
    });
  }

  async register(input: RegisterApplicationInput, principal: Principal, idempotencyKey?: string): Promise<ApplicationView | ViewPending> {
    if (principal.role === 'station') {
      if (input.stationId && input.stationId !== principal.stationId)
        throw new ForbiddenException(`a station can only register candidates for its own station (${principal.stationId})`);
      input = { ...input, stationId: principal.stationId };
    }
    // Nothing is certified that its PDF could not print: a name in a script no certificate font draws
    // (or with symbols, emoji, control characters) is refused here, before anything is recorded.
    const unprintable = unprintableNameCharacter(input.candidate.fullName);
    if (unprintable)
      throw new UnprocessableEntityException({
        type: 'problem',
        title: 'candidate name not printable',
        detail: `the full name holds ${unprintable}, which the certificate cannot print (letters, marks, digits, spaces and punctuation of the supported scripts only)`,
        code: 'candidate-name-unprintable',
        codePoint: unprintable,
        errors: [{ path: 'candidate.fullName', message: `${unprintable} cannot be printed on the certificate` }],
      });
    const scheme = this.schemes.resolve(input.standardCode, input.level);
    if (!scheme)
      throw new UnprocessableEntityException({
        type: 'problem',
        title: 'unknown certification scheme',
        detail: `no scheme for standard ${input.standardCode} at level ${input.level}`,
        code: 'unknown-scheme',
        errors: [{ path: 'standardCode', message: `no scheme for ${input.standardCode} at level ${input.level}` }],
      });
    // With an Idempotency-Key the id follows from (caller, key): a retry after a lost answer reaches the
    // same workflow and gets its registration back instead of starting a second application.
    const applicationId = idempotencyKey ? uuidFrom(`${principal.sub}\u0000${idempotencyKey}`) : randomUUID();
    const workflowInput: ApplicationWorkflowInput = {
      applicationId,
      registration: input,
      registeredBy: actorOf(principal),
      scheme,
      durations: this.durations,
    };
    this.checkRegistration(workflowInput);
    await this.claimCandidacy(applicationId, input);
    let result: CommandResult;
    try {
      result = await this.runtime.temporal.workflow.executeUpdateWithStart(registrationUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation('applicationWorkflow', {
          workflowId: applicationId,
          taskQueue: this.runtime.config.TEMPORAL_TASK_QUEUE,
          args: [workflowInput],
          workflowIdConflictPolicy: idempotencyKey ? 'USE_EXISTING' : 'FAIL',
          // A retry whose application has meanwhile closed must find it, not start it over on its stream.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      });
    } catch (error) {
      if (idempotencyKey && error instanceof WorkflowExecutionAlreadyStartedError) {
        // The registration this key made was recorded long ago: answer with the application as it stands.
        const view = await this.readModel.get(applicationId);
        if (view) return view;
      }
      await this.reservations.release(input.candidate.id, input.standardCode, applicationId);
      throw toHttpError(await explainStartRefusal(error, this.runtime.temporal, applicationId), applicationId);
    }
    return this.viewAfter(applicationId, result);
  }

  /**
   * The domain's registration rules (station accredited for the standard, target countries known…)
   * run before any workflow exists, so a refused registration leaves no workflow and no events. The
   * workflow decides the same command again when it starts; it is pure, so it agrees.
   */
  private checkRegistration(workflowInput: ApplicationWorkflowInput): void {
    const { applicationId, registration, registeredBy, scheme, durations } = workflowInput;
    const command = {
      type: 'RegisterApplication' as const,
      applicationId,
      ...registration,
      schemeVersion: scheme.version,
      actor: registeredBy,
      at: new Date().toISOString(),
    };
    try {
      decideApplication(command, initialApplicationState(), { scheme, durationConfig: durations });
    } catch (error) {
      throw toHttpError(error, applicationId);
    }
  }

  /**
   * One open application per candidate and standard (taken atomically, see CandidacyReservations), and
   * none while the candidate holds a live certificate for the standard at the level.
   */
  private async claimCandidacy(applicationId: string, input: RegisterApplicationInput): Promise<void> {
    const candidateId = input.candidate.id;
    const duplicate = (open: string) =>
      new ConflictException({
        type: 'problem',
        title: 'duplicate application',
        detail: `candidate ${candidateId} already has an open application for ${input.standardCode} (${open})`,
        code: 'duplicate-application',
        applicationId: open,
      });
    await this.assertNoCertificateHeld(input);
    // Applications registered before reservations existed are known to the read model only.
    const open = await this.readModel.openApplicationFor(candidateId, input.standardCode);
    if (open && open !== applicationId) throw duplicate(open);
    const reservation = await this.reservations.reserve(candidateId, input.standardCode, applicationId);
    if (reservation.kind === 'held') throw duplicate(reservation.applicationId);
    if (reservation.mine === 'again') return; // a retry of this very registration (same Idempotency-Key)
    try {
      // Taken over from an application that just closed: its certificate may not be projected yet.
      if (reservation.mine === 'taken-over') await this.runtime.projector.waitFor(await this.runtime.store.headPosition());
      await this.assertNoCertificateHeld(input);
    } catch (error) {
      await this.reservations.release(candidateId, input.standardCode, applicationId);
      throw error;
    }
  }

  private async assertNoCertificateHeld(input: RegisterApplicationInput): Promise<void> {
    const held = await this.certificates.heldBy(input.candidate.id, input.standardCode, input.level);
    if (held)
      throw new ConflictException({
        type: 'problem',
        title: 'certificate held',
        detail: `candidate ${input.candidate.id} already holds certificate ${held} for ${input.standardCode} at level ${input.level}`,
        code: 'certificate-held',
        certificateNumber: held,
      });
  }

  /** Any officer or station action: the workflow's validator decides whether it is allowed now. */
  async command(applicationId: string, command: ApplicationCommandInput, principal: Principal): Promise<ApplicationView | ViewPending> {
    await this.assertCommandable(applicationId, principal);
    // With an Idempotency-Key the update id follows from it: a retry after a lost answer gets the
    // original outcome from Temporal instead of a refusal of the already-applied command.
    const updateId = idempotentUpdateId();
    const result = await this.update(applicationId, () =>
      this.runtime.temporal.workflow.getHandle(applicationId).executeUpdate(applicationCommandUpdate, { args: [command], updateId }),
    );
    return this.viewAfter(applicationId, result);
  }

  /** The application with its timeline: every recorded event, who caused it and when. */
  async get(applicationId: string, principal: Principal): Promise<ApplicationView & { timeline: TimelineEntry[] }> {
    const view = await this.assertVisible(applicationId, principal);
    const timeline: TimelineEntry[] = [];
    for await (const event of this.runtime.store.readStream(`application-${applicationId}`, { to: view.version })) {
      const data = event.data as { at?: string; by?: { id: string; role: string }; registeredBy?: { id: string; role: string } };
      const by = data.by ?? data.registeredBy;
      timeline.push({ version: event.version, type: event.type, at: data.at ?? event.recordedAt.toISOString(), ...(by ? { by: { id: by.id, role: by.role } } : {}) });
    }
    return { ...view, timeline };
  }

  list(query: WorklistQuery, principal: Principal): Promise<{ items: ApplicationView[]; nextCursor: string | null }> {
    // A station sees its own candidates only, whatever filter it sends.
    return this.readModel.list({ ...query, onlyStation: principal.role === 'station' ? (principal.stationId ?? '\u0000') : undefined });
  }

  private async update(applicationId: string, run: () => Promise<CommandResult>): Promise<CommandResult> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError && (await this.readModel.get(applicationId)))
        throw new ConflictException(`application ${applicationId} is closed and accepts no further commands`);
      throw toHttpError(error, applicationId);
    }
  }

  /**
   * Like assertVisible, but an application the read model does not show yet (its registration was
   * answered 202 a moment ago) is looked up in its own stream: a client that goes on right after a
   * 202 must not be told that the application it just registered does not exist.
   */
  private async assertCommandable(applicationId: string, principal: Principal): Promise<void> {
    const view = await this.readModel.get(applicationId);
    let stationId = view?.stationId;
    if (!view) {
      const registered = await this.registrationOf(applicationId);
      if (!registered) throw new NotFoundException(`application ${applicationId} does not exist`);
      stationId = registered.stationId ?? null;
    }
    if (principal.role === 'station' && stationId !== principal.stationId)
      throw new NotFoundException(`application ${applicationId} does not exist`);
  }

  private async registrationOf(applicationId: string): Promise<{ stationId?: string } | undefined> {
    try {
      for await (const event of this.runtime.store.readStream(`application-${applicationId}`, { to: 1 }))
        if (event.type === 'ApplicationRegistered') return event.data as { stationId?: string };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  private async assertVisible(applicationId: string, principal: Principal): Promise<ApplicationView> {
    const view = await this.readModel.get(applicationId);
    // 404 rather than 403 for another station's application: its existence is not theirs to learn.
    if (!view || (principal.role === 'station' && view.stationId !== principal.stationId))
      throw new NotFoundException(`application ${applicationId} does not exist`);
    return view;
  }

  /**
   * Read-your-writes: answer once the applications projection has applied the command's events. The
   * command is recorded by now, so a late or failing projection gives 202 with the command's result
   * (ViewPending), never an error.
   */
  private viewAfter(applicationId: string, result: CommandResult): Promise<ApplicationView | ViewPending> {
    return viewAfter(this.runtime.projector, {
      position: result.position,
      projections: [applicationsProjection.name],
      location: `/applications/${applicationId}`,
      result: {
        applicationId,
        status: result.state.status,
        version: result.version,
        events: result.events,
        position: result.position,
      },
      read: () => this.readModel.get(applicationId),
    });
  }
}
