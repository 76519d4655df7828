/**
 * Consistency proof verification, RFC 9162 §2.1.4.2, step by step, with each way to fail
 * named; the cases the RFC leaves to the caller (equal sizes, an empty first tree) are decided
 * here as RFC 9162 §2.1.4.1 generates them: the proof is then empty. Pure and dependency-free:
 * the chaincode's anchor contract accepts a new anchor only when this returns `ok`.
 */
import { bytesEqual } from './bytesEqual';
import type { MerkleHasher } from './merkleHasher';
import { isPowerOfTwo } from './treeMath';

/** What {@link verifyConsistency} checks: that the tree of size `secondSize` extends the tree of size `firstSize`. */
export interface ConsistencyClaim {
  /** The older tree's size. */
  readonly firstSize: number;
  /** The newer tree's size. */
  readonly secondSize: number;
  /** The older tree's trusted root. */
  readonly firstRoot: Uint8Array;
  /** The newer tree's root. */
  readonly secondRoot: Uint8Array;
  /** The consistency proof (RFC 9162 §2.1.4.1). */
  readonly proof: readonly Uint8Array[];
}

/** Why a consistency proof was refused. */
export type ConsistencyFailureReason =
  /** A size is not a safe non-negative integer, or a hash has the wrong length. */
  | 'MALFORMED'
  /** `firstSize > secondSize`: a log never shrinks. */
  | 'SIZES_OUT_OF_ORDER'
  /** Step 1: the proof is empty although `0 < firstSize < secondSize`. */
  | 'EMPTY_PROOF'
  /** The sizes are equal or `firstSize` is 0, and the proof is not empty. */
  | 'UNEXPECTED_PROOF'
  /** Step 6a: the proof has more hashes than the two sizes call for. */
  | 'PROOF_TOO_LONG'
  /** Step 7: the proof ended before reaching the roots (`sn ≠ 0`). */
  | 'PROOF_TOO_SHORT'
  /** Step 7: the proof does not reproduce `firstRoot` (for equal sizes: the roots differ; for size 0: it is not `HASH()`). */
  | 'FIRST_ROOT_MISMATCH'
  /** Step 7: the proof reproduces `firstRoot` but not `secondRoot`. */
  | 'SECOND_ROOT_MISMATCH';

/** The outcome of {@link verifyConsistency}. */
export type ConsistencyVerification =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: ConsistencyFailureReason; readonly message: string };

function fail(reason: ConsistencyFailureReason, message: string): ConsistencyVerification {
  return { ok: false, reason, message };
}

/**
 * Verifies a consistency proof by the algorithm of RFC 9162 §2.1.4.2.
 * @param hasher - the log's hasher (its suite's hash).
 * @param claim - both sizes and roots, and the proof.
 * @returns `{ ok: true }`, or the failed step as a reason and a message naming the values.
 * @example
 * ```ts
 * const result = verifyConsistency(hasher, { firstSize: anchored.size, firstRoot: anchored.root, secondSize: next.size, secondRoot: next.root, proof });
 * if (!result.ok) refuse(result.reason);
 * ```
 */
export function verifyConsistency(hasher: MerkleHasher, claim: Readonly<ConsistencyClaim>): ConsistencyVerification {
  const { firstSize, secondSize, firstRoot, secondRoot, proof } = claim;
  const hashLength = hasher.hashLength;
  if (!Number.isSafeInteger(firstSize) || firstSize < 0) return fail('MALFORMED', `firstSize: expected a non-negative safe integer, got ${firstSize}`);
  if (!Number.isSafeInteger(secondSize) || secondSize < 0) return fail('MALFORMED', `secondSize: expected a non-negative safe integer, got ${secondSize}`);
  if (!(firstRoot instanceof Uint8Array) || firstRoot.length !== hashLength) return fail('MALFORMED', `firstRoot: expected ${hashLength} bytes`);
  if (!(secondRoot instanceof Uint8Array) || secondRoot.length !== hashLength) return fail('MALFORMED', `secondRoot: expected ${hashLength} bytes`);
  if (!Array.isArray(proof)) return fail('MALFORMED', 'proof: expected an array of hashes');
  for (const [i, p] of proof.entries()) {
    if (!(p instanceof Uint8Array) || p.length !== hashLength) return fail('MALFORMED', `proof[${i}]: expected ${hashLength} bytes`);
  }
  if (firstSize > secondSize) return fail('SIZES_OUT_OF_ORDER', `firstSize ${firstSize} is larger than secondSize ${secondSize}`);
  if (firstSize === secondSize || firstSize === 0) {
    if (proof.length !== 0) return fail('UNEXPECTED_PROOF', `sizes ${firstSize} and ${secondSize} need an empty proof, got ${proof.length} hashes`);
    if (firstSize === 0 && !bytesEqual(firstRoot, hasher.emptyRoot())) return fail('FIRST_ROOT_MISMATCH', 'firstRoot is not the empty tree\'s root HASH()');
    if (firstSize === secondSize && !bytesEqual(firstRoot, secondRoot)) return fail('FIRST_ROOT_MISMATCH', `two different roots for the same size ${firstSize}`);
    return { ok: true };
  }
  // 1. An empty proof cannot connect two different non-empty sizes.
  if (proof.length === 0) return fail('EMPTY_PROOF', `sizes ${firstSize} < ${secondSize} need a non-empty proof`);
  // 2. A first tree that is a complete subtree is a node of the second: its root starts the path.
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : proof;
  // 3.–4. fn, sn, with the trailing one-bits of fn shifted away together.
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  // 5. Both running roots start from the first hash.
  let fr = path[0] as Uint8Array;
  let sr = fr;
  // 6. Fold the rest.
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return fail('PROOF_TOO_LONG', `proof has ${proof.length} hashes, too many for sizes ${firstSize} and ${secondSize}`);
    if (fn % 2 === 1 || fn === sn) {
      fr = hasher.nodeHash(c, fr);
      sr = hasher.nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hasher.nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7. Both roots, and sn = 0.
  if (sn !== 0) return fail('PROOF_TOO_SHORT', `proof has ${proof.length} hashes, too few for sizes ${firstSize} and ${secondSize}`);
  if (!bytesEqual(fr, firstRoot)) return fail('FIRST_ROOT_MISMATCH', `the proof does not reproduce the root of size ${firstSize}`);
  if (!bytesEqual(sr, secondRoot)) return fail('SECOND_ROOT_MISMATCH', `the proof does not reproduce the root of size ${secondSize}`);
  return { ok: true };
}
