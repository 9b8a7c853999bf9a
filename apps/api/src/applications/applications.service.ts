import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Actor, RegisterApplicationInput } from '@corridor/domain';
import {
  approveEligibilityUpdate,
  decideCertificationUpdate,
  registrationUpdate,
  type CommandResult,
  type ApplicationWorkflowInput,
} from '../../../../workflows/src/public';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import type { Principal } from '../auth/principal';
import { ApplicationsReadModel } from './applications.read-model';
import type { ApplicationView, WorklistQuery } from './applications.schemas';
import { SchemeResolver } from './scheme-resolver';
import { toHttpError } from './temporal-errors';

const actorOf = (p: Principal): Actor => ({ id: p.sub, role: p.role, stationId: p.stationId });

@Injectable()
export class ApplicationsService {
  private readonly readModel: ApplicationsReadModel;

  constructor(
    @Inject(API_RUNTIME) private readonly runtime: ApiRuntime,
    @Inject(SchemeResolver) private readonly schemes: SchemeResolver,
  ) {
    this.readModel = new ApplicationsReadModel(runtime.db);
  }

  async register(input: RegisterApplicationInput, principal: Principal): Promise<ApplicationView> {
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
    const applicationId = randomUUID();
    const workflowInput: ApplicationWorkflowInput = {
      applicationId,
      candidate: input.candidate,
      standardCode: input.standardCode,
      level: input.level,
      stationId: input.stationId,
      registeredBy: actorOf(principal),
      scheme,
    };
    const result = await this.runtime.temporal.workflow.executeUpdateWithStart(registrationUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation('applicationWorkflow', {
        workflowId: applicationId,
        taskQueue: this.runtime.config.TEMPORAL_TASK_QUEUE,
        args: [workflowInput],
        workflowIdConflictPolicy: 'FAIL',
      }),
    });
    return this.viewAfter(applicationId, result);
  }

  async approveEligibility(applicationId: string, note: string | undefined, principal: Principal): Promise<ApplicationView> {
    await this.assertVisible(applicationId, principal);
    const result = await this.update(applicationId, () =>
      this.handle(applicationId).executeUpdate(approveEligibilityUpdate, { args: [{ actor: actorOf(principal), note }] }),
    );
    return this.viewAfter(applicationId, result);
  }

  async decide(applicationId: string, principal: Principal): Promise<ApplicationView> {
    await this.assertVisible(applicationId, principal);
    const result = await this.update(applicationId, () =>
      this.handle(applicationId).executeUpdate(decideCertificationUpdate, { args: [{ actor: actorOf(principal), decision: 'grant' }] }),
    );
    return this.viewAfter(applicationId, result);
  }

  async get(applicationId: string, principal: Principal): Promise<ApplicationView> {
    return this.assertVisible(applicationId, principal);
  }

  list(query: WorklistQuery, principal: Principal): Promise<{ items: ApplicationView[]; nextCursor: string | null }> {
    // A station sees its own candidates only, whatever filter it sends.
    return this.readModel.list({ ...query, onlyStation: principal.role === 'station' ? (principal.stationId ?? '\u0000') : undefined });
  }

  private handle(applicationId: string) {
    return this.runtime.temporal.workflow.getHandle(applicationId);
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
