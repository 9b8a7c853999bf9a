import { resolve } from 'node:path';
import { z } from 'zod';

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
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  TEMPORAL_TASK_QUEUE: z.string().default('corridor'),
  /** A workflow bundle built ahead (bundleWorkflowCode): the worker starts without webpack. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** JSON Web Key Set (public Ed25519 keys) that API bearer tokens are verified against. */
  AUTH_JWKS: z.string().optional(),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type CorridorConfig = z.infer<typeof CorridorConfigSchema> & { dataDir: string; publicBaseUrl: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CorridorConfig {
  const parsed = CorridorConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: resolve(c.DATA_DIR),
    publicBaseUrl: c.PUBLIC_BASE_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`,
  };
}

/**
 * DURATION_SCALE shrinks every scheme duration (review SLA, information deadline, cool-down, renewal)
 * for demos and tests: 1/86400 turns a day into a second. DURATION_OVERRIDES pins single ones, in
 * seconds, as JSON: {"assessmentCooldown": 5}.
 */
export function durationConfig(env: NodeJS.ProcessEnv = process.env): { scale: number; overrides: Record<string, number> } {
  const scale = env.DURATION_SCALE ? Number(env.DURATION_SCALE) : 1;
  if (!(scale > 0)) throw new Error(`Invalid configuration:\n  DURATION_SCALE: must be a positive number`);
  const overrides = env.DURATION_OVERRIDES ? (JSON.parse(env.DURATION_OVERRIDES) as Record<string, number>) : {};
  return { scale, overrides };
}
