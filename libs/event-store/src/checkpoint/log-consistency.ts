import type { EventStore, LogEntry } from '../event-store.port';
import { headsDigest, scanLog, type CheckpointStatement } from './checkpoint-ledger';
import { logLeaf, type StreamHead } from './log-leaf';
import { MerkleAccumulator } from './merkle-tree';

/** One thing that differs between a checkpoint and the log now. */
export type CheckpointChange =
  | { kind: 'log-shrank'; from: number; to: number; message: string }
  | { kind: 'events-removed'; stream: string; fromVersion: number; toVersion: number; positions?: number[]; message: string }
  | {
      kind: 'events-rewritten';
      stream: string;
      fromVersion: number;
      toVersion: number;
      positions?: number[];
      /** Stream-heads evidence only says the head differs: the rewrite is at or before this version. */
      atOrBefore?: boolean;
      message: string;
    }
  | { kind: 'events-moved'; stream: string; version: number; from: number; to: number; message: string }
  | { kind: 'events-inserted'; stream: string; fromVersion: number; toVersion: number; positions: number[]; message: string }
  | { kind: 'root-mismatch'; message: string };

export interface ConsistencyReport {
  /** True when the log now extends the checkpoint: its first `size` events are exactly those it covered. */
  extends: boolean;
  checkpoint: Pick<CheckpointStatement, 'seq' | 'size' | 'root' | 'headPosition' | 'createdAt'>;
  current: { size: number; root: string; headPosition: number };
  changes: CheckpointChange[];
  /**
   * What the changes were worked out from: the leaf record (rebuilt to the signed root, so exact),
   * the checkpoint's stream heads (per stream), or nothing but the roots.
   */
  evidence: 'leaf-record' | 'stream-heads' | 'roots-only' | null;
}

export interface ConsistencyEvidence {
  /** The leaves the checkpoint covered as recorded by the ledger; used only if they rebuild the signed root. */
  recordedLeaves?: () => Promise<LogEntry[]>;
  /** The stream heads from the checkpoint file; used only if they match the signed headsDigest. */
  heads?: StreamHead[];
}

/**
 * Proves the log extends a checkpoint by rebuilding the tree over the first `size` events of the log
 * now and comparing with the signed root (RFC 9162's consistency, checked by recomputation). When it
 * does not, says what changed: from the leaf record when it is authentic, else from the heads.
 */
export async function checkLogAgainst(
  store: Pick<EventStore, 'readLog'>,
  checkpoint: CheckpointStatement,
  evidence: ConsistencyEvidence = {},
): Promise<ConsistencyReport> {
  const scan = await scanLog(store, checkpoint.size);
  const report: ConsistencyReport = {
    extends: scan.rootAt === checkpoint.root,
    checkpoint: {
      seq: checkpoint.seq,
      size: checkpoint.size,
      root: checkpoint.root,
      headPosition: checkpoint.headPosition,
      createdAt: checkpoint.createdAt,
    },
    current: { size: scan.size, root: scan.root, headPosition: scan.headPosition },
    changes: [],
    evidence: null,
  };
  if (report.extends) return report;

  const since = `since checkpoint #${checkpoint.seq} of ${checkpoint.createdAt}`;
  if (scan.size < checkpoint.size)
    report.changes.push({
      kind: 'log-shrank',
      from: checkpoint.size,
      to: scan.size,
      message: `the log shrank from ${checkpoint.size} to ${scan.size} events ${since}`,
    });

  const current = new Map<string, LogEntry>();
  await scanLog(store, undefined, (entry) => current.set(key(entry.stream, entry.version), entry));

  const recorded = evidence.recordedLeaves ? await evidence.recordedLeaves().catch(() => undefined) : undefined;
  if (recorded && recorded.length === checkpoint.size && rootOf(recorded) === checkpoint.root) {
    report.evidence = 'leaf-record';
    report.changes.push(...fromLeaves(recorded, current, checkpoint, since));
  } else if (evidence.heads && headsDigest(evidence.heads) === checkpoint.headsDigest) {
    report.evidence = 'stream-heads';
    report.changes.push(...fromHeads(evidence.heads, current, scan.heads, checkpoint, since));
  } else {
    report.evidence = 'roots-only';
  }
  if (!report.changes.some((c) => c.kind !== 'log-shrank'))
    report.changes.push({
      kind: 'root-mismatch',
      message: `the first ${Math.min(checkpoint.size, scan.size)} events of the log do not hash to the root of checkpoint #${checkpoint.seq} (${checkpoint.createdAt})`,
    });
  return report;
}

const key = (stream: string, version: number): string => `${stream}\u0000${version}`;

function rootOf(entries: LogEntry[]): string {
  const tree = new MerkleAccumulator();
  for (const e of entries) tree.addLeaf(logLeaf(e));
  return tree.root();
}

interface Hit {
  stream: string;
  version: number;
  position: number;
}

function fromLeaves(recorded: LogEntry[], current: Map<string, LogEntry>, checkpoint: CheckpointStatement, since: string): CheckpointChange[] {
  const removed: Hit[] = [];
  const rewritten: Hit[] = [];
  const changes: CheckpointChange[] = [];
  const covered = new Set<string>();
  for (const old of recorded) {
    const k = key(old.stream, old.version);
    covered.add(k);
    const now = current.get(k);
    if (!now) removed.push(old);
    else if (now.hash !== old.hash) rewritten.push(old);
    else if (now.position !== old.position)
      changes.push({
        kind: 'events-moved',
        stream: old.stream,
        version: old.version,
        from: old.position,
        to: now.position,
        message: `${old.stream} version ${old.version} moved from position ${old.position} to ${now.position} ${since}`,
      });
  }
  const inserted: Hit[] = [];
  for (const [k, e] of current) if (!covered.has(k) && e.position <= checkpoint.headPosition) inserted.push(e);
  for (const r of ranges(removed))
    changes.push({
      kind: 'events-removed',
      ...r,
      message: `${r.stream} lost ${versions(r)} (position${r.positions.length > 1 ? 's' : ''} ${r.positions.join(', ')}) ${since}`,
    });
  for (const r of ranges(rewritten))
    changes.push({
      kind: 'events-rewritten',
      ...r,
      message: `${r.stream} ${versions(r)} rewritten (position${r.positions.length > 1 ? 's' : ''} ${r.positions.join(', ')}: hash differs) ${since}`,
    });
  for (const r of ranges(inserted))
    changes.push({
      kind: 'events-inserted',
      ...r,
      message: `${r.stream} ${versions(r)} inserted into the log before checkpoint #${checkpoint.seq}'s head (position ${checkpoint.headPosition}) ${since}`,
    });
  return changes;
}

function fromHeads(
  heads: StreamHead[],
  current: Map<string, LogEntry>,
  currentHeads: Map<string, StreamHead>,
  checkpoint: CheckpointStatement,
  since: string,
): CheckpointChange[] {
  const changes: CheckpointChange[] = [];
  const known = new Set<string>();
  for (const head of heads) {
    known.add(head.stream);
    const now = currentHeads.get(head.stream)?.version ?? 0;
    if (now < head.version)
      changes.push({
        kind: 'events-removed',
        stream: head.stream,
        fromVersion: now + 1,
        toVersion: head.version,
        message: `${head.stream} lost ${versions({ fromVersion: now + 1, toVersion: head.version })} ${since}`,
      });
    const atHead = current.get(key(head.stream, head.version));
    if (atHead && atHead.hash !== head.hash)
      changes.push({
        kind: 'events-rewritten',
        stream: head.stream,
        fromVersion: 1,
        toVersion: head.version,
        atOrBefore: true,
        message: `${head.stream} rewritten at or before version ${head.version} (its hash there differs) ${since}`,
      });
  }
  const inserted: Hit[] = [];
  for (const e of current.values()) if (e.position <= checkpoint.headPosition && !known.has(e.stream)) inserted.push(e);
  for (const r of ranges(inserted))
    changes.push({
      kind: 'events-inserted',
      ...r,
      message: `${r.stream} ${versions(r)} inserted into the log before checkpoint #${checkpoint.seq}'s head ${since}`,
    });
  return changes;
}

/** Consecutive versions of one stream grouped: "lost versions 5..6", not two lines. */
function ranges(hits: Hit[]): Array<{ stream: string; fromVersion: number; toVersion: number; positions: number[] }> {
  const sorted = [...hits].sort((a, b) => (a.stream === b.stream ? a.version - b.version : a.stream < b.stream ? -1 : 1));
  const out: Array<{ stream: string; fromVersion: number; toVersion: number; positions: number[] }> = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && last.stream === h.stream && last.toVersion + 1 === h.version) {
      last.toVersion = h.version;
      last.positions.push(h.position);
    } else out.push({ stream: h.stream, fromVersion: h.version, toVersion: h.version, positions: [h.position] });
  }
  return out;
}

function versions(r: { fromVersion: number; toVersion: number }): string {
  return r.fromVersion === r.toVersion ? `version ${r.fromVersion}` : `versions ${r.fromVersion}..${r.toVersion}`;
}
