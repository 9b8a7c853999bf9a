import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { z } from 'zod';
import { activeKey, verificationKeyMap, type KeyRing, type VerificationKeys } from '@corridor/credentials';
import type { CheckpointStatement } from '@corridor/event-store';

/**
 * Its own `typ`, so no other signature of the issuer (a credential, a status list) can be passed off
 * as a checkpoint, nor a checkpoint as one of those.
 */
export const CHECKPOINT_TYP = 'corridor-checkpoint+jws';
const ALG = 'EdDSA';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0);
export const CheckpointStatementSchema = z
  .object({
    seq: z.number().int().min(1),
    size: count,
    root: hex64,
    headPosition: count,
    createdAt: z.iso.datetime(),
    streams: count,
    headsDigest: hex64,
  })
  .strict();

export class CheckpointRefusedError extends Error {
  override readonly name = 'CheckpointRefusedError';
}

export async function signCheckpoint(statement: CheckpointStatement, keyRing: KeyRing): Promise<string> {
  const key = activeKey(keyRing);
  const bytes = new TextEncoder().encode(JSON.stringify(statement));
  return new CompactSign(bytes).setProtectedHeader({ alg: ALG, kid: key.kid, typ: CHECKPOINT_TYP }).sign(key.privateKey);
}

/** The statement a checkpoint JWS signs, once its signature checks out against the key its kid names. */
export async function verifyCheckpointJws(jws: string, keys: VerificationKeys): Promise<CheckpointStatement> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws)) throw new CheckpointRefusedError('the checkpoint is not a compact JWS');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new CheckpointRefusedError('the checkpoint header is unreadable');
  }
  if (header.alg !== ALG || header.typ !== CHECKPOINT_TYP) throw new CheckpointRefusedError(`the checkpoint must be signed ${ALG} with typ ${CHECKPOINT_TYP}`);
  const key = typeof header.kid === 'string' ? verificationKeyMap(keys).get(header.kid) : undefined;
  if (!key) throw new CheckpointRefusedError(`no issuer key with kid "${String(header.kid)}" verifies checkpoints`);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, key, { algorithms: [ALG] }));
  } catch {
    throw new CheckpointRefusedError('the checkpoint signature does not verify: it was not signed by the issuer, or was altered');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw new CheckpointRefusedError('the checkpoint payload is not JSON');
  }
  const statement = CheckpointStatementSchema.safeParse(parsed);
  if (!statement.success) throw new CheckpointRefusedError(`the checkpoint payload is not a checkpoint: ${statement.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return statement.data;
}
