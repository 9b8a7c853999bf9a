import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { IdempotencyScope } from './idempotency.store';

/**
 * The request's Idempotency-Key as an operation id for the workflow it reaches. The interceptor runs
 * the handler inside this context (Nest binds the handler to the interceptor's async scope), so a
 * service sending a Temporal update passes `updateId: idempotentUpdateId()`: Temporal deduplicates
 * updates by id within a workflow run, and returns the first update's outcome to a retry, even after
 * the workflow has closed. A retry after a lost answer thus gets the original result instead of the
 * validator's refusal of a command that was already applied ("already approved", "closed").
 */
const current = new AsyncLocalStorage<{ operationId: string }>();

/** Stable across retries and processes: a hash of (caller, method, path, key). */
export function operationIdOf(scope: IdempotencyScope): string {
  const digest = createHash('sha256').update([scope.principal, scope.method, scope.path, scope.key].join('\u0000')).digest('hex');
  return `idem-${digest.slice(0, 40)}`;
}

export function runIdempotent<T>(scope: IdempotencyScope, fn: () => T): T {
  return current.run({ operationId: operationIdOf(scope) }, fn);
}

/** The update id to send for this request's command, or undefined (Temporal then picks a random one). */
export function idempotentUpdateId(): string | undefined {
  return current.getStore()?.operationId;
}
