import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { VerificationKeys } from '../jws/vc-jwt';
import type { StatusListInputs } from './status-check';
import type { VerificationVerdict } from './verification-verdict';
import { verifyCredential } from './verify-credential';

/**
 * The verifier's trust list: issuer id (the credential's `issuer.id`) → where that issuer's JWKS is
 * taken from, an http(s) URL or a file. Keys are never taken from where a credential points: a forged
 * credential can name any key set, including its forger's.
 */
export const TrustList = z.record(
  z.string().min(1, 'issuer id must not be empty'),
  z.string().min(1, 'give the JWKS URL or file of this issuer'),
);
export type TrustList = z.infer<typeof TrustList>;

export class TrustListError extends Error {
  override readonly name = 'TrustListError';
}

/** Parses a trust list (JSON text) from `source` (a file name or a setting), naming it on failure. */
export function parseTrustList(text: string, source: string, baseDir = process.cwd()): TrustList {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrustListError(`${source}: not valid JSON (expected {"<issuer id>": "<JWKS URL or file>"})`);
  }
  const parsed = TrustList.safeParse(json);
  if (!parsed.success) throw new TrustListError(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '/'}: ${i.message}`).join('; ')}`);
  // Relative files are relative to the trust list that names them, not to wherever the verifier runs.
  return Object.fromEntries(Object.entries(parsed.data).map(([issuer, where]) => [issuer, isUrl(where) || isAbsolute(where) ? where : resolve(baseDir, where)]));
}

const isUrl = (where: string): boolean => /^https?:\/\//i.test(where);

/** The issuer id the credential claims (unverified: used only to look the issuer up in the trust list). */
export function claimedIssuerId(jws: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { issuer?: unknown };
    const issuer = payload.issuer;
    const id = typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown }).id : issuer;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

export interface TrustedVerificationOptions {
  trust: TrustList;
  /** Whether URLs may be fetched (JWKS entries that are URLs, and the status lists the credential names). */
  online: boolean;
  fetchText?: (url: string) => Promise<string>;
  now?: Date;
  /** Status lists fetched by the caller (offline: cached files); online, the credential's lists are fetched. */
  statusLists?: StatusListInputs;
  /** Reads the credential's status list URLs, for the online mode. */
  statusListUrls?: (jws: string) => { purpose: 'revocation' | 'suspension'; url: string }[];
}

/** The verdict for a credential whose issuer is not on the trust list: nothing about it was checked. */
export function issuerNotTrusted(issuerId: string | undefined, kid?: string): VerificationVerdict {
  return {
    valid: false,
    status: 'issuer-not-trusted',
    checks: { signature: 'not-checked', schema: 'not-checked', validityPeriod: 'not-checked', revocation: 'not-checked', suspension: 'not-checked' },
    errors: [
      issuerId
        ? `issuer: ${issuerId} is not on the trust list (add it with --trust <file> or CORRIDOR_TRUSTED_ISSUERS)`
        : 'issuer: the credential names no issuer id',
    ],
    ...(kid ? { kid } : {}),
  };
}

/**
 * Verifies against the keys the trust list gives for the credential's issuer. The signature check
 * then binds the claim: a credential naming a trusted issuer but signed with another key fails it.
 */
export async function verifyWithTrustList(jws: string, options: TrustedVerificationOptions): Promise<VerificationVerdict> {
  const compact = jws.trim();
  const issuerId = claimedIssuerId(compact);
  const where = issuerId !== undefined && Object.hasOwn(options.trust, issuerId) ? options.trust[issuerId] : undefined;
  if (!issuerId || !where) return issuerNotTrusted(issuerId);

  const fetchText = options.fetchText ?? defaultFetchText;
  let keys: VerificationKeys;
  if (isUrl(where)) {
    if (!options.online) throw new TrustListError(`the trust list gives ${issuerId}'s keys as a URL (${where}): verify with --online, or list a JWKS file`);
    keys = parseJwks(await fetchText(where), where);
  } else {
    keys = parseJwks(await readFile(where, 'utf8'), where);
  }

  const statusLists: StatusListInputs = { ...options.statusLists };
  if (options.online && options.statusListUrls) {
    // Nothing is fetched from the URLs a credential names before its signature proves who wrote them.
    const signed = await verifyCredential(compact, { keys, ...(options.now ? { now: options.now } : {}) });
    if (signed.checks.signature !== 'passed') return signed;
    const fetchedAt = new Date().toISOString();
    for (const { purpose, url } of options.statusListUrls(compact)) statusLists[purpose] = { jws: await fetchText(url), fetchedAt };
  }
  return verifyCredential(compact, { keys, statusLists, ...(options.now ? { now: options.now } : {}) });
}

function parseJwks(text: string, source: string): VerificationKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TrustListError(`${source} is not JSON`);
  }
  if (!Array.isArray((parsed as { keys?: unknown } | null)?.keys)) throw new TrustListError(`${source} is not a JWKS ({ "keys": [...] })`);
  return parsed as { keys: unknown[] };
}

async function defaultFetchText(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'error' });
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
  return (await response.text()).trim();
}
