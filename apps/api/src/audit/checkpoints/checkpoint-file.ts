import { z } from 'zod';
import { headsDigest, type StoredCheckpoint, type StreamHead } from '@corridor/event-store';

/**
 * What an auditor keeps (`corridor audit checkpoint > cp.json`): the signed checkpoint, its statement
 * in clear for reading (the signed one is what counts), and the stream heads it covered, which the
 * signed headsDigest binds, so a verification can say per stream what changed even if the server's
 * own leaf record is gone.
 */
export interface CheckpointFile {
  format: 'corridor-checkpoint/1';
  checkpoint: string;
  statement: Omit<StoredCheckpoint, 'jws'>;
  heads?: StreamHead[];
}

export const CheckpointFileSchema = z.object({
  format: z.literal('corridor-checkpoint/1', { message: 'format must be "corridor-checkpoint/1"' }),
  checkpoint: z.string().min(1).max(10_000),
  statement: z.unknown().optional(),
  heads: z
    .array(z.object({ stream: z.string().min(1), version: z.number().int().min(1), hash: z.string().min(1) }).strict())
    .optional(),
});
export type CheckpointFileInput = z.infer<typeof CheckpointFileSchema>;

/**
 * The file for a checkpoint. Heads (read back from the leaf record) go in only when they match the
 * signed digest: heads from a doctored record would be refused at verification anyway.
 */
export function checkpointFile(checkpoint: StoredCheckpoint, heads?: StreamHead[]): CheckpointFile {
  const { jws, ...statement } = checkpoint;
  const authentic = heads !== undefined && headsDigest(heads) === checkpoint.headsDigest;
  return { format: 'corridor-checkpoint/1', checkpoint: jws, statement, ...(authentic ? { heads } : {}) };
}
