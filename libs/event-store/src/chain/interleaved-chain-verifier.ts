import type { ChainBreak } from '../event-store.port';
import { linkProblem, type ChainHead, type StoredEvent } from './chain-verifier';

/**
 * Verifies many streams from one pass over the global log (streams interleaved), keeping each
 * stream's chain head in memory: for stores that cannot list events stream by stream cheaply.
 */
export class InterleavedChainVerifier {
  events = 0;
  firstBreak: ChainBreak | undefined;
  private readonly heads = new Map<string, ChainHead>();

  get streams(): number {
    return this.heads.size;
  }

  get ok(): boolean {
    return this.firstBreak === undefined;
  }

  /** Returns false once a break has been found. */
  add(e: StoredEvent): boolean {
    if (this.firstBreak) return false;
    this.events++;
    const prev = this.heads.get(e.stream) ?? { version: 0, hash: null, position: -1 };
    const reason = linkProblem(prev, e);
    if (reason) {
      this.heads.set(e.stream, prev);
      const version = e.version === prev.version + 1 ? e.version : prev.version + 1;
      this.firstBreak = { stream: e.stream, version, reason };
      return false;
    }
    this.heads.set(e.stream, { version: e.version, hash: e.hash, position: e.position });
    return true;
  }
}
