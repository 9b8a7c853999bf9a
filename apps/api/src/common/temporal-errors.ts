import { ConflictException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/**
 * Translates a refused workflow update into HTTP: the validator's DomainError code becomes the status
 * (forbidden → 403, anything else → 409) and its reason the detail.
 */
export function toHttpError(error: unknown, applicationId: string): unknown {
  if (error instanceof WorkflowNotFoundError) return new NotFoundException(`application ${applicationId} does not exist`);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    const body = { type: 'problem', title: 'command refused', detail: failure.message, code: failure.type ?? 'refused' };
    return failure.type === 'forbidden' ? new ForbiddenException(body) : new ConflictException(body);
  }
  if (error instanceof HttpException) return error;
  return error;
}
