import { describe, expect, it } from 'vitest';
import { DIGEST_LENGTHS, isDigestAlgorithm, isDigestHex } from './digest';

describe('digest algorithms and hex', () => {
  it('declares SM3 and SHA-256 with 32-byte digests', () => {
    expect(DIGEST_LENGTHS).toEqual({ sm3: 32, sha256: 32 });
  });

  it('knows sm3 and sha256 by their lower-case names only', () => {
    expect(isDigestAlgorithm('sm3')).toBe(true);
    expect(isDigestAlgorithm('sha256')).toBe(true);
    expect(isDigestAlgorithm('SM3')).toBe(false);
    expect(isDigestAlgorithm('sha-256')).toBe(false);
    expect(isDigestAlgorithm('md5')).toBe(false);
  });

  it('does not take inherited object members for algorithms', () => {
    expect(isDigestAlgorithm('toString')).toBe(false);
    expect(isDigestAlgorithm('__proto__')).toBe(false);
    expect(isDigestAlgorithm('hasOwnProperty')).toBe(false);
  });

  it('accepts 64 lower-case hex characters', () => {
    // SHA-256 of the empty string.
    expect(isDigestHex('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe(true);
    // SM3 of "abc" (GB/T 32905-2016 appendix A.1).
    expect(isDigestHex('sm3', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')).toBe(true);
  });

  it('refuses upper-case hex', () => {
    expect(isDigestHex('sm3', '66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0')).toBe(false);
  });

  it('refuses hex of the wrong length', () => {
    expect(isDigestHex('sha256', 'ab'.repeat(31))).toBe(false);
    expect(isDigestHex('sha256', 'ab'.repeat(33))).toBe(false);
    expect(isDigestHex('sha256', '')).toBe(false);
  });

  it('refuses characters that are not hex', () => {
    expect(isDigestHex('sha256', 'g'.repeat(64))).toBe(false);
  });
});
