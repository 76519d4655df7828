/**
 * Packing KurrentDB's (commit, prepare) positions into one bigint keeps their order.
 */
import { describe, expect, it } from 'vitest';
import { fromKurrentPosition, toKurrentPosition } from './kurrentPosition';

const MAX_64 = 2n ** 64n - 1n;

describe('KurrentDB positions as one bigint', () => {
  it('round-trips', () => {
    for (const position of [{ commit: 0n, prepare: 0n }, { commit: 1234n, prepare: 1200n }, { commit: MAX_64 - 1n, prepare: MAX_64 }]) {
      expect(toKurrentPosition(fromKurrentPosition(position))).toEqual(position);
    }
  });

  it('orders by commit, then prepare', () => {
    const pairs = [
      { commit: 5n, prepare: 5n },
      { commit: 5n, prepare: 9n },
      { commit: 6n, prepare: 0n },
      { commit: 2n ** 40n, prepare: 1n },
    ];
    const packed = pairs.map(fromKurrentPosition);
    expect([...packed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(packed);
  });

  it('refuses a missing position or the "unknown" marker of old servers', () => {
    expect(() => fromKurrentPosition(undefined)).toThrow(expect.objectContaining({ code: 'EVENT_STORE_FAILURE' }));
    expect(() => fromKurrentPosition({ commit: MAX_64, prepare: MAX_64 })).toThrow(expect.objectContaining({ code: 'EVENT_STORE_FAILURE' }));
  });
});
