import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  readStatusEntries,
  verifyCredential,
  verifyCredentialFile,
  type VerificationVerdict,
} from '@corridor/credentials';

const usage = `corridor verify <credential.jwt> [--jwks <file>] [--revocation-list <file>] [--suspension-list <file>] [--online]

  Verifies a certificate's credential offline: signature against the issuer's keys (--jwks), dates,
  the Open Badges 3.0 schema, and status from cached status-list files ("as of" their modification
  time). --online fetches the issuer's JWKS and the status lists the credential names instead.
  Exit code 0 when valid, 1 when not, 2 on bad usage.`;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
  return (await response.text()).trim();
}

/** The issuer's JWKS and the status lists named in the credential, fetched now. */
async function online(jws: string, jwksUrl: string | undefined): Promise<VerificationVerdict> {
  const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const issuer = payload.issuer as { id?: string } | string | undefined;
  const base = (process.env.API_URL ?? (typeof issuer === 'object' ? issuer.id : issuer) ?? '')
    .replace(/\/issuer$/, '')
    .replace(/\/$/, '');
  const keys = JSON.parse(await fetchText(jwksUrl ?? `${base}/.well-known/jwks.json`)) as { keys: unknown[] };
  const fetchedAt = new Date().toISOString();
  const statusLists: Record<string, { jws: string; fetchedAt: string }> = {};
  for (const entry of readStatusEntries(payload).entries)
    statusLists[entry.statusPurpose] = { jws: await fetchText(entry.statusListCredential), fetchedAt };
  return verifyCredential(jws, { keys, statusLists });
}

export async function verifyCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        jwks: { type: 'string' },
        'revocation-list': { type: 'string' },
        'suspension-list': { type: 'string' },
        online: { type: 'boolean', default: false },
        'jwks-url': { type: 'string' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  const [file] = parsed.positionals;
  const { values } = parsed;
  if (!file || (!values.online && !values.jwks)) {
    console.error(usage);
    return 2;
  }
  const statusListPaths = {
    ...(values['revocation-list'] ? { revocation: values['revocation-list'] } : {}),
    ...(values['suspension-list'] ? { suspension: values['suspension-list'] } : {}),
  };
  const verdict = values.online
    ? await online(readFileSync(file, 'utf8').trim(), values['jwks-url'])
    : await verifyCredentialFile(file, { jwksPath: values.jwks, statusListPaths });
  const { credential: _credential, ...summary } = verdict;
  console.log(JSON.stringify(summary, null, 2));
  return verdict.valid ? 0 : 1;
}
