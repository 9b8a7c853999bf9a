import { readFileSync } from 'node:fs';

/**
 * Settings that may hold secrets. Each can instead be given as `<NAME>_FILE`, the path of a file
 * holding the value (Docker and Kubernetes mount secrets as files), so keys never sit in the
 * environment of a container or in `docker inspect`.
 */
export const FILE_SETTINGS = [
  'AUTH_JWKS',
  'CREDENTIAL_SIGNING_JWKS',
  'STATION_API_KEYS',
  'METRICS_TOKEN',
  'DATABASE_URL',
  'KURRENTDB_URL',
  'CORRIDOR_TRUSTED_ISSUERS',
] as const;
export type FileSetting = (typeof FILE_SETTINGS)[number];

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** One setting's value: `NAME`, or the content of the file named by `NAME_FILE` (trailing newline dropped). */
export function settingValue(env: NodeJS.ProcessEnv, name: FileSetting): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`]?.trim();
  if (!file) return direct;
  if (direct !== undefined && direct !== '') throw new ConfigurationError([`${name}: both ${name} and ${name}_FILE are set; keep one`]);
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new ConfigurationError([`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
}

/** The environment with every `NAME_FILE` resolved into `NAME`. */
export function withFileSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const resolved: NodeJS.ProcessEnv = { ...env };
  const problems: string[] = [];
  for (const name of FILE_SETTINGS) {
    try {
      const value = settingValue(env, name);
      if (value !== undefined) resolved[name] = value;
    } catch (error) {
      problems.push(...(error instanceof ConfigurationError ? error.problems : [String(error)]));
    }
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return resolved;
}
