import type { RecordedEvent } from '../event-store.port';

/**
 * What a Corridor event carries in its KurrentDB metadata: the caller's metadata, the hash-chain
 * fields (KurrentDB has no columns for them) and, on a stream's first event, the stream metadata.
 */
export interface KurrentEventMetadata {
  metadata: Record<string, unknown>;
  chain: { hash: string; prevHash: string | null; schemaVersion: number; recordedAt: string };
  streamMetadata?: Record<string, unknown>;
}

/** The fields of a KurrentDB recorded event this adapter reads. */
export interface KurrentRecorded {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  created: Date;
  position?: { commit: bigint; prepare: bigint };
}

function isChainMetadata(value: unknown): value is KurrentEventMetadata {
  const chain = (value as Partial<KurrentEventMetadata> | null)?.chain;
  return typeof chain === 'object' && chain !== null && typeof chain.hash === 'string';
}

/**
 * Our versions are 1-based, KurrentDB revisions 0-based: version = revision + 1. Positions are the
 * commit position in the transaction log. An event written by something other than this adapter
 * has no chain metadata: it reads with an empty hash, so verification flags it.
 */
export function fromKurrent(e: KurrentRecorded): RecordedEvent {
  const meta = isChainMetadata(e.metadata) ? e.metadata : undefined;
  return {
    id: e.id,
    stream: e.streamId,
    version: Number(e.revision) + 1,
    position: Number(e.position?.commit ?? 0n),
    type: e.type,
    schemaVersion: meta?.chain.schemaVersion ?? 1,
    data: e.data,
    metadata: meta?.metadata ?? {},
    recordedAt: meta ? new Date(meta.chain.recordedAt) : e.created,
    hash: meta?.chain.hash ?? '',
    prevHash: meta?.chain.prevHash ?? null,
  };
}

export function streamMetadataOf(e: KurrentRecorded): Record<string, unknown> {
  return isChainMetadata(e.metadata) ? (e.metadata.streamMetadata ?? {}) : {};
}

/** KurrentDB's system streams and events start with '$'; they are not part of our log. */
export function isSystemEvent(e: KurrentRecorded): boolean {
  return e.streamId.startsWith('$') || e.type.startsWith('$');
}
