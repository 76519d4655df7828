/**
 * The right edge of a growing RFC 9162 tree: the roots of its complete subtrees, one per
 * one-bit of the size (the "peaks"). Appending a leaf merges equal-height peaks like a binary
 * counter carries, so every node of the tree is hashed exactly once, when it completes: n − 1
 * node hashes for n leaves, and no node is ever read back from disk to append.
 */
import type { MerkleHasher } from './merkleHasher';

/** Receives each node as it completes, in post-order: the leaf first, then the nodes it completes, lowest first. */
export type NodeSink = (level: number, index: number, hash: Uint8Array) => void;

/** The peaks of a tree and the appends that grow it. */
export class TreeFrontier {
  readonly #hasher: MerkleHasher;
  /** `#peaks[k]`: the complete subtree of height k at the right edge, when bit k of the size is set. */
  readonly #peaks: (Uint8Array | undefined)[];
  #size: number;

  /**
   * @param hasher - the tree's hasher.
   * @param size - the tree's size.
   * @param peaks - by level, the peak of each one-bit of `size` (others `undefined`).
   */
  constructor(hasher: MerkleHasher, size: number, peaks: readonly (Uint8Array | undefined)[]) {
    this.#hasher = hasher;
    this.#size = size;
    this.#peaks = peaks.slice();
  }

  /** The tree's size. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends one leaf hash.
   * @param leafHash - `HASH(0x00 ‖ entry)`.
   * @param sink - receives the leaf and every node it completes.
   */
  push(leafHash: Uint8Array, sink: NodeSink): void {
    let carry = leafHash;
    let level = 0;
    let index = this.#size;
    sink(0, index, carry);
    // Bit `level` of index set: a left sibling of the same height waits at the edge.
    while (index % 2 === 1) {
      carry = this.#hasher.nodeHash(this.#peaks[level] as Uint8Array, carry);
      this.#peaks[level] = undefined;
      level++;
      index = (index - 1) / 2;
      sink(level, index, carry);
    }
    this.#peaks[level] = carry;
    this.#size++;
  }

  /**
   * The tree head: the right fold of the peaks, highest first (RFC 9162 §2.1.1).
   * @returns MTH of the tree, or `HASH()` when it is empty.
   */
  root(): Uint8Array {
    let root: Uint8Array | undefined;
    for (const peak of this.#peaks) {
      if (peak !== undefined) root = root === undefined ? peak : this.#hasher.nodeHash(peak, root);
    }
    return root ?? this.#hasher.emptyRoot();
  }
}
