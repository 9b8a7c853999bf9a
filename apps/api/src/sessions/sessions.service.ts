import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { decideSession, initialSessionState, type ApplicationState, type SessionState } from '@corridor/domain';
import {
  sessionCommandUpdate,
  sessionScheduledUpdate,
  sessionStateQuery,
  sessionWorkflowId,
  stateQuery,
  type SessionCommandInput,
  type SessionCommandResult,
  type SessionWorkflowInput,
} from '../../../../workflows/src/public';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { actorOf, type Principal } from '../auth/principal';
import { uuidFrom } from '../common/derived-uuid';
import { explainStartRefusal, toHttpError } from '../common/temporal-errors';
import { idempotentUpdateId } from '../idempotency/idempotency.context';
import { viewAfter, type ViewPending } from '../common/view-pending';
import { applicationsProjection } from '@corridor/projections';
import type { z } from 'zod';
import type { ScheduleSessionBody } from './sessions.schemas';

export interface SessionView {
  sessionId: string;
  status: SessionState['status'];
  stationId?: string;
  standardCode?: string;
  level?: string;
  scheduledFor?: string;
  capacity: number;
  booked: string[];
  assessors: string[];
  results: string[];
  version: number;
}

function view(sessionId: string, state: SessionState, version: number): SessionView {
  return {
    sessionId,
    status: state.status,
    stationId: state.stationId,
    standardCode: state.standardCode,
    level: state.level,
    scheduledFor: state.scheduledFor,
    capacity: state.capacity,
    booked: state.bookings.map((b) => b.applicationId),
    assessors: state.assessors.map((a) => a.assessorId),
    results: Object.keys(state.results),
    version,
  };
}

/** Whether an existing session is the one this request schedules (a retry), not another under the same id. */
function sameSchedule(state: SessionState, schedule: SessionWorkflowInput['schedule']): boolean {
  return (
    state.stationId === schedule.stationId &&
    state.standardCode === schedule.standardCode &&
    state.level === schedule.level &&
    state.capacity === schedule.capacity &&
    Date.parse(state.scheduledFor ?? '') === Date.parse(schedule.scheduledFor)
  );
}

const duplicateSession = (sessionId: string, why = 'with another schedule') =>
  new ConflictException({ type: 'problem', title: 'duplicate session', detail: `session ${sessionId} already exists ${why}`, code: 'duplicate-session' });

/** Stations run assessment sessions; each is a workflow that delivers bookings and results to applications. */
@Injectable()
export class SessionsService {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  async schedule(body: z.infer<typeof ScheduleSessionBody>, principal: Principal): Promise<SessionView | ViewPending> {
    let stationId = body.stationId;
    if (principal.role === 'station') {
      if (stationId && stationId !== principal.stationId)
        throw new ForbiddenException(`a station can only schedule its own sessions (${principal.stationId})`);
      stationId = principal.stationId;
    }
    if (!stationId)
      throw new UnprocessableEntityException({ type: 'problem', title: 'station required', detail: 'stationId is required when an officer schedules a session', errors: [{ path: 'stationId', message: 'required' }] });
    // A retry must reach the same session: its id is the client's, or follows from the Idempotency-Key.
    const operationId = idempotentUpdateId();
    const sessionId = body.sessionId ?? (operationId ? uuidFrom(operationId) : randomUUID());
    const retrySafe = body.sessionId !== undefined || operationId !== undefined;
    const input: SessionWorkflowInput = {
      schedule: { sessionId, stationId, standardCode: body.standardCode, level: body.level, scheduledFor: body.scheduledFor, capacity: body.capacity, actor: actorOf(principal) },
    };
    // The domain's rules (station accredited, scheme offered, date not past) before any workflow exists:
    // a refused session leaves no workflow and no events. The workflow decides the same again.
    try {
      decideSession({ type: 'ScheduleSession', ...input.schedule, at: new Date().toISOString() }, initialSessionState());
    } catch (error) {
      throw toHttpError(error, sessionId);
    }
    const workflowId = sessionWorkflowId(sessionId);
    const result = await this.run(sessionId, async () => {
      try {
        return await this.runtime.temporal.workflow.executeUpdateWithStart(sessionScheduledUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation('sessionWorkflow', {
            workflowId,
            taskQueue: this.runtime.config.TEMPORAL_TASK_QUEUE,
            args: [input],
            // A retry finds the session it started and gets its schedule back; a closed one is never restarted.
            workflowIdConflictPolicy: retrySafe ? 'USE_EXISTING' : 'FAIL',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          }),
        });
      } catch (error) {
        throw await explainStartRefusal(error, this.runtime.temporal, workflowId);
      }
    });
    if (!sameSchedule(result.state, input.schedule)) throw duplicateSession(sessionId);
    return this.after(sessionId, result);
  }

  /** Employer and training provider of the candidate, from the application, for the conflict check. */
  /**
   * Employer and training provider of the candidate for the conflict check, from the application's own
   * workflow (not the read model, which may lag right after a 202): the ties are the application's
   * record, which it checks again when the booking is delivered.
   */
  async book(sessionId: string, applicationId: string, principal: Principal): Promise<SessionView | ViewPending> {
    let state: ApplicationState;
    try {
      ({ state } = await this.runtime.temporal.workflow.getHandle(applicationId).query(stateQuery));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new NotFoundException(`application ${applicationId} does not exist`);
      throw error;
    }
    if (!state.candidateId || (principal.role === 'station' && state.stationId !== principal.stationId))
      throw new NotFoundException(`application ${applicationId} does not exist`);
    return this.command(sessionId, {
      type: 'BookCandidate',
      actor: actorOf(principal),
      applicationId,
      candidateId: state.candidateId,
      employer: state.evidence?.employer,
      trainingProviderId: state.training.providerId,
    });
  }

  async command(sessionId: string, command: SessionCommandInput): Promise<SessionView | ViewPending> {
    const result = await this.run(sessionId, () =>
      // Idempotency-Key → update id: a retry gets the original outcome (see idempotency.context.ts).
      this.handle(sessionId).executeUpdate(sessionCommandUpdate, { args: [command], updateId: idempotentUpdateId() }),
    );
    return this.after(sessionId, result);
  }

  async get(sessionId: string, principal: Principal): Promise<SessionView> {
    const { state, version } = await this.run(sessionId, () => this.handle(sessionId).query(sessionStateQuery));
    if (principal.role === 'station' && state.stationId !== principal.stationId)
      throw new NotFoundException(`session ${sessionId} does not exist`);
    return view(sessionId, state, version);
  }

  private handle(sessionId: string) {
    return this.runtime.temporal.workflow.getHandle(sessionWorkflowId(sessionId));
  }

  private async run<T>(sessionId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw duplicateSession(sessionId, 'and has closed, or is being scheduled by another request');
      if (error instanceof WorkflowNotFoundError) {
        const exists = await this.runtime.store.streamInfo(`session-${sessionId}`);
        throw exists ? new ConflictException(`session ${sessionId} is closed`) : new NotFoundException(`session ${sessionId} does not exist`);
      }
      throw toHttpError(error, sessionId);
    }
  }

  /**
   * The answer comes from the workflow's result; the wait is for the applications read model (bookings
   * and results delivered to applications). The command is recorded: a late projection gives 202.
   */
  private after(sessionId: string, result: SessionCommandResult): Promise<SessionView | ViewPending> {
    const answer = view(sessionId, result.state, result.version);
    return viewAfter(this.runtime.projector, {
      position: result.position,
      projections: [applicationsProjection.name],
      location: `/sessions/${sessionId}`,
      result: { ...answer, events: result.events, position: result.position },
      read: () => Promise.resolve(answer),
    });
  }
}
