import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { SessionState } from '@corridor/domain';
import {
  sessionCommandUpdate,
  sessionScheduledUpdate,
  sessionStateQuery,
  sessionWorkflowId,
  type SessionCommandInput,
  type SessionCommandResult,
  type SessionWorkflowInput,
} from '../../../../workflows/src/public';
import { API_RUNTIME, type ApiRuntime } from '../runtime';
import { actorOf, type Principal } from '../auth/principal';
import { readModelsCaughtUp } from '../common/read-your-writes';
import { toHttpError } from '../common/temporal-errors';
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

/** Stations run assessment sessions; each is a workflow that delivers bookings and results to applications. */
@Injectable()
export class SessionsService {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  async schedule(body: z.infer<typeof ScheduleSessionBody>, principal: Principal): Promise<SessionView> {
    let stationId = body.stationId;
    if (principal.role === 'station') {
      if (stationId && stationId !== principal.stationId)
        throw new ForbiddenException(`a station can only schedule its own sessions (${principal.stationId})`);
      stationId = principal.stationId;
    }
    if (!stationId)
      throw new UnprocessableEntityException({ type: 'problem', title: 'station required', detail: 'stationId is required when an officer schedules a session', errors: [{ path: 'stationId', message: 'required' }] });
    const sessionId = body.sessionId ?? randomUUID();
    const input: SessionWorkflowInput = {
      schedule: { sessionId, stationId, standardCode: body.standardCode, level: body.level, scheduledFor: body.scheduledFor, capacity: body.capacity, actor: actorOf(principal) },
    };
    const result = await this.run(sessionId, () =>
      this.runtime.temporal.workflow.executeUpdateWithStart(sessionScheduledUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation('sessionWorkflow', {
          workflowId: sessionWorkflowId(sessionId),
          taskQueue: this.runtime.config.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
        }),
      }),
    );
    return this.after(sessionId, result);
  }

  /** Employer and training provider of the candidate, from the application, for the conflict check. */
  async book(sessionId: string, applicationId: string, principal: Principal): Promise<SessionView> {
    const { rows } = await this.runtime.db.query<{ candidate_id: string; employer: string | null; provider: string | null; station_id: string | null }>(
      `SELECT candidate_id, station_id, state->'evidence'->>'employer' AS employer, state->'training'->>'providerId' AS provider
         FROM applications WHERE application_id = $1`,
      [applicationId],
    );
    const application = rows[0];
    if (!application || (principal.role === 'station' && application.station_id !== principal.stationId))
      throw new NotFoundException(`application ${applicationId} does not exist`);
    return this.command(sessionId, {
      type: 'BookCandidate',
      actor: actorOf(principal),
      applicationId,
      candidateId: application.candidate_id,
      employer: application.employer ?? undefined,
      trainingProviderId: application.provider ?? undefined,
    });
  }

  async command(sessionId: string, command: SessionCommandInput): Promise<SessionView> {
    const result = await this.run(sessionId, () =>
      this.handle(sessionId).executeUpdate(sessionCommandUpdate, { args: [command] }),
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
      if (error instanceof WorkflowNotFoundError) {
        const exists = await this.runtime.store.streamInfo(`session-${sessionId}`);
        throw exists ? new ConflictException(`session ${sessionId} is closed`) : new NotFoundException(`session ${sessionId} does not exist`);
      }
      throw toHttpError(error, sessionId);
    }
  }

  private async after(sessionId: string, result: SessionCommandResult): Promise<SessionView> {
    // Recorded already: a lagging read model delays the answer at most, it never fails it.
    await readModelsCaughtUp(this.runtime.projector, result.position);
    return view(sessionId, result.state, result.version);
  }
}
