// Properties of the SM2 engine beyond the vectors: round trips with random k, refusals, range
// checks on keys, nonces and signature values, public-key validation (GB/T 32918.1 §6.2.2),
// verification from cached public-key tables.
import { randomBytes } from 'node:crypto';
import { weierstrassN } from '@noble/curves/abstract/weierstrass';
import { describe, expect, it } from 'vitest';
import { Sm2Engine, type Sm2Signature } from './sm2Engine';
import { sm2p256v1 } from './sm2p256v1';
import { NODE_SOURCES } from './nodeSources.fixture';

const engine = new Sm2Engine({ curve: sm2p256v1, ...NODE_SOURCES });
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

// Verification keeps window tables of recurring public keys (publicKeyTables.ts): the results
// must be those of the plain B5–B7 computation, with or without a table, and the cache bounded.
describe('Sm2Engine verification with and without public-key tables', () => {
  const { p, a, b, gx, gy } = sm2p256v1;
  const Point = weierstrassN({ p, n, h: 1n, a, b, Gx: gx, Gy: gy });
  type Verification = [publicKey: Uint8Array, message: Uint8Array, signature: Sm2Signature, id: Uint8Array];
  /** GB/T 32918.2 §7.1 B1–B7 as written: [s]G + [t]P_A with noble's own multiply, affine x1. */
  const reference = (...[publicKey, message, { r, s }, id]: Verification): boolean => {
    const t = (r + s) % n;
    if (r < 1n || r >= n || s < 1n || s >= n || t === 0n) return false;
    const sum = Point.BASE.multiply(s).add(Point.fromBytes(publicKey).multiply(t));
    const e = BigInt(`0x${Buffer.from(engine.messageDigest(id, publicKey, message)).toString('hex')}`);
    return !sum.is0() && (e + sum.toAffine().x) % n === r;
  };
  const otherId = new TextEncoder().encode('ALICE123@YAHOO.COM');
  const keyPair = () => {
    const privateKey = engine.generatePrivateKey();
    return { privateKey, publicKey: engine.publicKeyOf(privateKey) };
  };
  /** A valid signature by `key` (the first of the list), then six tamperings of it. */
  const verifications = (key: ReturnType<typeof keyPair>, otherKey: Uint8Array, i: number): Verification[] => {
    const message = randomBytes(i % 7 === 0 ? 0 : 1 + (i % 90));
    const id = i % 3 === 0 ? otherId : userId;
    const signature = engine.sign(key.privateKey, message, id, key.publicKey);
    const { r, s } = signature;
    return [
      [key.publicKey, message, signature, id],
      [key.publicKey, Uint8Array.from([...message, 0]), signature, id],
      [key.publicKey, message, signature, id === userId ? otherId : userId],
      [key.publicKey, message, { r: r === n - 1n ? 1n : r + 1n, s }, id],
      [key.publicKey, message, { r, s: s === n - 1n ? 1n : s + 1n }, id],
      [key.publicKey, message, { r, s: n - s }, id], // the low-S twin
      [otherKey, message, signature, id],
    ];
  };

  it('verifies many signatures by a handful of keys from their tables, refusing tampered ones', () => {
    const verifier = new Sm2Engine({ curve: sm2p256v1, ...NODE_SOURCES });
    const keys = Array.from({ length: 3 }, keyPair);
    for (let i = 0; i < 24; i++) {
      const [valid, ...tampered] = verifications(keys[i % 3]!, keys[(i + 1) % 3]!.publicKey, i);
      expect(verifier.verify(...valid!)).toBe(true);
      expect(reference(...valid!)).toBe(true);
      for (const args of tampered) {
        expect(verifier.verify(...args)).toBe(false);
        expect(reference(...args)).toBe(false);
      }
    }
    expect(verifier.cachedPublicKeys).toBe(3);
  });

  it('verifies signatures by fresh keys without tables, refusing tampered ones', () => {
    const verifier = new Sm2Engine({ curve: sm2p256v1, ...NODE_SOURCES });
    // Each key is seen once, so never gets a table: one verification per key, valid or tampered.
    for (let i = 0; i < 21; i++) {
      const args = verifications(keyPair(), keyPair().publicKey, i)[i % 7]!;
      expect(verifier.verify(...args)).toBe(i % 7 === 0);
      expect(reference(...args)).toBe(i % 7 === 0);
    }
    expect(verifier.cachedPublicKeys).toBe(0);
  });

  it('keeps at most `publicKeyTables` tables, and verifies the same after eviction', () => {
    const verifier = new Sm2Engine({ curve: sm2p256v1, publicKeyTables: 2, ...NODE_SOURCES });
    const keys = Array.from({ length: 5 }, keyPair);
    const cases = Array.from({ length: 10 }, (_, i) => verifications(keys[i % 5]!, keys[(i + 1) % 5]!.publicKey, i));
    for (let round = 0; round < 3; round++) {
      for (const [valid, tampered] of cases) {
        expect(verifier.verify(...valid!)).toBe(true);
        expect(verifier.verify(...tampered!)).toBe(false);
        expect(verifier.cachedPublicKeys).toBeLessThanOrEqual(2);
      }
    }
    expect(verifier.cachedPublicKeys).toBe(2);
    expect(() => new Sm2Engine({ curve: sm2p256v1, publicKeyTables: 0, ...NODE_SOURCES })).toThrow(RangeError);
  });

  it('never keeps a table for an invalid key, nor serves a held one to a key differing in one byte', () => {
    const verifier = new Sm2Engine({ curve: sm2p256v1, ...NODE_SOURCES });
    const key = keyPair();
    const { publicKey } = key;
    const [valid] = verifications(key, publicKey, 1);
    const [, message, signature, id] = valid!;
    const offCurve = publicKey.slice();
    offCurve[64]! ^= 1;
    for (let i = 0; i < 3; i++) expect(verifier.verify(offCurve, message, signature, id)).toBe(false);
    expect(verifier.cachedPublicKeys).toBe(0);
    for (let i = 0; i < 3; i++) expect(verifier.verify(publicKey, message, signature, id)).toBe(true);
    expect(verifier.cachedPublicKeys).toBe(1);
    expect(verifier.verify(offCurve, message, signature, id)).toBe(false);
  });
});
