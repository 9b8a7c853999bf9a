import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';

/** A command as a client sends it: everything but the time, which the workflow clock supplies. */
export type WithoutAt<T> = T extends unknown ? Omit<T, 'at'> : never;

/**
 * Completes a client's command with the workflow's time and checks its shape with the domain's zod
 * schema; a command type the workflow does not take from outside is refused like a bad shape.
 */
export function completeCommand<C>(
  schema: z.ZodType<C>,
  external: readonly string[],
  target: string,
  input: { type: string },
  at: string,
): C {
  if (!external.includes(input.type))
    throw ApplicationFailure.nonRetryable(`${input.type} cannot be sent to ${target}`, 'invalid-command');
  const parsed = schema.safeParse({ ...input, at });
  if (!parsed.success)
    throw ApplicationFailure.nonRetryable(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      'invalid-command',
    );
  return parsed.data;
}
