/** The KurrentDB client module, typed but loaded only when first needed. */
export type KurrentModule = typeof import('@kurrent/kurrentdb-client');

let loading: Promise<KurrentModule> | undefined;

/**
 * Imports the client on first use: it loads a native addon (the Rust bridge) and gRPC, which no
 * Postgres or PGlite deployment should pay for.
 */
export function loadKurrentClient(): Promise<KurrentModule> {
  loading ??= import('@kurrent/kurrentdb-client');
  return loading;
}
