/**
 * Variable-time [k]P for a point seen once, by the width-w non-adjacent form (Hankerson,
 * Menezes, Vanstone, "Guide to Elliptic Curve Cryptography", Alg. 3.36): odd multiples P, 3P, …,
 * (2^(w−1) − 1)P are computed on the fly, then one doubling per bit and one addition per
 * non-zero digit, about bits/(w + 1) of them, where the binary ladder adds on half the bits.
 *
 * Only for public scalars and points (signature verification). Generic over the curve.
 */
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass';

/**
 * accumulator + [k]P in variable time.
 * @param point - P.
 * @param scalar - k ≥ 0.
 * @param width - w, in [2, 16]: 2^(w−2) odd multiples are precomputed.
 * @param zero - the curve's point at infinity.
 * @returns [k]P.
 * @throws {RangeError} for a negative k or a width outside [2, 16].
 */
export function wnafMultiplyUnsafe(point: WeierstrassPoint<bigint>, scalar: bigint, width: number, zero: WeierstrassPoint<bigint>): WeierstrassPoint<bigint> {
  if (!Number.isInteger(width) || width < 2 || width > 16) throw new RangeError(`width: expected an integer in [2, 16], got ${width}`);
  if (scalar < 0n) throw new RangeError('scalar: expected a non-negative integer');
  const digits = nafDigits(scalar, width);
  const twice = point.double();
  const oddMultiples = [point]; // oddMultiples[i] = (2i + 1)P
  for (let i = 1; i < 2 ** (width - 2); i++) oddMultiples.push(oddMultiples[i - 1]!.add(twice));
  let sum = zero;
  for (let i = digits.length - 1; i >= 0; i--) {
    if (sum !== zero) sum = sum.double(); // the top digit is non-zero: no doubling of zero
    const digit = digits[i]!;
    if (digit > 0) sum = sum.add(oddMultiples[(digit - 1) >> 1]!);
    else if (digit < 0) sum = sum.add(oddMultiples[(-digit - 1) >> 1]!.negate());
  }
  return sum;
}

/** NAF_w(k), least significant first: every non-zero digit odd, |digit| < 2^(w−1), followed by w − 1 zeros. */
function nafDigits(scalar: bigint, width: number): number[] {
  const modulus = 2 ** width;
  const mask = BigInt(modulus - 1);
  const digits: number[] = [];
  let rest = scalar;
  while (rest > 0n) {
    let digit = 0;
    if (rest & 1n) {
      digit = Number(rest & mask);
      if (digit >= modulus / 2) digit -= modulus;
      rest -= BigInt(digit);
    }
    digits.push(digit);
    rest >>= 1n;
  }
  return digits;
}
