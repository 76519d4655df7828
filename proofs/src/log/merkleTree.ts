/**
 * RFC 9162 §2.1 Merkle Tree Hash (MTH), inclusion paths (§2.1.3.1, PATH) and consistency
 * proofs (§2.1.4.1, PROOF and SUBPROOF), generic over where node hashes come from.
 *
 * Both algorithms are the RFC's recursions unrolled into loops that walk from the root down:
 * the RFC appends each sibling after the sub-proof of the half that holds the leaf, so a walk
 * from the root meets the siblings in reverse and returns them reversed. Every range the walk
 * asks a {@link NodeReader} for is a node of the tree of the given size: either a complete
 * subtree (its width a power of two, its start a multiple of its width) or a right edge
 * `[start, size)`. A store that keeps complete subtrees answers the first kind with one read
 * and the second with at most log2(size) reads and hashes ({@link hashRange}).
 */
import type { MerkleHasher } from './merkleHasher';
import { completeSubtrees, largestPowerOfTwoBelow } from './treeMath';

/**
 * Returns MTH(D[start:end]) for a node of the tree: a complete subtree or a right edge
 * (see the module comment). `end > start`.
 */
export type NodeReader = (start: number, end: number) => Uint8Array;

/** Returns the hash of the complete subtree at `level` (leaves: 0) and `index` within that level. */
export type SubtreeReader = (level: number, index: number) => Uint8Array;

function assertTreeIndex(name: string, value: number, limit: number, limitName: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value >= limit) {
    throw new RangeError(`${name}: expected an integer in [0, ${limitName} = ${limit}), got ${value}`);
  }
}

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name}: expected a non-negative safe integer, got ${value}`);
}

/**
 * MTH(D[start:end]) from the hashes of complete subtrees: the right fold of the pieces that
 * {@link completeSubtrees} names; `log2(end − start)` reads and hashes at most.
 * @param hasher - the tree's hasher.
 * @param subtree - reads a complete subtree's hash.
 * @param start - first leaf; a multiple of a power of two ≥ `end − start` (true of every node).
 * @param end - one past the last leaf; greater than `start`.
 * @returns the range's hash.
 */
export function hashRange(hasher: MerkleHasher, subtree: SubtreeReader, start: number, end: number): Uint8Array {
  const pieces = completeSubtrees(start, end);
  let last = pieces[pieces.length - 1] as (typeof pieces)[number];
  let hash = subtree(last.level, last.index);
  for (let i = pieces.length - 2; i >= 0; i--) {
    last = pieces[i] as (typeof pieces)[number];
    hash = hasher.nodeHash(subtree(last.level, last.index), hash);
  }
  return hash;
}

/**
 * MTH(D[n]) of a list of leaf hashes (RFC 9162 §2.1.1), level by level: n − 1 node hashes.
 * @param hasher - the tree's hasher.
 * @param leafHashes - `HASH(0x00 ‖ d)` of each entry, in order.
 * @returns the tree head; `HASH()` for an empty list.
 */
export function merkleTreeHash(hasher: MerkleHasher, leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return hasher.emptyRoot();
  let level = leafHashes.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    // Pairing left to right and carrying an odd last node up unchanged builds the same tree as
    // the RFC's split at the largest power of two: both give every complete subtree its place.
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hasher.nodeHash(level[i] as Uint8Array, level[i + 1] as Uint8Array));
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Uint8Array);
    level = next;
  }
  return level[0] as Uint8Array;
}

/**
 * PATH(m, D[n]) (RFC 9162 §2.1.3.1): the audit path of leaf `leafIndex` in the tree of size
 * `treeSize`, ordered from the leaf upward.
 * @param read - reads the hash of a node of the tree of size `treeSize`.
 * @param leafIndex - the leaf, `0 ≤ leafIndex < treeSize`.
 * @param treeSize - the tree's size.
 * @returns the path: `ceil(log2(treeSize))` hashes at most; empty for a tree of one leaf.
 * @throws {RangeError} when `leafIndex` is not in `[0, treeSize)`.
 */
export function inclusionPath(read: NodeReader, leafIndex: number, treeSize: number): Uint8Array[] {
  assertSize('treeSize', treeSize);
  assertTreeIndex('leafIndex', leafIndex, treeSize, 'treeSize');
  const path: Uint8Array[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (leafIndex < start + k) {
      path.push(read(start + k, end));
      end = start + k;
    } else {
      path.push(read(start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/**
 * PROOF(m, D[n]) (RFC 9162 §2.1.4.1): the consistency proof from the tree of size `firstSize`
 * to the tree of size `secondSize`, as SUBPROOF emits it.
 * @param read - reads the hash of a node of the tree of size `secondSize`.
 * @param firstSize - the older size, `0 ≤ firstSize ≤ secondSize`.
 * @param secondSize - the newer size.
 * @returns the proof; empty when the sizes are equal or `firstSize` is 0 (every tree extends the empty one).
 * @throws {RangeError} when `firstSize > secondSize` or either is not a safe non-negative integer.
 */
export function consistencyPath(read: NodeReader, firstSize: number, secondSize: number): Uint8Array[] {
  assertSize('firstSize', firstSize);
  assertSize('secondSize', secondSize);
  if (firstSize > secondSize) throw new RangeError(`firstSize: expected at most secondSize = ${secondSize}, got ${firstSize}`);
  if (firstSize === 0 || firstSize === secondSize) return [];
  const proof: Uint8Array[] = [];
  let start = 0;
  let end = secondSize;
  let m = firstSize; // the old tree's leaves inside [start, end)
  let wholeOldTree = true; // SUBPROOF's b: [start, start + m) is the whole old tree, known to the verifier
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!wholeOldTree) proof.push(read(start, end));
      break;
    }
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      proof.push(read(start + k, end));
      end = start + k;
    } else {
      proof.push(read(start, start + k));
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  return proof.reverse();
}
