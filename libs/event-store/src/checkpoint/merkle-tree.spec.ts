import { EMPTY_TREE_ROOT, MerkleAccumulator, merkleLeafHash, merkleNodeHash, merkleRootOf } from './merkle-tree';

describe('RFC 9162 Merkle tree hash', () => {
  it('hashes the empty tree, one leaf and two leaves as the RFC defines them', () => {
    expect(EMPTY_TREE_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new MerkleAccumulator().root()).toBe(EMPTY_TREE_ROOT);
    expect(merkleRootOf(['a'])).toBe(merkleLeafHash('a'));
    expect(merkleRootOf(['a', 'b'])).toBe(merkleNodeHash(merkleLeafHash('a'), merkleLeafHash('b')));
    // Three leaves split 2 + 1, not 1 + 2.
    expect(merkleRootOf(['a', 'b', 'c'])).toBe(
      merkleNodeHash(merkleNodeHash(merkleLeafHash('a'), merkleLeafHash('b')), merkleLeafHash('c')),
    );
  });

  it('builds the same root leaf by leaf as the recursive definition, at every size', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => `leaf-${i}`);
    const tree = new MerkleAccumulator();
    for (let n = 1; n <= leaves.length; n++) {
      tree.addLeaf(leaves[n - 1] as string);
      expect(tree.root()).toBe(merkleRootOf(leaves.slice(0, n)));
    }
  });

  it('changes the root when a leaf is changed, dropped or two are swapped', () => {
    const leaves = ['a', 'b', 'c', 'd', 'e'];
    const root = merkleRootOf(leaves);
    expect(merkleRootOf(['a', 'b', 'X', 'd', 'e'])).not.toBe(root);
    expect(merkleRootOf(['a', 'b', 'c', 'd'])).not.toBe(root);
    expect(merkleRootOf(['a', 'c', 'b', 'd', 'e'])).not.toBe(root);
  });
});
