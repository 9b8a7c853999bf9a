import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publicJwks, type VerificationKeys } from '@corridor/credentials';
import { CheckpointInconsistentError, CheckpointLedger, type ConsistencyReport, type EventStore, type SqlDatabase } from '@corridor/event-store';
import { checkpointFile, type CheckpointFile } from '../../../api/src/audit/checkpoints/checkpoint-file';
import { CheckpointRefusedError, signCheckpoint, verifyCheckpointJws } from '../../../api/src/audit/checkpoints/checkpoint-jws';
import { checkLatestCheckpoint, parseCheckpointFile, verifySince, type LatestCheckpointCheck } from '../../../api/src/audit/checkpoints/verify-since';
import { DEV_CREDENTIAL_KEYS_FILE, loadCredentialKeyRing } from '../../../api/src/certificates/credential-keys';
import { loadConfig, type CorridorConfig } from '../../../api/src/config/corridor-config';
import { openCliStorage } from '../cli-storage';
import type { AuditIo } from './audit.command';

export const checkpointUsage = `  checkpoint [--api <url>] [--token <bearer>]
                        print a signed checkpoint of the event log (JSON, keep it): taken now from the
                        store (or through the API with --api: POST /audit/checkpoints with an auditor's
                        token, else the public GET /audit/checkpoints/latest)
  verify --since <checkpoint.json> [--jwks <jwks.json>] [--api <url>] [--token <bearer>]
                        prove the store extends a kept checkpoint (nothing removed, rewritten or
                        reordered), or say what changed since it; the signature is checked against
                        --jwks, else the API's /.well-known/jwks.json, else the local key ring.
                        Exit code 1 when the log changed or the checkpoint is refused
`;

class UsageError extends Error {}

interface Target {
  api?: string;
  token?: string;
}

/** `corridor audit checkpoint` and `corridor audit verify --since`. Returns the exit code. */
export async function auditCheckpointCommand(sub: 'checkpoint' | 'verify', args: string[], io: AuditIo = {}): Promise<number> {
  const out = io.stdout ?? ((text: string) => process.stdout.write(text));
  const err = io.stderr ?? ((text: string) => process.stderr.write(text));
  const env = io.env ?? process.env;
  let values: { since?: string; jwks?: string; api?: string; token?: string };
  try {
    const parsed = parseArgs({
      args,
      allowPositionals: false,
      options: { since: { type: 'string' }, jwks: { type: 'string' }, api: { type: 'string' }, token: { type: 'string' } },
    });
    values = parsed.values;
    if (sub === 'checkpoint' && (values.since || values.jwks)) throw new UsageError('checkpoint takes only --api and --token');
    if (sub === 'verify' && !values.since) throw new UsageError('verify --since needs a checkpoint file');
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n\n${checkpointUsage}`);
    return 2;
  }
  const target: Target = { api: values.api?.replace(/\/$/, ''), token: values.token ?? env.CORRIDOR_TOKEN };
  const config = loadConfig(env);

  if (sub === 'checkpoint') {
    let file: CheckpointFile;
    try {
      file = target.api ? await checkpointThroughApi(target) : await withDirectStore(config, (store, ledger) => takeDirect(config, store, ledger));
    } catch (error) {
      if (!(error instanceof CheckpointInconsistentError)) throw error;
      err(`no checkpoint signed: ${error.message}\n`);
      return 1;
    }
    const s = file.statement;
    err(`checkpoint #${s.seq} of ${s.createdAt}: ${s.size} events, ${s.streams} streams, root ${s.root}\n`);
    out(`${JSON.stringify(file, null, 2)}\n`);
    return 0;
  }

  let report: ConsistencyReport;
  try {
    const file = parseCheckpointFile(JSON.parse(await readFile(values.since as string, 'utf8')) as unknown);
    const keys = await verificationKeys(config, target, values.jwks, err);
    report = target.api
      ? await verifyThroughApi(target, file, keys)
      : await withDirectStore(config, (store, ledger) => verifySince(store, ledger, file, keys));
  } catch (error) {
    if (error instanceof CheckpointRefusedError || error instanceof SyntaxError) {
      err(`checkpoint refused: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const c = report.checkpoint;
  if (report.extends) err(`the log extends checkpoint #${c.seq} of ${c.createdAt}: its ${c.size} events unchanged, ${report.current.size} now\n`);
  else {
    err(`LOG CHANGED since checkpoint #${c.seq} of ${c.createdAt} (${c.size} events then, ${report.current.size} now; evidence: ${report.evidence}):\n`);
    for (const change of report.changes) err(`  - ${change.message}\n`);
  }
  out(`${JSON.stringify(report, null, 2)}\n`);
  return report.extends ? 0 : 1;
}

/**
 * The CLI's one way into the store itself (PGlite, Postgres or KurrentDB plus the SQL ledger): kept
 * in this one function so it can be re-routed (e.g. through a PGlite socket) without touching the rest.
 */
export async function withDirectStore<T>(config: CorridorConfig, run: (store: EventStore, ledger: CheckpointLedger) => Promise<T>): Promise<T> {
  const storage = await openCliStorage(config);
  try {
    const ledger = new CheckpointLedger(storage.db, storage.store);
    await ledger.init();
    return await run(storage.store, ledger);
  } finally {
    await storage.store.close();
    await storage.db.close();
  }
}

async function takeDirect(config: CorridorConfig, _store: EventStore, ledger: CheckpointLedger): Promise<CheckpointFile> {
  const { keyRing } = await loadCredentialKeyRing(config);
  const { checkpoint } = await ledger.take((statement) => signCheckpoint(statement, keyRing));
  return checkpointFile(checkpoint, await ledger.heads(checkpoint.size));
}

async function api(target: Target, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${target.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

async function checkpointThroughApi(target: Target): Promise<CheckpointFile> {
  if (target.token) return json<CheckpointFile>(await api(target, 'POST', '/audit/checkpoints', {}), 'POST /audit/checkpoints');
  return json<CheckpointFile>(await api(target, 'GET', '/audit/checkpoints/latest'), 'GET /audit/checkpoints/latest');
}

/**
 * The signature is checked here, with the auditor's keys, before the server is asked anything: a
 * forged checkpoint is refused by the auditor, not by the party being audited.
 */
async function verifyThroughApi(target: Target, file: ReturnType<typeof parseCheckpointFile>, keys: VerificationKeys): Promise<ConsistencyReport> {
  await verifyCheckpointJws(file.checkpoint, keys);
  let response = await api(target, 'POST', '/audit/checkpoints/verify', file);
  // Many streams make a large heads list: the server then works from its own (root-checked) leaf record.
  if (response.status === 413) response = await api(target, 'POST', '/audit/checkpoints/verify', { format: file.format, checkpoint: file.checkpoint });
  if (response.status === 422) throw new CheckpointRefusedError(((await response.json()) as { detail?: string }).detail ?? 'refused by the server');
  return json<ConsistencyReport>(response, 'POST /audit/checkpoints/verify');
}

async function verificationKeys(config: CorridorConfig, target: Target, jwksFile: string | undefined, err: (text: string) => void): Promise<VerificationKeys> {
  if (jwksFile) return JSON.parse(await readFile(jwksFile, 'utf8')) as { keys: unknown[] };
  if (target.api) return json<{ keys: unknown[] }>(await api(target, 'GET', '/.well-known/jwks.json'), 'GET /.well-known/jwks.json');
  err('no --jwks: checking the signature with the public keys of the local key ring\n');
  return publicJwks((await loadCredentialKeyRing(config)).keyRing);
}

/**
 * For a plain `audit verify`: the store against the latest checkpoint its ledger records, checked
 * with the issuer's keys as configured here. Where there are none (a copy of the database without
 * the key ring), nothing is checked rather than a fresh development ring refusing every checkpoint.
 */
export async function latestCheckpointOnStore(
  env: NodeJS.ProcessEnv,
  store: EventStore,
  db: SqlDatabase,
  err: (text: string) => void,
): Promise<LatestCheckpointCheck | undefined> {
  const config = loadConfig(env);
  if (!config.CREDENTIAL_SIGNING_JWKS && !(await access(join(config.dataDir, DEV_CREDENTIAL_KEYS_FILE)).then(() => true, () => false))) {
    err('no issuer keys here: the latest recorded checkpoint was not checked (use verify --since <cp.json> --jwks <jwks.json>)\n');
    return undefined;
  }
  const keys = publicJwks((await loadCredentialKeyRing(config)).keyRing);
  const check = await checkLatestCheckpoint(store, new CheckpointLedger(db, store), keys);
  if (!check) return undefined;
  if ('refused' in check) err(`LATEST CHECKPOINT REFUSED: ${check.refused}\n`);
  else if (check.extends) err(`the log extends the latest checkpoint, #${check.checkpoint.seq} of ${check.checkpoint.createdAt}\n`);
  else {
    err(`LOG CHANGED since the latest checkpoint, #${check.checkpoint.seq} of ${check.checkpoint.createdAt}:\n`);
    for (const change of check.changes) err(`  - ${change.message}\n`);
  }
  return check;
}
