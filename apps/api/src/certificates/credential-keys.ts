import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportKeyRing, generateDevKeyRing, loadKeyRing, type KeyRing } from '@corridor/credentials';
import type { CorridorConfig } from '../config/corridor-config';
import { assertDevelopment } from '../auth/dev-credentials';

export const DEV_CREDENTIAL_KEYS_FILE = 'dev-credential-keys.json';

export type KeyRingSource = 'configured' | 'dev-file' | 'in-memory';

/**
 * The credential signing keys: CREDENTIAL_SIGNING_JWKS when set (production); otherwise a development
 * ring kept under the data directory so credentials stay verifiable across restarts; otherwise, when
 * the data directory cannot be written, a ring that lives as long as the process.
 */
export async function loadCredentialKeyRing(config: CorridorConfig): Promise<{ keyRing: KeyRing; source: KeyRingSource }> {
  if (config.CREDENTIAL_SIGNING_JWKS) {
    return { keyRing: loadKeyRing({ jwks: config.CREDENTIAL_SIGNING_JWKS, activeKid: config.CREDENTIAL_ACTIVE_KID }), source: 'configured' };
  }
  // A production ring that fell back to memory would make every credential it signed unverifiable after a restart.
  assertDevelopment(config, 'CREDENTIAL_SIGNING_JWKS is not set');
  try {
    return { keyRing: await devKeyRingFile(config.dataDir), source: 'dev-file' };
  } catch (error) {
    if (!isUnwritable(error)) throw error;
    return { keyRing: generateDevKeyRing(), source: 'in-memory' };
  }
}

async function devKeyRingFile(dataDir: string): Promise<KeyRing> {
  const file = join(dataDir, DEV_CREDENTIAL_KEYS_FILE);
  const existing = await readRing(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  // Written aside and linked into place: link fails if another process got there first, so
  // concurrent first starts agree on one ring instead of overwriting each other's.
  const temp = join(dataDir, `.${DEV_CREDENTIAL_KEYS_FILE}.${process.pid}.${randomUUID()}`);
  await writeFile(temp, JSON.stringify(exportKeyRing(generateDevKeyRing())), { mode: 0o600 });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const ring = await readRing(file);
  if (!ring) throw new Error(`${file} vanished while it was being created`);
  return ring;
}

async function readRing(file: string): Promise<KeyRing | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const stored = JSON.parse(text) as { activeKid?: string; jwks?: unknown };
  return loadKeyRing({ jwks: stored.jwks, activeKid: stored.activeKid });
}

function isUnwritable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'ENOSPC';
}
