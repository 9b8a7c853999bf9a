import { createHash } from 'node:crypto';

/**
 * The Merkle Tree Hash of RFC 9162 (Certificate Transparency 2.0, section 2.1.1): SHA-256, leaves
 * hashed with a 0x00 prefix and interior nodes with 0x01, so a leaf can never pass for a node.
 * The tree over n leaves splits at the largest power of two below n.
 */
export const EMPTY_TREE_ROOT = createHash('sha256').digest('hex');

export function merkleLeafHash(leaf: string): string {
  return createHash('sha256').update(Buffer.from([0])).update(leaf, 'utf8').digest('hex');
}

export function merkleNodeHash(left: string, right: string): string {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(Buffer.from(left, 'hex'))
    .update(Buffer.from(right, 'hex'))
    .digest('hex');
}

/** A perfect subtree of 2^height leaves and its hash. */
interface FrontierNode {
  height: number;
  hash: string;
}

/**
 * Builds the tree hash leaf by leaf in O(log n) memory: it keeps the perfect subtrees the leaves so
 * far decompose into (one per set bit of the size, largest first). Folding them from the right is
 * exactly RFC 9162's recursive split, so `root()` is the MTH of the leaves added so far.
 */
export class MerkleAccumulator {
  private readonly nodes: FrontierNode[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a leaf given as its text (hashed with the leaf prefix). */
  addLeaf(leaf: string): void {
    this.addLeafHash(merkleLeafHash(leaf));
  }

  addLeafHash(leafHash: string): void {
    let node: FrontierNode = { height: 0, hash: leafHash };
    for (let last = this.nodes[this.nodes.length - 1]; last && last.height === node.height; last = this.nodes[this.nodes.length - 1]) {
      this.nodes.pop();
      node = { height: node.height + 1, hash: merkleNodeHash(last.hash, node.hash) };
    }
    this.nodes.push(node);
    this.count++;
  }

  root(): string {
    let root: string | undefined;
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i] as FrontierNode;
      root = root === undefined ? node.hash : merkleNodeHash(node.hash, root);
    }
    return root ?? EMPTY_TREE_ROOT;
  }
}

/** RFC 9162's recursive definition, for tests: the MTH of a list of leaf texts. */
export function merkleRootOf(leaves: string[]): string {
  if (leaves.length === 0) return EMPTY_TREE_ROOT;
  if (leaves.length === 1) return merkleLeafHash(leaves[0] as string);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return merkleNodeHash(merkleRootOf(leaves.slice(0, k)), merkleRootOf(leaves.slice(k)));
}
