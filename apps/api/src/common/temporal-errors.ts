import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '@corridor/domain';

/**
 * Refusals that say the request itself names something that is not there or not allowed for it
 * (a station, country or scheme, a date already past): 422, like an unknown scheme. Every other
 * refusal is about the current state of things: 409.
 */
const UNPROCESSABLE = new Set([
  'unknown-station',
  'station-not-accredited',
  'unknown-country',
  'unknown-scheme',
  'scheme-mismatch',
  'session-in-past',
]);

/** A domain refusal as problem+json: its reason as detail, its stable code as `code`. */
export function refusal(code: string, detail: string, extra: Record<string, unknown> = {}): HttpException {
  const body = { type: 'problem', title: 'command refused', detail, code, ...extra };
  if (code === 'forbidden') return new ForbiddenException(body);
  if (code === 'invalid-command') return new BadRequestException(body);
  if (UNPROCESSABLE.has(code)) return new UnprocessableEntityException(body);
  return new ConflictException(body);
}

/**
 * Translates a refused command into HTTP: a DomainError from a check run before any workflow, or a
 * refused workflow update whose validator threw the DomainError's code as the failure type.
 */
export function toHttpError(error: unknown, applicationId: string): unknown {
  if (error instanceof DomainError) return refusal(error.code, error.message);
  if (error instanceof WorkflowNotFoundError) return new NotFoundException(`application ${applicationId} does not exist`);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    return refusal(failure.type ?? 'refused', failure.message);
  }
  if (error instanceof HttpException) return error;
  return error;
}

/**
 * Update-with-start answers "AcceptedUpdateCompletedWorkflow" when the workflow refused its very first
 * command and failed (a refusal the checks before starting could not foresee, e.g. a date that passed
 * in between). The workflow's own failure carries the domain's code and reason: answer with those.
 */
export async function explainStartRefusal(error: unknown, temporal: Client, workflowId: string): Promise<unknown> {
  const completedEarly =
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === 'AcceptedUpdateCompletedWorkflow';
  if (!completedEarly) return error;
  try {
    await temporal.workflow.getHandle(workflowId).result();
  } catch (failed) {
    if (failed instanceof WorkflowFailedError && failed.cause instanceof ApplicationFailure)
      return refusal(failed.cause.type ?? 'refused', failed.cause.message);
  }
  return error;
}
