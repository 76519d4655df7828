// The variable-time multiplications verification uses, checked against noble's constant-time
// multiply on sm2p256v1: edge scalars (0, 1, window boundaries where a signed digit borrows,
// n − 1), random ones, and the accumulator.
import { randomBytes } from 'node:crypto';
import { weierstrassN } from '@noble/curves/abstract/weierstrass';
import { describe, expect, it } from 'vitest';
import { sm2p256v1 } from './sm2p256v1';
import { WindowTable } from './windowTable';
import { wnafMultiplyUnsafe } from './wnafMultiply';

const { p, a, b, gx, gy, n } = sm2p256v1;
const Point = weierstrassN({ p, n, h: 1n, a, b, Gx: gx, Gy: gy });
const point = Point.BASE.multiply(0x5a5a_1234_0987_fedcn);
const bits = n.toString(2).length;
const random = (): bigint => BigInt(`0x${randomBytes(32).toString('hex')}`) % n;
const expected = (k: bigint) => (k === 0n ? Point.ZERO : point.multiply(k));

function scalarsFor(width: number): bigint[] {
  const w = BigInt(width);
  const boundaries = [1n << (w - 1n), (1n << (w - 1n)) + 1n, (1n << w) - 1n, 1n << w, (1n << (2n * w)) - 1n, (1n << (w - 1n)) * ((1n << (2n * w)) + 1n) + 1n];
  return [0n, 1n, 2n, 3n, ...boundaries, n - 1n, n - 2n, (1n << BigInt(bits - 1)) + 1n, ...Array.from({ length: 12 }, random)];
}

describe.each([2, 4, 5, 8])('WindowTable with %i-bit windows', (width) => {
  const table = WindowTable.build({ point, width, scalarBits: bits });

  it('holds (⌈bits/W⌉ + 1) · 2^(W−1) points', () => {
    expect(table.size).toBe((Math.ceil(bits / width) + 1) * 2 ** (width - 1));
  });

  it('computes [k]P for edge and random scalars', () => {
    for (const k of scalarsFor(width)) expect(table.multiplyAddUnsafe(k, Point.ZERO).equals(expected(k)), `k = ${k}`).toBe(true);
  });

  it('adds [k]P to the accumulator', () => {
    const k = random();
    const accumulator = Point.BASE.multiply(7n);
    expect(table.multiplyAddUnsafe(k, accumulator).equals(accumulator.add(point.multiply(k)))).toBe(true);
    expect(table.multiplyAddUnsafe(0n, accumulator)).toBe(accumulator);
  });

  it('refuses scalars that do not fit the table', () => {
    const tooLong = 1n << BigInt((Math.ceil(bits / width) + 1) * width);
    expect(() => table.multiplyAddUnsafe(tooLong, Point.ZERO)).toThrow(RangeError);
    expect(() => table.multiplyAddUnsafe(-1n, Point.ZERO)).toThrow(RangeError);
  });
});

describe('WindowTable.build', () => {
  it('refuses widths outside [2, 16]', () => {
    for (const width of [0, 1, 17, 4.5]) expect(() => WindowTable.build({ point, width, scalarBits: bits })).toThrow(RangeError);
  });
});

describe.each([2, 3, 4, 5, 6])('wnafMultiplyUnsafe with width %i', (width) => {
  it('computes [k]P for edge and random scalars', () => {
    for (const k of scalarsFor(width)) expect(wnafMultiplyUnsafe(point, k, width, Point.ZERO).equals(expected(k)), `k = ${k}`).toBe(true);
  });

  it('refuses a negative scalar and a width outside [2, 16]', () => {
    expect(() => wnafMultiplyUnsafe(point, -1n, width, Point.ZERO)).toThrow(RangeError);
    expect(() => wnafMultiplyUnsafe(point, 5n, 1, Point.ZERO)).toThrow(RangeError);
  });
});
