import type { ChainBreak } from '../event-store.port';
import { eventHash, type HashedFields } from './event-hash';

export interface StoredEvent extends HashedFields {
  hash: string;
  position: number;
}

/**
 * Walks events stream by stream, each stream in version order, and records the first place where
 * the chain breaks: a missing or repeated version, a prevHash that is not the predecessor's hash,
 * a hash that does not match the content, or positions that run against versions.
 */
export class ChainVerifier {
  streams = 0;
  events = 0;
  firstBreak: ChainBreak | undefined;
  private stream: string | undefined;
  private version = 0;
  private hash: string | null = null;
  private position = -1;

  /**
   * For a read that starts mid-stream: trust the first event's link to its unread predecessor.
   * From version 1 nothing is trusted (version 1 must have no predecessor).
   */
  startAt(fromVersion: number, first: StoredEvent): void {
    if (fromVersion <= 1) return;
    this.stream = first.stream;
    this.streams++;
    this.version = fromVersion - 1;
    this.hash = first.prevHash;
    this.position = -1;
  }

  /** Returns false once a break has been found (the caller may stop reading). */
  add(e: StoredEvent, extraCheck?: string | null, dataText?: string): boolean {
    if (this.firstBreak) return false;
    if (e.stream !== this.stream) {
      this.stream = e.stream;
      this.streams++;
      this.version = 0;
      this.hash = null;
      this.position = -1;
    }
    this.events++;
    const reason = extraCheck ?? this.check(e, dataText);
    if (reason) {
      // A gap or a moved version is named by the version that should have come next.
      const version = e.version === this.version + 1 ? e.version : this.version + 1;
      this.firstBreak = { stream: e.stream, version, reason };
      return false;
    }
    this.version = e.version;
    this.hash = e.hash;
    this.position = e.position;
    return true;
  }

  get ok(): boolean {
    return this.firstBreak === undefined;
  }

  private check(e: StoredEvent, dataText?: string): string | undefined {
    return linkProblem({ version: this.version, hash: this.hash, position: this.position }, e, dataText);
  }
}

/** The state of a stream's chain after its last verified event. */
export interface ChainHead {
  version: number;
  hash: string | null;
  position: number;
}

/** Why `e` does not continue the chain after `prev`, or undefined when it does (`dataText`: see eventHash). */
export function linkProblem(prev: ChainHead, e: StoredEvent, dataText?: string): string | undefined {
  if (e.version !== prev.version + 1) return `expected version ${prev.version + 1}, found ${e.version}`;
  if (e.prevHash !== prev.hash) return 'prevHash does not match the hash of the previous event';
  if (e.position <= prev.position) return 'position is not after the previous event of the stream';
  // Second try without the stored text: data written by an older schema as jsonb, whose text is
  // not the canonical one.
  if (eventHash(e, dataText) !== e.hash && (dataText === undefined || eventHash(e) !== e.hash))
    return 'hash does not match the event content';
  return undefined;
}
