import type { VerificationKeys } from '@corridor/credentials';
import { checkLogAgainst, type CheckpointLedger, type ConsistencyReport, type EventStore } from '@corridor/event-store';
import { CheckpointFileSchema, checkpointFile, type CheckpointFileInput } from './checkpoint-file';
import { CheckpointRefusedError, verifyCheckpointJws } from './checkpoint-jws';

/** Parses a checkpoint file (refused with the reason when it is not one). */
export function parseCheckpointFile(input: unknown): CheckpointFileInput {
  const parsed = CheckpointFileSchema.safeParse(input);
  if (!parsed.success) throw new CheckpointRefusedError(`not a checkpoint file: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * `audit verify --since`: the signature first (a forged checkpoint is refused, never compared), then
 * whether the log extends it, and what changed if not. The one entry point for both the API and the
 * CLI's direct path, so either can be re-routed without touching the other.
 */
export async function verifySince(
  store: Pick<EventStore, 'readLog'>,
  ledger: CheckpointLedger | undefined,
  file: CheckpointFileInput,
  keys: VerificationKeys,
): Promise<ConsistencyReport> {
  const statement = await verifyCheckpointJws(file.checkpoint, keys);
  return checkLogAgainst(store, statement, {
    heads: file.heads,
    recordedLeaves: ledger ? () => ledger.recordedLeaves(statement.size) : undefined,
  });
}

/** How the store stands against the latest checkpoint the ledger holds (what a plain `audit verify` adds). */
export type LatestCheckpointCheck = ConsistencyReport | { extends: false; refused: string };

/**
 * The per-stream chain cannot see a cut tail; the latest recorded checkpoint can. Undefined when no
 * checkpoint has been taken (or the ledger's tables do not exist yet). A recorded checkpoint whose
 * signature fails counts against the store: someone wrote it who does not hold the issuer's key.
 */
export async function checkLatestCheckpoint(
  store: Pick<EventStore, 'readLog'>,
  ledger: CheckpointLedger,
  keys: VerificationKeys,
): Promise<LatestCheckpointCheck | undefined> {
  let latest;
  try {
    latest = await ledger.latest();
  } catch (error) {
    if ((error as { code?: string } | null)?.code === '42P01') return undefined; // undefined_table
    throw error;
  }
  if (!latest) return undefined;
  try {
    return await verifySince(store, ledger, parseCheckpointFile(checkpointFile(latest)), keys);
  } catch (error) {
    if (error instanceof CheckpointRefusedError) return { extends: false, refused: `recorded checkpoint #${latest.seq}: ${error.message}` };
    throw error;
  }
}
