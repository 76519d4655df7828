import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex';

describe('hex', () => {
  it('round-trips, lower-case out, either case in', () => {
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe('000fff');
    expect(fromHex('000FfF')).toEqual(Uint8Array.of(0, 15, 255));
    expect(toHex(Uint8Array.of(1, 2, 3, 4).subarray(1, 3))).toBe('0203');
  });

  it('refuses odd lengths and non-hex digits without quoting the input', () => {
    expect(() => fromHex('abc')).toThrow(expect.objectContaining({ code: 'CRYPTO_INVALID_ARGUMENT', message: 'hex: expected an even number of hex digits, got 3 characters, not hex digit pairs' }));
    expect(() => fromHex('zz')).toThrow(expect.objectContaining({ code: 'CRYPTO_INVALID_ARGUMENT' }));
  });
});
