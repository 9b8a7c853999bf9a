export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly stream: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super(`Stream ${stream}: expected version ${String(expected)} but the stream is at ${actual}`);
  }
}

export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly stream: string) {
    super(`Stream ${stream} does not exist`);
  }
}

export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
  constructor(
    readonly eventType: string,
    readonly issues: string,
  ) {
    super(`Invalid ${eventType} event: ${issues}`);
  }
}

/** Some of the ids of an append are already recorded, but not as exactly this append. */
export class IdempotencyConflictError extends Error {
  override readonly name = 'IdempotencyConflictError';
  constructor(
    readonly stream: string,
    readonly detail: string,
  ) {
    super(`Stream ${stream}: event ids already used by a different append (${detail})`);
  }
}

/** Raised by a verifying read (`readStream(..., { verify: true })`) at the first broken link. */
export class ChainBrokenError extends Error {
  override readonly name = 'ChainBrokenError';
  constructor(
    readonly stream: string,
    readonly version: number,
    readonly reason: string,
  ) {
    super(`Hash chain of ${stream} breaks at version ${version}: ${reason}`);
  }
}
