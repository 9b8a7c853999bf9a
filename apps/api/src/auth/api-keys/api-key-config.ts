import { z } from 'zod';
import { settingValue } from '../../config/file-settings';

/** One station system's key: only the SHA-256 of the key is configured, never the key itself. */
export const StationApiKey = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-" (at most 64)'),
    stationId: z.string().min(1).max(100),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'the hex SHA-256 of the key (64 hex digits)'),
  })
  .strict();
export type StationApiKey = z.infer<typeof StationApiKey>;

const StationApiKeys = z.array(StationApiKey).superRefine((keys, ctx) => {
  const seen = new Set<string>();
  for (const [i, k] of keys.entries()) {
    if (seen.has(k.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate key id ${k.id}` });
    seen.add(k.id);
  }
});

/**
 * STATION_API_KEYS: a JSON array `[{"id":"almaty-1","stationId":"ST-KZ-ALA","sha256":"<hex>"}]`.
 * Absent or empty → no API keys are accepted. Invalid → startup fails naming the problem.
 */
export function stationApiKeysFrom(env: NodeJS.ProcessEnv = process.env): StationApiKey[] {
  const raw = settingValue(env, 'STATION_API_KEYS')?.trim();
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('Invalid configuration:\n  STATION_API_KEYS: not valid JSON');
  }
  const parsed = StationApiKeys.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  STATION_API_KEYS.${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}
