import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import { unprintableNameCharacter } from '@corridor/credentials';
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
    return this.viewAfter(applicationId, result);
  }

  /** Any officer or station action: the workflow's validator decides whether it is allowed now. */
  async command(applicationId: string, command: ApplicationCommandInput, principal: Principal): Promise<ApplicationView> {
    await this.assertVisible(applicationId, principal);
    const result = await this.update(applicationId, () =>
      this.runtime.temporal.workflow.getHandle(applicationId).executeUpdate(applicationCommandUpdate, { args: [command] }),
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

  private async assertVisible(applicationId: string, principal: Principal): Promise<ApplicationView> {
    const view = await this.readModel.get(applicationId);
    // 404 rather than 403 for another station's application: its existence is not theirs to learn.
    if (!view || (principal.role === 'station' && view.stationId !== principal.stationId))
      throw new NotFoundException(`application ${applicationId} does not exist`);
    return view;
  }

  /** Read-your-writes: answer once the projection has applied the command's events. */
  private async viewAfter(applicationId: string, result: CommandResult): Promise<ApplicationView> {
    await this.runtime.projector.waitFor(result.position);
    const view = await this.readModel.get(applicationId);
    if (!view) throw new Error(`application ${applicationId} missing from the read model after position ${result.position}`);
    return view;
  }
}
