/**
 * SM2 digital signatures, GB/T 32918.2-2016 (GM/T 0003.2-2012): §5.5 the user digest Z_A,
 * §6.1 generation (A1–A7), §7.1 verification (B1–B7); public-key validation per
 * GB/T 32918.1-2016 §6.2.2. Key pairs per GB/T 32918.1 §6.1, d ∈ [1, n − 2].
 *
 * Generic over the curve: point arithmetic comes from `@noble/curves`' short-Weierstrass
 * engine, built from whatever {@link CurveParameters} are passed (the recommended curve
 * sm2p256v1, or the test curve of GM/T 0003.2 annex A). The hash is SM3, as the standard fixes.
 *
 * Not ECDSA: s is never low-S normalised, since (r, n − s) is not a valid SM2 signature; and the
 * message, not a digest, goes in, so that Z_A is always computed here.
 */
import { concatBytes } from '@noble/hashes/utils';
import { weierstrassN, type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass';
import { assertBytes } from '../assertBytes';
import { CryptoError } from '../cryptoError';
import { fromHex, toHex } from '../hex';
import type { CurveParameters } from './curveParameters';
import { PublicKeyTables } from './publicKeyTables';
import { WindowTable } from './windowTable';
import { wnafMultiplyUnsafe } from './wnafMultiply';

/** The default distinguishing identifier, as ASCII (GM/T 0009-2012 §10). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** ENTL is two bytes of bit length (GB/T 32918.2 §5.5), so an ID holds at most 8191 bytes. */
const MAX_USER_ID_BYTES = 8191;

/*
 * Verification, [s]G + [t]P_A (step B6), is almost only point additions and doublings, ≈ 5.5 µs
 * each over noble's generic bigint field, so the widths below come from counting them; timings
 * are suite.verify (DER decoding and Z_A, e included) on the project's 2-core machine, sm2p256v1:
 *
 *   before: noble's G.multiplyUnsafe(s) (its constant-time table path, ≈ 0.24 ms)
 *           + P_A.multiplyUnsafe(t) (binary ladder: 256 doublings, ≈ 128 additions, ≈ 2.3 ms)
 *           + affine x1 (one inversion, ≈ 0.05 ms): ≈ 335 verifies/s (≈ 2.9 ms).
 *   after:  [s]G from G's 8-bit window table (≈ 33 additions, ≈ 0.22 ms), added into [t]P_A,
 *           x1 checked projectively (no inversion). Joint multiplication + cached tables:
 *           - a recurring key, from its cached table: 335 → ≈ 1,450 verifies/s (≈ 0.69 ms);
 *           - a fresh key, width-5 NAF (255 doublings, ≈ 43 additions, ≈ 1.7 ms):
 *             335 → ≈ 475 verifies/s (≈ 2.1 ms). Those doublings are the floor without
 *             specialised field arithmetic.
 *   Signing is untouched (noble's constant-time multiply): ≈ 2,900 signatures/s before and after.
 * noble v1's multiplyAndAddUnsafe is only multiplyUnsafe(a).add(Q.multiplyUnsafe(b)), not a joint
 * (Shamir) ladder; with G's table the only doublings left are P_A's, so interleaving G's digits
 * into them would save next to nothing: the joint step is one accumulator for both tables.
 */

/**
 * G's verification table: 8-bit windows, 33 additions per [s]G; 4,224 points (≈ 0.8 MiB) built
 * on an engine's first verification in ≈ 28 ms. (noble's own G table serves signing only: its
 * multiplyUnsafe takes the constant-time path, with dummy additions and a normalisation.)
 */
const BASE_TABLE_WIDTH = 8;

/**
 * Tables of recurring public keys: 4-bit windows, 65 additions per [t]P_A (≈ 0.39 ms), 520 points
 * (≈ 100 KiB) built in ≈ 3.3 ms. Measured alternatives: 5 bits 0.33 ms / 5.7 ms / 164 KiB,
 * 6 bits 0.28 ms / 10.6 ms / ≈ 270 KiB. 4 bits keeps the verification that builds a table near
 * 4 ms, within a 5 ms proof-bundle budget, and 64 tables within ≈ 6.5 MiB.
 */
const PUBLIC_KEY_TABLE_WIDTH = 4;

/** Default number of public-key tables held: the few keys a verifier meets, with room to spare. */
const DEFAULT_PUBLIC_KEY_TABLES = 64;

/** NAF width for keys without a table: widths 4 to 6 measured alike (≈ 1.73 ms), the ladder 2.3 ms. */
const FRESH_KEY_NAF_WIDTH = 5;

/** An SM2 signature value (r, s), each in [1, n − 1]. */
export interface Sm2Signature {
  /** r = (e + x1) mod n. */
  readonly r: bigint;
  /** s = ((1 + d)^−1 · (k − r·d)) mod n. */
  readonly s: bigint;
}

/** Options of {@link Sm2Engine}. */
export interface Sm2EngineOptions {
  /** The curve's domain parameters. */
  readonly curve: CurveParameters;
  /** SM3 of the concatenated parts: Node's (`sm3.ts`) or the portable one (`portableSm3.ts`). */
  readonly sm3: (...parts: readonly Uint8Array[]) => Uint8Array;
  /**
   * A cryptographically secure random source, for keys and signatures; without one the engine
   * only verifies (as in a browser page that checks proofs).
   */
  readonly randomBytes?: (length: number) => Uint8Array;
  /**
   * Most public keys whose precomputed tables verification keeps (least recently used dropped
   * beyond it); default 64. A key gets a table on its second verification.
   */
  readonly publicKeyTables?: number;
}

/**
 * SM2 signature scheme over one curve. Keys are raw bytes: the private key a big-endian
 * scalar of the group order's length, the public key the uncompressed point `04 ‖ x ‖ y`.
 */
export class Sm2Engine {
  readonly #point: WeierstrassPointCons<bigint>;
  readonly #n: bigint;
  readonly #nBits: number;
  readonly #fieldLength: number;
  readonly #scalarLength: number;
  /** a ‖ b ‖ xG ‖ yG, the curve's part of every Z_A. */
  readonly #curveBytes: Uint8Array;
  /** G's window table for verification, built on the first verification. */
  #baseTable: WindowTable | undefined;
  readonly #publicKeyTables: PublicKeyTables<WindowTable>;
  readonly #sm3: (...parts: readonly Uint8Array[]) => Uint8Array;
  readonly #randomBytes: ((length: number) => Uint8Array) | undefined;

  /**
   * @param options - the curve, and how many public-key tables to keep.
   * @throws {Error} from `@noble/curves` when the parameters do not define a valid curve.
   * @throws {RangeError} when `publicKeyTables` is not a positive integer.
   */
  constructor(options: Readonly<Sm2EngineOptions>) {
    const { p, a, b, gx, gy, n } = options.curve;
    this.#point = weierstrassN({ p, n, h: 1n, a, b, Gx: gx, Gy: gy });
    this.#n = n;
    this.#nBits = n.toString(2).length;
    this.#fieldLength = this.#point.Fp.BYTES;
    this.#scalarLength = Math.ceil(this.#nBits / 8);
    const { Fp } = this.#point;
    this.#curveBytes = concatBytes(Fp.toBytes(a), Fp.toBytes(b), Fp.toBytes(gx), Fp.toBytes(gy));
    this.#sm3 = options.sm3;
    this.#randomBytes = options.randomBytes;
    const capacity = options.publicKeyTables ?? DEFAULT_PUBLIC_KEY_TABLES;
    // First sightings are only remembered (65 bytes each), so they may outnumber the tables.
    this.#publicKeyTables = new PublicKeyTables({ capacity, seenCapacity: 4 * capacity });
  }

  /** Number of public keys whose verification tables are held, at most `publicKeyTables`. */
  get cachedPublicKeys(): number {
    return this.#publicKeyTables.size;
  }

  /** Private key length in bytes. */
  get privateKeyLength(): number {
    return this.#scalarLength;
  }

  /** Public key length in bytes (uncompressed point). */
  get publicKeyLength(): number {
    return 1 + 2 * this.#fieldLength;
  }

  /**
   * A fresh private key d, uniform in [1, n − 2], from the engine's random source.
   * @returns the private key.
   */
  generatePrivateKey(): Uint8Array {
    return this.#scalarToBytes(this.#randomScalar(this.#n - 2n));
  }

  /**
   * P = [d]G.
   * @param privateKey - the private key.
   * @returns the public key `04 ‖ x ‖ y`.
   * @throws {CryptoError} `CRYPTO_KEY_LENGTH` or `CRYPTO_KEY_FORMAT` for an invalid private key.
   */
  publicKeyOf(privateKey: Uint8Array): Uint8Array {
    return this.#point.BASE.multiply(this.#privateScalar(privateKey)).toBytes(false);
  }

  /**
   * Checks a public key as GB/T 32918.1 §6.2.2 asks: not the point at infinity, coordinates in
   * [0, p − 1], on the curve (cofactor 1, so [n]P = O follows).
   * @param publicKey - `04 ‖ x ‖ y`.
   * @returns nothing.
   * @throws {CryptoError} `CRYPTO_KEY_FORMAT` when it is not a valid point.
   */
  assertPublicKey(publicKey: Uint8Array): void {
    this.#publicPoint(publicKey);
  }

  /**
   * Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2 §5.5).
   * @param userId - ID_A, at most 8191 bytes.
   * @param publicKey - the signer's public key `04 ‖ xA ‖ yA`.
   * @returns the 32-byte Z_A.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` for an oversized ID.
   */
  userDigest(userId: Uint8Array, publicKey: Uint8Array): Uint8Array {
    assertBytes('userId', userId, { max: MAX_USER_ID_BYTES });
    const bits = userId.length * 8;
    return this.#sm3(Uint8Array.of(bits >>> 8, bits & 0xff), userId, this.#curveBytes, publicKey.subarray(1));
  }

  /**
   * e = SM3(Z_A ‖ M) (GB/T 32918.2 §6.1 A1–A2).
   * @param userId - ID_A.
   * @param publicKey - the signer's public key.
   * @param message - M, the message itself.
   * @returns the 32-byte e.
   * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` for an oversized ID.
   */
  messageDigest(userId: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array {
    return this.#sm3(this.userDigest(userId, publicKey), message);
  }

  /**
   * Steps A4–A6 with a given k: internal, so that known-answer tests can fix k. Never call it
   * with a k that is not fresh, uniform and secret: a repeated k reveals d.
   * @param privateKey - d.
   * @param e - the digest of {@link messageDigest}.
   * @param k - the nonce, in [1, n − 1].
   * @returns (r, s), or `undefined` when the standard asks for another k
   *   (r = 0, r + k = n, or s = 0).
   * @throws {CryptoError} `CRYPTO_KEY_FORMAT` / `CRYPTO_KEY_LENGTH` for an invalid key,
   *   `CRYPTO_INVALID_ARGUMENT` for k out of range.
   */
  signWithNonce(privateKey: Uint8Array, e: Uint8Array, k: bigint): Sm2Signature | undefined {
    return this.#signStep(this.#privateScalar(privateKey), bytesToBigint(e), k);
  }

  /**
   * Signs `message` (GB/T 32918.2 §6.1), drawing k from the engine's random source.
   * @param privateKey - d.
   * @param message - M, the message itself (never a digest).
   * @param userId - ID_A.
   * @param publicKey - P_A if the caller has it, saving one scalar multiplication; else derived.
   * @returns (r, s).
   * @throws {CryptoError} `CRYPTO_KEY_FORMAT` / `CRYPTO_KEY_LENGTH` for an invalid key,
   *   `CRYPTO_INVALID_ARGUMENT` for an oversized ID.
   */
  sign(privateKey: Uint8Array, message: Uint8Array, userId: Uint8Array, publicKey?: Uint8Array): Sm2Signature {
    const d = this.#privateScalar(privateKey);
    const ownPublicKey = publicKey ?? this.#point.BASE.multiply(d).toBytes(false);
    const e = bytesToBigint(this.messageDigest(userId, ownPublicKey, message));
    for (;;) {
      const signature = this.#signStep(d, e, this.#randomScalar(this.#n - 1n));
      if (signature !== undefined) return signature;
    }
  }

  /**
   * Verifies (r, s) on `message` (GB/T 32918.2 §7.1).
   * @param publicKey - P_A; an invalid point fails verification.
   * @param message - M′, the message itself.
   * @param signature - (r′, s′).
   * @param userId - ID_A.
   * @returns true when the signature is valid; false otherwise, never throwing on bad input.
   */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Sm2Signature, userId: Uint8Array): boolean {
    try {
      const n = this.#n;
      const { r, s } = signature;
      if (r < 1n || r >= n || s < 1n || s >= n) return false; // B1, B2
      const t = (r + s) % n; // B5
      if (t === 0n) return false;
      const tP = this.#publicKeyMultiple(publicKey, t);
      const e = bytesToBigint(this.messageDigest(userId, publicKey, message)); // B3, B4
      const sum = this.#verificationBaseTable().multiplyAddUnsafe(s, tP); // B6: (x1, y1) = [s]G + [t]P_A
      if (sum.is0()) return false;
      return this.#hasAffineX(sum, (((r - e) % n) + n) % n); // B7: (e + x1) mod n = r
    } catch {
      return false;
    }
  }

  /**
   * [t]P_A in variable time (t and P_A are public), from the key's table when it has one. A held
   * table was built from a key that passed {@link assertPublicKey}, and is found only by the
   * same bytes, so it stands for that check.
   */
  #publicKeyMultiple(publicKey: Uint8Array, t: bigint): WeierstrassPoint<bigint> {
    assertBytes('publicKey', publicKey, { length: this.publicKeyLength, code: 'CRYPTO_KEY_LENGTH' }); // before the cache reads it
    const zero = this.#point.ZERO;
    const held = this.#publicKeyTables.get(publicKey);
    if (held !== undefined) return held.multiplyAddUnsafe(t, zero);
    const point = this.#publicPoint(publicKey);
    const built = this.#publicKeyTables.admit(publicKey, () =>
      WindowTable.build({ point, width: PUBLIC_KEY_TABLE_WIDTH, scalarBits: this.#nBits }),
    );
    return built !== undefined ? built.multiplyAddUnsafe(t, zero) : wnafMultiplyUnsafe(point, t, FRESH_KEY_NAF_WIDTH, zero);
  }

  #verificationBaseTable(): WindowTable {
    this.#baseTable ??= WindowTable.build({ point: this.#point.BASE, width: BASE_TABLE_WIDTH, scalarBits: this.#nBits });
    return this.#baseTable;
  }

  /**
   * Whether the affine x = X/Z of a projective point (not infinity) is ≡ `residue` (mod n),
   * without the inversion toAffine costs (≈ 0.05 ms): x ∈ [0, p), so the candidates are
   * residue + i·n below p, each checked as X = x·Z.
   */
  #hasAffineX(point: WeierstrassPoint<bigint>, residue: bigint): boolean {
    const { Fp } = this.#point;
    const { X, Z } = point;
    for (let x = residue; x < Fp.ORDER; x += this.#n) {
      if (Fp.eql(Fp.mul(x, Z), X)) return true;
    }
    return false;
  }

  /** A4–A6: (x1, y1) = [k]G, r = (e + x1) mod n, s = (1 + d)^−1 (k − r·d) mod n. */
  #signStep(d: bigint, e: bigint, k: bigint): Sm2Signature | undefined {
    const n = this.#n;
    if (k < 1n || k >= n) throw new CryptoError('k: expected a nonce in [1, n − 1]', { code: 'CRYPTO_INVALID_ARGUMENT' });
    const x1 = this.#point.BASE.multiply(k).x;
    const r = (e + x1) % n;
    if (r === 0n || r + k === n) return undefined;
    const Fn = this.#point.Fn;
    const s = Fn.mul(Fn.inv(1n + d), Fn.sub(k, Fn.mul(r, d)));
    return s === 0n ? undefined : { r, s };
  }

  /** Uniform in [1, max] by rejection sampling on the bit length of n (< 2 draws on average). */
  #randomScalar(max: bigint): bigint {
    const excessBits = this.#scalarLength * 8 - this.#nBits;
    const randomBytes = this.#randomBytes;
    if (randomBytes === undefined) throw new CryptoError('this SM2 engine has no random source: it only verifies', { code: 'CRYPTO_INVALID_ARGUMENT' });
    for (;;) {
      const bytes = randomBytes(this.#scalarLength);
      bytes[0]! &= 0xff >>> excessBits;
      const k = bytesToBigint(bytes);
      if (k >= 1n && k <= max) return k;
    }
  }

  #privateScalar(privateKey: Uint8Array): bigint {
    assertBytes('privateKey', privateKey, { length: this.#scalarLength, code: 'CRYPTO_KEY_LENGTH' });
    const d = bytesToBigint(privateKey);
    if (d < 1n || d > this.#n - 2n) {
      throw new CryptoError('privateKey: expected a scalar in [1, n − 2]', { code: 'CRYPTO_KEY_FORMAT' });
    }
    return d;
  }

  #publicPoint(publicKey: Uint8Array): WeierstrassPoint<bigint> {
    assertBytes('publicKey', publicKey, { length: this.publicKeyLength, code: 'CRYPTO_KEY_LENGTH' });
    if (publicKey[0] !== 0x04) {
      throw new CryptoError(`publicKey: expected an uncompressed point (0x04), got prefix 0x${publicKey[0]!.toString(16)}`, {
        code: 'CRYPTO_KEY_FORMAT',
      });
    }
    try {
      const point = this.#point.fromBytes(publicKey);
      point.assertValidity();
      return point;
    } catch (err) {
      throw new CryptoError('publicKey: not a point of the curve', { code: 'CRYPTO_KEY_FORMAT', cause: err });
    }
  }

  #scalarToBytes(value: bigint): Uint8Array {
    return fromHex(value.toString(16).padStart(this.#scalarLength * 2, '0'));
  }
}

function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}
