import { existsSync } from 'node:fs';
import { z } from 'zod';
import { DurationConfig } from '@corridor/domain';
import { KeyRingError, loadKeyRing } from '@corridor/credentials';
import { stationApiKeysFrom } from '../auth/api-keys/api-key-config';
import { publicRateLimitFrom } from '../rate-limit/public-rate-limit';
import { ConfigurationError } from './file-settings';

/** Each setting's problem as `NAME: message`, the form every start-up error takes. */
export const problemsOf = (error: z.ZodError): string[] => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

export const DurationScale = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.coerce.number().positive('must be a positive number').default(1),
);

/** DURATION_OVERRIDES, checked with the domain's own schema: known keys only, seconds ≥ 0. */
export const DurationOverrides = z
  .string()
  .optional()
  .transform((text, ctx): unknown => {
    if (!text?.trim()) return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON (expected e.g. {"assessmentCooldown": 5})' });
      return z.NEVER;
    }
  })
  .pipe(DurationConfig.shape.overrides);

/** A setting checked at start-up by the same parser its consumer uses, so the two cannot disagree. */
function checkedBy(check: (value: string) => void) {
  return z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        check(value);
      } catch (error) {
        const message = error instanceof ConfigurationError ? error.problems.join('; ') : (error as Error).message;
        ctx.addIssue({ code: 'custom', message });
      }
    });
}

export const JwksText = checkedBy((v) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw new Error('not valid JSON');
  }
  if (!Array.isArray((parsed as { keys?: unknown } | null)?.keys)) throw new Error('not a JWKS ({"keys": [...]})');
});

/**
 * Settings added for a production posture and start-up validation (spread into the configuration
 * schema; see README's configuration table).
 */
export const productionSettingsSchema = {
  NODE_ENV: z.string().optional(),
  CORRIDOR_ENV: z.enum(['development', 'production']).optional(),
  DURATION_SCALE: DurationScale,
  DURATION_OVERRIDES: DurationOverrides,
  STATION_API_KEYS: checkedBy((v) => void stationApiKeysFrom({ STATION_API_KEYS: v })),
  PUBLIC_RATE_LIMIT: checkedBy((v) => void publicRateLimitFrom({ PUBLIC_RATE_LIMIT: v })),
  /** Longest bearer-token lifetime accepted, in seconds. */
  AUTH_MAX_TOKEN_LIFETIME: z.coerce.number().int().positive().default(12 * 3600),
  /** A prebuilt workflow bundle the worker loads instead of bundling at start (the image sets it). */
  WORKFLOW_BUNDLE: z.string().min(1).refine((file) => existsSync(file), 'no bundle file at this path (build it with npm run build:workflow-bundle)').optional(),
  /** Bearer token /metrics requires; in production /metrics is not served without one. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
};

export function isProduction(env: { NODE_ENV?: string; CORRIDOR_ENV?: string }): boolean {
  return env.NODE_ENV === 'production' || env.CORRIDOR_ENV === 'production';
}

interface KeySettings {
  NODE_ENV?: string;
  CORRIDOR_ENV?: string;
  AUTH_JWKS?: string;
  CREDENTIAL_SIGNING_JWKS?: string;
  CREDENTIAL_ACTIVE_KID?: string;
  PUBLIC_BASE_URL?: string;
}

/**
 * Key settings checked at start-up: a signing key ring that cannot sign fails now (it is otherwise
 * loaded on the first credential), and in production the development fallbacks are refused.
 */
export function keySettingProblems(c: KeySettings): string[] {
  const problems: string[] = [];
  if (c.CREDENTIAL_SIGNING_JWKS) {
    try {
      loadKeyRing({ jwks: c.CREDENTIAL_SIGNING_JWKS, activeKid: c.CREDENTIAL_ACTIVE_KID });
    } catch (error) {
      if (!(error instanceof KeyRingError)) throw error;
      problems.push(`CREDENTIAL_SIGNING_JWKS: ${error.message}`);
    }
  }
  if (!isProduction(c)) return problems;
  const mode = c.CORRIDOR_ENV === 'production' ? 'CORRIDOR_ENV=production' : 'NODE_ENV=production';
  if (!c.AUTH_JWKS)
    problems.push(`AUTH_JWKS: required when ${mode}: the public JWKS of your token issuer (or AUTH_JWKS_FILE); development tokens are never used in production`);
  if (!c.CREDENTIAL_SIGNING_JWKS)
    problems.push(
      `CREDENTIAL_SIGNING_JWKS: required when ${mode}: the Ed25519 key ring that signs credentials (or CREDENTIAL_SIGNING_JWKS_FILE); a development key ring is never used in production`,
    );
  if (!c.PUBLIC_BASE_URL) problems.push(`PUBLIC_BASE_URL: required when ${mode}: the public URL placed in credentials and verification links`);
  return problems;
}
