import { canonicalJson } from '../chain/canonical-json';
import type { LogEntry } from '../event-store.port';

/**
 * The text of an event's leaf in the checkpoint tree: its stored hash (which covers its content and
 * its chain link) together with its place in the log, so a moved, renumbered or rewritten event
 * changes its leaf, and the leaf's order in the tree is the log's order.
 */
export function logLeaf(entry: LogEntry): string {
  return canonicalJson({ hash: entry.hash, position: entry.position, stream: entry.stream, version: entry.version });
}

/** A stream's last event as a checkpoint saw it. */
export interface StreamHead {
  stream: string;
  version: number;
  hash: string;
}
