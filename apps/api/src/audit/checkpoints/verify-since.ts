import type { VerificationKeys } from '@corridor/credentials';
import { checkLogAgainst, type CheckpointLedger, type ConsistencyReport, type EventStore } from '@corridor/event-store';
import { CheckpointFileSchema, type CheckpointFileInput } from './checkpoint-file';
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
