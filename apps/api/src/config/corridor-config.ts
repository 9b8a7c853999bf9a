import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigurationError, withFileSettings } from './file-settings';
import { DurationOverrides, DurationScale, isProduction, JwksText, keySettingProblems, problemsOf, productionSettingsSchema } from './setting-schemas';

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.string().url().optional())
  .optional();

/** Every setting Corridor reads from the environment (see the table in README.md). */
export const CorridorConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: optionalUrl,
  KURRENTDB_URL: optionalUrl,
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  /** gRPC port of the dev server `corridor start` runs (no TEMPORAL_ADDRESS); a free port when unset. */
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Web UI port of that dev server; a free port when unset. */
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  TEMPORAL_TASK_QUEUE: z.string().default('corridor'),
  /** A workflow bundle built ahead (bundleWorkflowCode): the worker starts without webpack. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** JSON Web Key Set (public Ed25519 keys) that API bearer tokens are verified against. */
  AUTH_JWKS: JwksText,
  AUTH_ISSUER: z.string().default('corridor'),
  AUTH_AUDIENCE: z.string().default('corridor-api'),
  /** Credential signing keys: Ed25519 JWKS (private parts included) as JSON; absent → a development key ring under DATA_DIR. */
  CREDENTIAL_SIGNING_JWKS: z.string().optional(),
  /** The kid that signs new credentials when CREDENTIAL_SIGNING_JWKS holds more than one private key. */
  CREDENTIAL_ACTIVE_KID: z.string().optional(),
  /** Issuer profile placed in credentials; the URLs default to PUBLIC_BASE_URL. */
  ISSUER_NAME_EN: z.string().min(1).optional(),
  ISSUER_NAME_ZH: z.string().min(1).optional(),
  ISSUER_URL: z.string().url().optional(),
  ISSUER_EMAIL: z.string().email().optional(),
  /** Seconds between signed checkpoints of the event log (0: only on demand, POST /audit/checkpoints). */
  AUDIT_CHECKPOINT_INTERVAL: z.coerce.number().int().min(0).max(31_536_000).default(3600),
  /** Largest request body the API parses (body-parser size: bytes or '100kb', '1mb'); larger → 413. */
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)?$/i, "a size such as 102400, '100kb' or '1mb'").default('100kb'),
  /** Deepest nesting of objects/arrays accepted in a JSON body; deeper → 400 body-too-deep. */
  BODY_MAX_DEPTH: z.coerce.number().int().min(1).max(1000).default(32),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...productionSettingsSchema,
});

export type CorridorConfig = z.infer<typeof CorridorConfigSchema> & {
  dataDir: string;
  publicBaseUrl: string;
  /** NODE_ENV or CORRIDOR_ENV is `production`: no development keys or tokens, no public metrics. */
  production: boolean;
};

/**
 * Reads and validates every setting (secrets may come from `NAME_FILE`): a bad setting, or in
 * production a missing one, fails here at start-up with its name, not later inside a request or workflow.
 */
export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): CorridorConfig {
  const env = withFileSettings(rawEnv);
  const parsed = CorridorConfigSchema.safeParse(env);
  if (!parsed.success) throw new ConfigurationError(problemsOf(parsed.error));
  const c = parsed.data;
  const keyProblems = keySettingProblems(c);
  if (keyProblems.length > 0) throw new ConfigurationError(keyProblems);
  return {
    ...c,
    production: isProduction(c),
    dataDir: resolve(c.DATA_DIR),
    publicBaseUrl: c.PUBLIC_BASE_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`,
  };
}

/**
 * The Temporal frontend of a process that does not start its own (the API or the worker run alone).
 * No fallback to 127.0.0.1:7233: whatever listens there may be another system's server, whose task
 * queue this worker would join.
 */
export function externalTemporalAddress(config: CorridorConfig, who: string): string {
  if (!config.TEMPORAL_ADDRESS)
    throw new Error(
      `Invalid configuration:\n  TEMPORAL_ADDRESS: required when ${who} runs alone (host:port of the Temporal frontend); ` +
        '`npm start` runs everything with its own Temporal dev server instead',
    );
  return config.TEMPORAL_ADDRESS;
}

/**
 * DURATION_SCALE shrinks every scheme duration (review SLA, information deadline, cool-down, renewal)
 * for demos and tests: 1/86400 turns a day into a second. DURATION_OVERRIDES pins single ones, in
 * seconds, as JSON: {"assessmentCooldown": 5}.
 */
export function durationConfig(env: NodeJS.ProcessEnv = process.env): { scale: number; overrides: Record<string, number> } {
  const parsed = z.object({ DURATION_SCALE: DurationScale, DURATION_OVERRIDES: DurationOverrides }).safeParse(env);
  if (!parsed.success) throw new ConfigurationError(problemsOf(parsed.error));
  return { scale: parsed.data.DURATION_SCALE, overrides: parsed.data.DURATION_OVERRIDES };
}
