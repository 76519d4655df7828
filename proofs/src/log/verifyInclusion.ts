/**
 * Inclusion proof verification, RFC 9162 §2.1.3.2, step by step, with each way to fail named.
 * Pure and dependency-free (a {@link MerkleHasher} supplies the hash): the chaincode's anchor
 * contract and the browser verifier run this same code.
 */
import { bytesEqual } from './bytesEqual';
import type { MerkleHasher } from './merkleHasher';

/** What {@link verifyInclusion} checks: the claim that `leafHash` is leaf `leafIndex` of the tree of size `treeSize` with root `root`. */
export interface InclusionClaim {
  /** The leaf's position, from 0. */
  readonly leafIndex: number;
  /** The tree's size. */
  readonly treeSize: number;
  /** `HASH(0x00 ‖ entry)`. */
  readonly leafHash: Uint8Array;
  /** The audit path, from the leaf upward (RFC 9162 §2.1.3.1). */
  readonly path: readonly Uint8Array[];
  /** The trusted root hash of the tree of size `treeSize` (e.g. from a verified checkpoint). */
  readonly root: Uint8Array;
}

/** Why an inclusion proof was refused. */
export type InclusionFailureReason =
  /** An index or size is not a safe non-negative integer, or a hash has the wrong length. */
  | 'MALFORMED'
  /** Step 1: `leafIndex ≥ treeSize`. */
  | 'INDEX_OUT_OF_RANGE'
  /** Step 4a: the path has more hashes than a tree of this size has levels above the leaf. */
  | 'PATH_TOO_LONG'
  /** Step 5: the path ended before reaching the root (`sn ≠ 0`). */
  | 'PATH_TOO_SHORT'
  /** Step 5: the path has the right shape but leads to another root. */
  | 'ROOT_MISMATCH';

/** The outcome of {@link verifyInclusion}. */
export type InclusionVerification =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: InclusionFailureReason; readonly message: string };

function fail(reason: InclusionFailureReason, message: string): InclusionVerification {
  return { ok: false, reason, message };
}

/**
 * Verifies an inclusion proof by the algorithm of RFC 9162 §2.1.3.2.
 * @param hasher - the log's hasher (its suite's hash).
 * @param claim - leaf index and hash, tree size, audit path and trusted root.
 * @returns `{ ok: true }`, or the failed step as a reason and a message naming the values.
 * @example
 * ```ts
 * const result = verifyInclusion(hasher, { leafIndex, treeSize: checkpoint.size, leafHash, path, root: checkpoint.root });
 * if (!result.ok) throw new Error(`not in the log: ${result.reason}`);
 * ```
 */
export function verifyInclusion(hasher: MerkleHasher, claim: Readonly<InclusionClaim>): InclusionVerification {
  const { leafIndex, treeSize, leafHash, path, root } = claim;
  const hashLength = hasher.hashLength;
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0) return fail('MALFORMED', `leafIndex: expected a non-negative safe integer, got ${leafIndex}`);
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) return fail('MALFORMED', `treeSize: expected a non-negative safe integer, got ${treeSize}`);
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== hashLength) return fail('MALFORMED', `leafHash: expected ${hashLength} bytes`);
  if (!(root instanceof Uint8Array) || root.length !== hashLength) return fail('MALFORMED', `root: expected ${hashLength} bytes`);
  if (!Array.isArray(path)) return fail('MALFORMED', 'path: expected an array of hashes');
  for (const [i, p] of path.entries()) {
    if (!(p instanceof Uint8Array) || p.length !== hashLength) return fail('MALFORMED', `path[${i}]: expected ${hashLength} bytes`);
  }
  // 1. Compare leaf_index against tree_size.
  if (leafIndex >= treeSize) return fail('INDEX_OUT_OF_RANGE', `leafIndex ${leafIndex} is not below treeSize ${treeSize}`);
  // 2.–3. fn, sn (indices are halved with arithmetic: bitwise operators stop at 2^32).
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  // 4. Fold the path.
  for (const [i, p] of path.entries()) {
    if (sn === 0) return fail('PATH_TOO_LONG', `path has ${path.length} hashes; a leaf of a tree of size ${treeSize} at index ${leafIndex} needs ${i}`);
    if (fn % 2 === 1 || fn === sn) {
      r = hasher.nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hasher.nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. sn must be 0 and r the root.
  if (sn !== 0) return fail('PATH_TOO_SHORT', `path has ${path.length} hashes, too few for leaf ${leafIndex} of a tree of size ${treeSize}`);
  if (!bytesEqual(r, root)) return fail('ROOT_MISMATCH', `the path from leaf ${leafIndex} leads to another root than the tree of size ${treeSize}'s`);
  return { ok: true };
}
