import { ApplicationFailure, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { DomainError } from '../../../libs/domain/src/shared/domain-error';
import type { CorridorActivities } from '../activities.contract';

const { appendEvents } = proxyActivities<CorridorActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: ['WrongExpectedVersionError', 'InvalidEventError'] },
});

/** Turns a refused command into a failure the caller sees with its reason (HTTP 409/403 at the API). */
export function asFailure(error: unknown): never {
  if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code);
  throw error;
}

export interface RunResult<S> {
  state: S;
  version: number;
  events: string[];
  position: number;
}

/**
 * The single writer of one stream: decide, append with the expected version, evolve — one command
 * at a time, so every append knows the version it extends.
 */
export class CommandRunner<
  C extends { actor: { id: string } },
  E extends { type: string; data: unknown },
  S,
> {
  private busy = false;

  constructor(
    private readonly stream: string,
    public state: S,
    public version: number,
    private readonly decide: (command: C, state: S) => E[],
    private readonly evolve: (state: S, event: E) => S,
  ) {}

  /** Runs decide for a validator: throws the refusal as a failure, changes nothing. */
  validate(command: C): void {
    try {
      this.decide(command, this.state);
    } catch (error) {
      asFailure(error);
    }
  }

  idle(): Promise<void> {
    return condition(() => !this.busy);
  }

  /** Runs fn with the stream to itself: nothing else decides or appends until it finishes. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await this.idle();
    this.busy = true;
    try {
      return await fn();
    } finally {
      this.busy = false;
    }
  }

  execute(command: C): Promise<RunResult<S>> {
    return this.exclusive(() => this.apply(command));
  }

  /** Decide, append, evolve; call only inside `exclusive`. */
  async apply(command: C): Promise<RunResult<S>> {
    let events: E[];
    try {
      events = this.decide(command, this.state);
    } catch (error) {
      asFailure(error);
    }
    const appended = await appendEvents({
      stream: this.stream,
      expectedVersion: this.version,
      idSeed: workflowInfo().workflowId,
      events,
      metadata: { workflowId: workflowInfo().workflowId, actor: command.actor.id },
    });
    for (const event of events) this.state = this.evolve(this.state, event);
    this.version = appended.nextVersion;
    return {
      state: this.state,
      version: this.version,
      events: events.map((e) => e.type),
      position: appended.positions.at(-1) ?? 0,
    };
  }
}
