/**
 * Where each node of a growing RFC 9162 tree lives in one append-only file: post-order, the
 * order in which nodes complete as leaves are appended (the layout of Merkle mountain ranges).
 * Appending leaf L writes its hash and then every node it completes, lowest first; so the file
 * only ever grows at its end, one batch is one contiguous write, and the 2^(t+1) − 1 nodes of an
 * aligned subtree of 2^t leaves sit together, which lets one read fetch all the lower siblings of
 * an audit path (see `fileLogStore.ts`).
 *
 * Node (k, i) covers leaves [i·2^k, (i+1)·2^k) and completes with leaf L = (i+1)·2^k − 1. Before
 * it come the L leaves before L and the L − popcount(L) interior nodes they completed (Σ_{j≥1}
 * ⌊L/2^j⌋), then leaf L and the k − 1 nodes below it on the way up: position 2L − popcount(L) + k.
 */
import { popCount } from './treeMath';

/**
 * Position (in nodes, from 0) of node (`level`, `index`) in post-order.
 * @param level - height above the leaves.
 * @param index - index within that level.
 * @returns the position.
 */
export function nodePosition(level: number, index: number): number {
  const lastLeaf = (index + 1) * 2 ** level - 1;
  return 2 * lastLeaf - popCount(lastLeaf) + level;
}

/**
 * Number of nodes a tree of `size` leaves has written: its leaves and complete subtrees.
 * @param size - leaves.
 * @returns 2·size − popcount(size).
 */
export function nodeCount(size: number): number {
  return 2 * size - popCount(size);
}

/**
 * The largest tree size all of whose nodes lie in the first `nodes` positions.
 * @param nodes - a number of whole nodes present.
 * @returns the largest `size` with {@link nodeCount}(size) ≤ `nodes`.
 */
export function sizeWithinNodes(nodes: number): number {
  // nodeCount is increasing and nodeCount(s) ≥ s, so the answer lies in [0, nodes].
  let low = 0;
  let high = nodes;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (nodeCount(middle) <= nodes) low = middle;
    else high = middle - 1;
  }
  return low;
}
