/** Connection-level failures of Postgres (node errno, SQLSTATE class 08 and 57P01-03: shutting down, starting up). */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);
const GRPC_UNAVAILABLE = 14;

/**
 * True when an error means a service the API depends on (its database, the Temporal frontend) could
 * not be reached: the request was not carried out and the client may simply retry (503), unlike a
 * defect (500). Looks through `cause` chains, as the Temporal client wraps gRPC errors.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (connectionCodes.has(code) || code.startsWith('08'))) return true;
    if (code === GRPC_UNAVAILABLE) return true;
    if (
      current instanceof Error &&
      /^Connection terminated|timeout exceeded when trying to connect/.test(current.message)
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
