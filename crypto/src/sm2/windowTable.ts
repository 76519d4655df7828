/**
 * Fixed-base scalar multiplication by windowing (Brickell, Gordon, McCurley, Wilson, 1992) with
 * signed digits, in the table layout of `@noble/curves`' `wNAF.precomputeWindow`:
 * for a W-bit window the table holds j·2^(W·i)·P for j ∈ [1, 2^(W−1)] and every window i, so
 * [k]P is one point addition per non-zero window and no doubling at all.
 *
 * Variable time: the additions depend on the scalar's digits. Only for public scalars and points
 * (signature verification); signing keeps noble's constant-time `multiply`.
 *
 * Generic over the curve: it only adds, doubles and negates the points it is given.
 */
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass';

/** Options of {@link WindowTable.build}. */
export interface WindowTableOptions {
  /** The fixed point P. */
  readonly point: WeierstrassPoint<bigint>;
  /** W, the window width in bits, in [2, 16]: 2^(W−1) points per window. */
  readonly width: number;
  /** Bit length of the largest scalar the table will be used with (that of the group order n). */
  readonly scalarBits: number;
}

/** The precomputed multiples of one point, for [k]P with k ∈ [0, 2^scalarBits). */
export class WindowTable {
  /** Window-major: points[i · 2^(W−1) + j − 1] = j·2^(W·i)·P. */
  readonly #points: readonly WeierstrassPoint<bigint>[];
  readonly #width: number;
  readonly #windows: number;

  private constructor(points: readonly WeierstrassPoint<bigint>[], width: number, windows: number) {
    this.#points = points;
    this.#width = width;
    this.#windows = windows;
  }

  /**
   * Computes the table: (⌈bits/W⌉ + 1) · 2^(W−1) points, one addition each.
   * @param options - the point, the window width and the scalar length.
   * @returns the table.
   * @throws {RangeError} for a width outside [2, 16].
   */
  static build(options: Readonly<WindowTableOptions>): WindowTable {
    const { point, width, scalarBits } = options;
    if (!Number.isInteger(width) || width < 2 || width > 16) throw new RangeError(`width: expected an integer in [2, 16], got ${width}`);
    // One window more than ⌈bits/W⌉ takes the carry of the last signed digit.
    const windows = Math.ceil(scalarBits / width) + 1;
    const half = 2 ** (width - 1);
    const points: WeierstrassPoint<bigint>[] = [];
    let windowBase = point;
    for (let i = 0; i < windows; i++) {
      let multiple = windowBase;
      points.push(multiple);
      for (let j = 2; j <= half; j++) {
        multiple = multiple.add(windowBase);
        points.push(multiple);
      }
      windowBase = multiple.double(); // 2^(W−1)·base·2 = 2^W·base, the next window's base
    }
    return new WindowTable(points, width, windows);
  }

  /** Number of points held (memory is about 200 bytes per point). */
  get size(): number {
    return this.#points.length;
  }

  /**
   * accumulator + [k]P, in variable time. Digits are signed, in [−2^(W−1), 2^(W−1)], so that
   * only 2^(W−1) multiples per window are stored; a digit above half borrows from the next window.
   * @param scalar - k, in [0, 2^scalarBits).
   * @param accumulator - the point to add [k]P to (the curve's zero for [k]P alone).
   * @returns accumulator + [k]P.
   * @throws {RangeError} when k does not fit the table.
   */
  multiplyAddUnsafe(scalar: bigint, accumulator: WeierstrassPoint<bigint>): WeierstrassPoint<bigint> {
    const width = BigInt(this.#width);
    const mask = (1n << width) - 1n;
    const half = 2 ** (this.#width - 1);
    const full = 2 ** this.#width;
    if (scalar < 0n) throw new RangeError('scalar: expected a non-negative integer');
    let sum = accumulator;
    let rest = scalar;
    for (let window = 0; rest > 0n; window++) {
      if (window >= this.#windows) throw new RangeError('scalar: does not fit the window table');
      let digit = Number(rest & mask);
      rest >>= width;
      if (digit > half) {
        digit -= full;
        rest += 1n;
      }
      if (digit === 0) continue;
      const multiple = this.#points[window * half + Math.abs(digit) - 1]!;
      sum = sum.add(digit < 0 ? multiple.negate() : multiple);
    }
    return sum;
  }
}
