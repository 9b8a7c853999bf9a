import { DomainError } from '../shared/domain-error';

/** Runs a command expected to be refused and returns the DomainError; fails the test otherwise. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}
