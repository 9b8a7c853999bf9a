import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, generateSigningKey, issueToken, type SigningKey, type TokenSettings } from './token-service';
import type { Principal } from './principal';

/** Who the development credentials stand for: two officers (four eyes), a station, an auditor, an admin. */
export const DEV_PRINCIPALS = {
  officerA: { sub: 'officer-li-wei', role: 'officer', name: 'Li Wei' },
  officerB: { sub: 'officer-anna-petrova', role: 'officer', name: 'Anna Petrova' },
  station: { sub: 'station-kz-almaty', role: 'station', stationId: 'ST-KZ-ALA', name: 'Almaty service station' },
  auditor: { sub: 'auditor-chen-jing', role: 'auditor', name: 'Chen Jing' },
  admin: { sub: 'admin-ops', role: 'admin', name: 'Operations admin' },
} as const satisfies Record<string, Principal>;

export interface DevCredentials {
  apiUrl: string;
  note: string;
  tokens: Record<keyof typeof DEV_PRINCIPALS, string>;
  principals: typeof DEV_PRINCIPALS;
}

/** Refuses development keys and tokens in production, whichever path asks for them. */
export function assertDevelopment(config: { production: boolean }, what: string): void {
  if (config.production) throw new Error(`${what}: development keys and tokens are never used in production (NODE_ENV/CORRIDOR_ENV=production)`);
}

/** The development token-signing key: created once under the data directory, reused afterwards. */
export async function devSigningKey(dataDir: string): Promise<SigningKey> {
  const file = join(dataDir, 'dev-token-key.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SigningKey;
  mkdirSync(dataDir, { recursive: true });
  const key = await generateSigningKey(`dev-${Date.now().toString(36)}`);
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return key;
}

export const jwksOf = (key: SigningKey): JSONWebKeySet => ({ keys: [key.publicJwk] });

/**
 * Writes development tokens that expire after `lifetimeSeconds` (AUTH_MAX_TOKEN_LIFETIME: the API
 * refuses longer ones); every start writes fresh ones.
 */
export async function writeDevCredentials(
  dataDir: string,
  apiUrl: string,
  key: SigningKey,
  settings: TokenSettings,
  lifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
): Promise<string> {
  const tokens = {} as DevCredentials['tokens'];
  const expiresAt = Math.floor(Date.now() / 1000) + lifetimeSeconds;
  for (const [name, principal] of Object.entries(DEV_PRINCIPALS) as [keyof typeof DEV_PRINCIPALS, Principal][])
    tokens[name] = await issueToken(key, principal, settings, expiresAt);
  const file = join(dataDir, 'dev-credentials.json');
  const content: DevCredentials = {
    apiUrl,
    note: 'Development only: bearer tokens for local use. Production verifies tokens from your identity provider via AUTH_JWKS.',
    tokens,
    principals: DEV_PRINCIPALS,
  };
  writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600 });
  return file;
}
