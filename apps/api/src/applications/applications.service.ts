import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import type { RegisterApplicationInput } from '@corridor/domain';
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
import { toHttpError } from '../common/temporal-errors';
import { readModelsCaughtUp } from '../common/read-your-writes';

/** What the API knew of an application before a command: the read model's row, or the registration. */
type KnownView = Omit<ApplicationView, 'status' | 'reviewDueBy' | 'certificateNumber' | 'validUntil' | 'updatedAt' | 'version'>;

function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

export interface TimelineEntry {
  version: number;
  type: string;
  at: string;
  by?: { id: string; role: string };
}

@Injectable()
export class ApplicationsService {
  private readonly readModel: ApplicationsReadModel;
  private readonly durations = durationConfig();

  constructor(
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
    @Inject(SchemeResolver) private readonly schemes: SchemeResolver,
  ) {
    this.readModel = new ApplicationsReadModel(runtime.db);
  }

  async register(input: RegisterApplicationInput, principal: Principal, idempotencyKey?: string): Promise<ApplicationView> {
    if (principal.role === 'station') {
      if (input.stationId && input.stationId !== principal.stationId)
        throw new ForbiddenException(`a station can only register candidates for its own station (${principal.stationId})`);
      input = { ...input, stationId: principal.stationId };
    }
    const scheme = this.schemes.resolve(input.standardCode, input.level);
    if (!scheme)
      throw new UnprocessableEntityException({
        type: 'problem',
        title: 'unknown certification scheme',
        detail: `no scheme for standard ${input.standardCode} at level ${input.level}`,
        errors: [{ path: 'standardCode', message: `no scheme for ${input.standardCode} at level ${input.level}` }],
      });
    // With an Idempotency-Key the id follows from (caller, key): a retry after a lost answer reaches the
    // same workflow and gets its registration back instead of starting a second application.
    const applicationId = idempotencyKey ? uuidFrom(`${principal.sub}\u0000${idempotencyKey}`) : randomUUID();
    const open = await this.readModel.openApplicationFor(input.candidate.id, input.standardCode);
    if (open && open !== applicationId)
      throw new ConflictException({
        type: 'problem',
        title: 'duplicate application',
        detail: `candidate ${input.candidate.id} already has an open application for ${input.standardCode} (${open})`,
        code: 'duplicate-application',
        applicationId: open,
      });
    const workflowInput: ApplicationWorkflowInput = {
      applicationId,
      registration: input,
      registeredBy: actorOf(principal),
      scheme,
      durations: this.durations,
    };
    const result = await this.update(applicationId, () =>
      this.runtime.temporal.workflow.executeUpdateWithStart(registrationUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation('applicationWorkflow', {
          workflowId: applicationId,
          taskQueue: this.runtime.config.TEMPORAL_TASK_QUEUE,
          args: [workflowInput],
          workflowIdConflictPolicy: idempotencyKey ? 'USE_EXISTING' : 'FAIL',
        }),
      }),
    );
    const { candidate } = input;
    return this.viewAfter(applicationId, result, {
      applicationId,
      candidateId: candidate.id,
      candidateName: candidate.fullName,
      nationality: candidate.nationality,
      language: candidate.language ?? '',
      standardCode: input.standardCode,
      level: input.level,
      stationId: input.stationId ?? null,
      schemeVersion: scheme.version,
      registeredAt: result.state.registeredAt ?? new Date().toISOString(),
    });
  }

  /** Any officer or station action: the workflow's validator decides whether it is allowed now. */
  async command(applicationId: string, command: ApplicationCommandInput, principal: Principal): Promise<ApplicationView> {
    const before = await this.assertVisible(applicationId, principal);
    const result = await this.update(applicationId, () =>
      this.runtime.temporal.workflow.getHandle(applicationId).executeUpdate(applicationCommandUpdate, { args: [command] }),
    );
    return this.viewAfter(applicationId, result, before);
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

  private async assertVisible(applicationId: string, principal: Principal): Promise<ApplicationView> {
    const view = await this.readModel.get(applicationId);
    // 404 rather than 403 for another station's application: its existence is not theirs to learn.
    if (!view || (principal.role === 'station' && view.stationId !== principal.stationId))
      throw new NotFoundException(`application ${applicationId} does not exist`);
    return view;
  }

  /**
   * Read-your-writes: answer once the projection has applied the command's events. The command is
   * recorded by now, so when the read model lags or cannot be read the answer is built from the
   * workflow's own state over what was known before (`known`), never a 5xx.
   */
  private async viewAfter(applicationId: string, result: CommandResult, known: KnownView): Promise<ApplicationView> {
    if (await readModelsCaughtUp(this.runtime.projector, result.position)) {
      const view = await this.readModel.get(applicationId).catch(() => undefined);
      if (view && view.version >= result.version) return view;
    }
    const { state } = result;
    return {
      ...known,
      stationId: state.stationId ?? known.stationId,
      status: state.status,
      reviewDueBy: state.reviewDueBy ?? null,
      certificateNumber: state.certificateNumber ?? null,
      validUntil: state.validUntil ?? null,
      updatedAt: new Date().toISOString(),
      version: result.version,
    };
  }
}
