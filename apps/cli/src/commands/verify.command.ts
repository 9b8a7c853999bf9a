import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  parseTrustList,
  readStatusEntries,
  verifyCredential,
  verifyCredentialFile,
  verifyWithTrustList,
  type StatusListInputs,
  type TrustList,
  type VerificationVerdict,
} from '@corridor/credentials';
import { settingValue } from '../../../api/src/config/file-settings';

const usage = `corridor verify <credential.jwt> [--trust <file> | --jwks <file>] [--revocation-list <file>] [--suspension-list <file>] [--online]

  Verifies a certificate's credential: signature, dates, the Open Badges 3.0 schema, and status from
  cached status-list files ("as of" their modification time), or with --online the status lists the
  credential names, fetched now.
  Keys come from the trust list (--trust <file>, or CORRIDOR_TRUSTED_ISSUERS / CORRIDOR_TRUSTED_ISSUERS_FILE):
  {"<issuer id>": "<JWKS URL or file>"}, looked up by the issuer the credential names; an issuer not on
  it is "issuer-not-trusted". --jwks <file> instead verifies against exactly that key set.
  Exit code 0 when valid, 1 when not, 2 on bad usage.`;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'error' });
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
  return (await response.text()).trim();
}

/** The status lists the credential names (fetched, then verified with the trusted keys like the credential). */
function statusListUrls(jws: string): { purpose: 'revocation' | 'suspension'; url: string }[] {
  const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return readStatusEntries(payload).entries.map((e) => ({ purpose: e.statusPurpose, url: e.statusListCredential }));
}

/** --trust <file> wins over CORRIDOR_TRUSTED_ISSUERS; neither → an empty list (no issuer is trusted). */
function trustList(file: string | undefined): TrustList {
  if (file) return parseTrustList(readFileSync(file, 'utf8'), file, dirname(file));
  const text = settingValue(process.env, 'CORRIDOR_TRUSTED_ISSUERS');
  return text?.trim() ? parseTrustList(text, 'CORRIDOR_TRUSTED_ISSUERS') : {};
}

export async function verifyCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        jwks: { type: 'string' },
        trust: { type: 'string' },
        'revocation-list': { type: 'string' },
        'suspension-list': { type: 'string' },
        online: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  const [file] = parsed.positionals;
  const { values } = parsed;
  const trustConfigured = Boolean(values.trust ?? settingValue(process.env, 'CORRIDOR_TRUSTED_ISSUERS')?.trim());
  if (!file || (values.jwks && values.trust) || (!values.online && !values.jwks && !trustConfigured)) {
    console.error(usage);
    return 2;
  }
  const statusListPaths = {
    ...(values['revocation-list'] ? { revocation: values['revocation-list'] } : {}),
    ...(values['suspension-list'] ? { suspension: values['suspension-list'] } : {}),
  };
  let verdict: VerificationVerdict;
  if (values.jwks && !values.online) {
    verdict = await verifyCredentialFile(file, { jwksPath: values.jwks, statusListPaths });
  } else {
    const jws = readFileSync(file, 'utf8').trim();
    const statusLists: StatusListInputs = {};
    for (const [purpose, path] of Object.entries(statusListPaths) as ['revocation' | 'suspension', string][])
      statusLists[purpose] = { jws: readFileSync(path, 'utf8').trim(), fetchedAt: statSync(path).mtime.toISOString() };
    verdict = values.jwks
      ? await verifyCredential(jws, { keys: JSON.parse(readFileSync(values.jwks, 'utf8')) as { keys: unknown[] }, statusLists: await fetchLists(jws) })
      : await verifyWithTrustList(jws, {
          trust: trustList(values.trust),
          online: values.online,
          fetchText,
          statusLists,
          ...(values.online ? { statusListUrls } : {}),
        });
  }
  const { credential: _credential, ...summary } = verdict;
  console.log(JSON.stringify(summary, null, 2));
  return verdict.valid ? 0 : 1;
}

async function fetchLists(jws: string): Promise<StatusListInputs> {
  const fetchedAt = new Date().toISOString();
  const lists: StatusListInputs = {};
  for (const { purpose, url } of statusListUrls(jws)) lists[purpose] = { jws: await fetchText(url), fetchedAt };
  return lists;
}
