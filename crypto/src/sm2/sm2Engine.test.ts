// Properties of the SM2 engine beyond the vectors: round trips with random k, refusals, range
// checks on keys, nonces and signature values, public-key validation (GB/T 32918.1 §6.2.2).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sm2Engine } from './sm2Engine';
import { sm2p256v1 } from './sm2p256v1';

const engine = new Sm2Engine({ curve: sm2p256v1 });
const userId = new TextEncoder().encode('1234567812345678');
const { n } = sm2p256v1;
const scalar = (value: bigint): Uint8Array => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');

describe('Sm2Engine over sm2p256v1', () => {
  const privateKey = engine.generatePrivateKey();
  const publicKey = engine.publicKeyOf(privateKey);

  it('generates 32-byte keys and 65-byte uncompressed public keys', () => {
    expect(privateKey).toHaveLength(32);
    expect(publicKey).toHaveLength(65);
    expect(publicKey[0]).toBe(4);
  });

  it('signs with fresh k: two signatures of one message differ and both verify', () => {
    const message = randomBytes(50);
    const first = engine.sign(privateKey, message, userId);
    const second = engine.sign(privateKey, message, userId, publicKey);
    expect(first).not.toEqual(second);
    expect(engine.verify(publicKey, message, first, userId)).toBe(true);
    expect(engine.verify(publicKey, message, second, userId)).toBe(true);
  });

  it('never normalises s: about half of the signatures have s > n/2, and they verify', () => {
    const message = randomBytes(10);
    const high = Array.from({ length: 40 }, () => engine.sign(privateKey, message, userId, publicKey)).filter((sig) => sig.s > n / 2n);
    expect(high.length).toBeGreaterThan(0);
    for (const sig of high) expect(engine.verify(publicKey, message, sig, userId)).toBe(true);
  });

  it('refuses out-of-range r and s, and t = r + s = n', () => {
    const message = randomBytes(10);
    const { r, s } = engine.sign(privateKey, message, userId);
    for (const bad of [{ r: 0n, s }, { r, s: 0n }, { r: r + n, s }, { r, s: s + n }, { r: n, s }, { r, s: n - r }]) {
      expect(engine.verify(publicKey, message, bad, userId)).toBe(false);
    }
  });

  it('refuses invalid public keys instead of throwing', () => {
    const message = randomBytes(10);
    const sig = engine.sign(privateKey, message, userId);
    const offCurve = publicKey.slice();
    offCurve[64]! ^= 1;
    const compressed = publicKey.slice();
    compressed[0] = 2;
    const coordinateTooLarge = Uint8Array.from([4, ...scalar(sm2p256v1.p), ...publicKey.subarray(33)]);
    for (const bad of [offCurve, compressed, coordinateTooLarge, new Uint8Array(65), publicKey.subarray(0, 64), new Uint8Array(0)]) {
      expect(engine.verify(bad, message, sig, userId)).toBe(false);
      expect(() => engine.assertPublicKey(bad)).toThrow(expect.objectContaining({ name: 'CryptoError' }));
    }
  });

  it('accepts private keys 1 and n − 2, refuses 0, n − 1 and n (1 + d must be invertible)', () => {
    expect(engine.publicKeyOf(scalar(1n))).toEqual(Uint8Array.from([4, ...scalar(sm2p256v1.gx), ...scalar(sm2p256v1.gy)]));
    expect(engine.verify(engine.publicKeyOf(scalar(n - 2n)), userId, engine.sign(scalar(n - 2n), userId, userId), userId)).toBe(true);
    for (const d of [0n, n - 1n, n]) {
      expect(() => engine.publicKeyOf(scalar(d))).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_FORMAT', message: 'privateKey: expected a scalar in [1, n − 2]' }));
    }
    expect(() => engine.publicKeyOf(new Uint8Array(31))).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_LENGTH', message: 'privateKey: expected 32 bytes, got 31' }));
  });

  it('refuses k outside [1, n − 1] in the fixed-k step', () => {
    const e = engine.messageDigest(userId, publicKey, userId);
    for (const k of [0n, n]) expect(() => engine.signWithNonce(privateKey, e, k)).toThrow(expect.objectContaining({ code: 'CRYPTO_INVALID_ARGUMENT' }));
  });

  it('asks for another k when r + k = n (step A5)', () => {
    // Choose e so that r = (e + x1) mod n = n − k for k = 1 (x1 = Gx).
    const k = 1n;
    const e = (((n - k - sm2p256v1.gx) % n) + n) % n;
    expect(engine.signWithNonce(privateKey, scalar(e), k)).toBeUndefined();
  });

  it('limits the user ID to 8191 bytes (ENTL is 16 bits)', () => {
    expect(engine.userDigest(new Uint8Array(8191), publicKey)).toHaveLength(32);
    expect(() => engine.userDigest(new Uint8Array(8192), publicKey)).toThrow(expect.objectContaining({ code: 'CRYPTO_INVALID_ARGUMENT' }));
  });
});
