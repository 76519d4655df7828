/**
 * Integer helpers of RFC 9162 §2.1 tree shapes, exact for every safe integer (up to 2^53 − 1).
 * JavaScript's bitwise operators truncate to 32 bits, so nothing here uses them on tree sizes
 * or indices: a log passes 2^32 entries long before 2^53.
 */

const TWO_POW_32 = 2 ** 32;

/**
 * `k`, the largest power of two smaller than `n` (RFC 9162 §2.1.1: "k < n ≤ 2k").
 * @param n - an integer greater than 1.
 * @returns the power of two.
 */
export function largestPowerOfTwoBelow(n: number): number {
  if (n <= TWO_POW_32) return 2 ** (31 - Math.clz32(n - 1));
  let k = TWO_POW_32;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Whether `n` is a power of two (1, 2, 4, …).
 * @param n - a positive integer.
 * @returns true for powers of two.
 */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  if (n <= TWO_POW_32) return n === TWO_POW_32 || (n & (n - 1)) === 0;
  return largestPowerOfTwoBelow(n) * 2 === n;
}

/**
 * The exponent of a power of two.
 * @param n - a power of two.
 * @returns `log2(n)`.
 */
export function exactLog2(n: number): number {
  if (n <= TWO_POW_32 / 2) return 31 - Math.clz32(n);
  let k = 31;
  while (2 ** k < n) k++;
  return k;
}

/**
 * Number of one bits of a non-negative safe integer.
 * @param n - the integer.
 * @returns its population count.
 */
export function popCount(n: number): number {
  let count = 0;
  let high = Math.floor(n / TWO_POW_32);
  let low = n % TWO_POW_32;
  for (; low !== 0; low = Math.floor(low / 2)) count += low % 2;
  for (; high !== 0; high = Math.floor(high / 2)) count += high % 2;
  return count;
}

/** One complete subtree: the node at `level` (leaves are level 0) with index `index` in that level. */
export interface SubtreeAddress {
  /** Height above the leaves: the subtree covers 2^level leaves. */
  readonly level: number;
  /** Position among the nodes of that level: the subtree covers leaves [index·2^level, (index+1)·2^level). */
  readonly index: number;
}

/**
 * Splits the leaf range [start, end) of a node of an RFC 9162 tree into complete subtrees,
 * left to right and largest first. For a node of a tree of size n, `start` is a multiple of
 * a power of two ≥ `end − start`, so each piece is aligned; MTH(D[start:end]) is then the
 * right fold `node(p1, node(p2, … node(pr−1, pr)))` of the pieces' hashes (RFC 9162 §2.1.1
 * applied recursively).
 * @param start - first leaf of the range.
 * @param end - one past its last leaf; greater than `start`.
 * @returns the pieces, one per one-bit of `end − start`.
 */
export function completeSubtrees(start: number, end: number): SubtreeAddress[] {
  const pieces: SubtreeAddress[] = [];
  let position = start;
  while (position < end) {
    const remaining = end - position;
    const width = isPowerOfTwo(remaining) ? remaining : largestPowerOfTwoBelow(remaining);
    pieces.push({ level: exactLog2(width), index: position / width });
    position += width;
  }
  return pieces;
}
