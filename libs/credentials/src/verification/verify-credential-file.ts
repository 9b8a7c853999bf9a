import { readFile, stat } from 'node:fs/promises';
import type { VerificationKeys } from '../jws/vc-jwt';
import type { StatusPurpose } from '../issuance/open-badge-types';
import type { StatusListInputs } from './status-check';
import type { VerificationVerdict } from './verification-verdict';
import { verifyCredential } from './verify-credential';

export interface VerifyFileOptions {
  /** Verification keys in memory; or give `jwksPath`. */
  keys?: VerificationKeys;
  /** A file holding the issuer's JWKS JSON (as served at the issuer's JWKS URL). */
  jwksPath?: string;
  statusLists?: StatusListInputs;
  /**
   * Files holding status list credentials (the compact JWS as served). Their modification time is
   * taken as the fetch time, so a stale download is reported as such.
   */
  statusListPaths?: Partial<Record<StatusPurpose, string>>;
  now?: Date;
}

/** For the CLI: the file holds the compact JWS (e.g. `credential.jwt` detached from the PDF). */
export async function verifyCredentialFile(path: string, options: VerifyFileOptions): Promise<VerificationVerdict> {
  const content = await readFile(path);
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new Error(`${path} is a PDF: extract the embedded credential first (pdfdetach -saveall ${path}) and verify credential.jwt`);
  }
  const keys = options.keys ?? (options.jwksPath ? await readJwks(options.jwksPath) : undefined);
  if (!keys) throw new Error('verification needs keys or jwksPath');

  const statusLists: StatusListInputs = { ...options.statusLists };
  for (const [purpose, listPath] of Object.entries(options.statusListPaths ?? {}) as [StatusPurpose, string][]) {
    const [jws, info] = await Promise.all([readFile(listPath, 'utf8'), stat(listPath)]);
    statusLists[purpose] = { jws: jws.trim(), fetchedAt: info.mtime.toISOString() };
  }
  return verifyCredential(content.toString('utf8'), { keys, statusLists, ...(options.now ? { now: options.now } : {}) });
}

async function readJwks(path: string): Promise<VerificationKeys> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { keys?: unknown }).keys)) {
    throw new Error(`${path} is not a JWKS ({ "keys": [...] })`);
  }
  return parsed as { keys: unknown[] };
}
