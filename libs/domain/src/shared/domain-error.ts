/** A command refused by a decider: the transition is not allowed in the current state. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(code: string, message: string): never {
  throw new DomainError(code, message);
}
