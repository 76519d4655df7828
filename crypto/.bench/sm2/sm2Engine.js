"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Sm2Engine = exports.SM2_DEFAULT_USER_ID = void 0;
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
const node_crypto_1 = require("node:crypto");
const weierstrass_1 = require("@noble/curves/abstract/weierstrass");
const assertBytes_1 = require("../assertBytes");
const cryptoError_1 = require("../cryptoError");
const sm3_1 = require("../sm3");
/** The default distinguishing identifier, as ASCII (GM/T 0009-2012 §10). */
exports.SM2_DEFAULT_USER_ID = '1234567812345678';
/** ENTL is two bytes of bit length (GB/T 32918.2 §5.5), so an ID holds at most 8191 bytes. */
const MAX_USER_ID_BYTES = 8191;
/**
 * SM2 signature scheme over one curve. Keys are raw bytes: the private key a big-endian
 * scalar of the group order's length, the public key the uncompressed point `04 ‖ x ‖ y`.
 */
class Sm2Engine {
    #point;
    #n;
    #nBits;
    #fieldLength;
    #scalarLength;
    /** a ‖ b ‖ xG ‖ yG, the curve's part of every Z_A. */
    #curveBytes;
    /**
     * @param options - the curve.
     * @throws {Error} from `@noble/curves` when the parameters do not define a valid curve.
     */
    constructor(options) {
        const { p, a, b, gx, gy, n } = options.curve;
        this.#point = (0, weierstrass_1.weierstrassN)({ p, n, h: 1n, a, b, Gx: gx, Gy: gy });
        this.#n = n;
        this.#nBits = n.toString(2).length;
        this.#fieldLength = this.#point.Fp.BYTES;
        this.#scalarLength = Math.ceil(this.#nBits / 8);
        const { Fp } = this.#point;
        this.#curveBytes = new Uint8Array(Buffer.concat([Fp.toBytes(a), Fp.toBytes(b), Fp.toBytes(gx), Fp.toBytes(gy)]));
    }
    /** Private key length in bytes. */
    get privateKeyLength() {
        return this.#scalarLength;
    }
    /** Public key length in bytes (uncompressed point). */
    get publicKeyLength() {
        return 1 + 2 * this.#fieldLength;
    }
    /**
     * A fresh private key d, uniform in [1, n − 2], from node:crypto's CSPRNG.
     * @returns the private key.
     */
    generatePrivateKey() {
        return this.#scalarToBytes(this.#randomScalar(this.#n - 2n));
    }
    /**
     * P = [d]G.
     * @param privateKey - the private key.
     * @returns the public key `04 ‖ x ‖ y`.
     * @throws {CryptoError} `CRYPTO_KEY_LENGTH` or `CRYPTO_KEY_FORMAT` for an invalid private key.
     */
    publicKeyOf(privateKey) {
        return this.#point.BASE.multiply(this.#privateScalar(privateKey)).toBytes(false);
    }
    /**
     * Checks a public key as GB/T 32918.1 §6.2.2 asks: not the point at infinity, coordinates in
     * [0, p − 1], on the curve (cofactor 1, so [n]P = O follows).
     * @param publicKey - `04 ‖ x ‖ y`.
     * @returns nothing.
     * @throws {CryptoError} `CRYPTO_KEY_FORMAT` when it is not a valid point.
     */
    assertPublicKey(publicKey) {
        this.#publicPoint(publicKey);
    }
    /**
     * Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2 §5.5).
     * @param userId - ID_A, at most 8191 bytes.
     * @param publicKey - the signer's public key `04 ‖ xA ‖ yA`.
     * @returns the 32-byte Z_A.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` for an oversized ID.
     */
    userDigest(userId, publicKey) {
        (0, assertBytes_1.assertBytes)('userId', userId, { max: MAX_USER_ID_BYTES });
        const bits = userId.length * 8;
        return (0, sm3_1.sm3)(Uint8Array.of(bits >>> 8, bits & 0xff), userId, this.#curveBytes, publicKey.subarray(1));
    }
    /**
     * e = SM3(Z_A ‖ M) (GB/T 32918.2 §6.1 A1–A2).
     * @param userId - ID_A.
     * @param publicKey - the signer's public key.
     * @param message - M, the message itself.
     * @returns the 32-byte e.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` for an oversized ID.
     */
    messageDigest(userId, publicKey, message) {
        return (0, sm3_1.sm3)(this.userDigest(userId, publicKey), message);
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
    signWithNonce(privateKey, e, k) {
        return this.#signStep(this.#privateScalar(privateKey), bytesToBigint(e), k);
    }
    /**
     * Signs `message` (GB/T 32918.2 §6.1), drawing k from node:crypto's CSPRNG.
     * @param privateKey - d.
     * @param message - M, the message itself (never a digest).
     * @param userId - ID_A.
     * @param publicKey - P_A if the caller has it, saving one scalar multiplication; else derived.
     * @returns (r, s).
     * @throws {CryptoError} `CRYPTO_KEY_FORMAT` / `CRYPTO_KEY_LENGTH` for an invalid key,
     *   `CRYPTO_INVALID_ARGUMENT` for an oversized ID.
     */
    sign(privateKey, message, userId, publicKey) {
        const d = this.#privateScalar(privateKey);
        const ownPublicKey = publicKey ?? this.#point.BASE.multiply(d).toBytes(false);
        const e = bytesToBigint(this.messageDigest(userId, ownPublicKey, message));
        for (;;) {
            const signature = this.#signStep(d, e, this.#randomScalar(this.#n - 1n));
            if (signature !== undefined)
                return signature;
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
    verify(publicKey, message, signature, userId) {
        try {
            const n = this.#n;
            const { r, s } = signature;
            if (r < 1n || r >= n || s < 1n || s >= n)
                return false; // B1, B2
            const point = this.#publicPoint(publicKey);
            const e = bytesToBigint(this.messageDigest(userId, publicKey, message)); // B3, B4
            const t = (r + s) % n; // B5
            if (t === 0n)
                return false;
            const sum = this.#point.BASE.multiplyUnsafe(s).add(point.multiplyUnsafe(t)); // B6
            if (sum.is0())
                return false;
            return (e + sum.x) % n === r; // B7
        }
        catch {
            return false;
        }
    }
    /** A4–A6: (x1, y1) = [k]G, r = (e + x1) mod n, s = (1 + d)^−1 (k − r·d) mod n. */
    #signStep(d, e, k) {
        const n = this.#n;
        if (k < 1n || k >= n)
            throw new cryptoError_1.CryptoError('k: expected a nonce in [1, n − 1]', { code: 'CRYPTO_INVALID_ARGUMENT' });
        const x1 = this.#point.BASE.multiply(k).x;
        const r = (e + x1) % n;
        if (r === 0n || r + k === n)
            return undefined;
        const Fn = this.#point.Fn;
        const s = Fn.mul(Fn.inv(1n + d), Fn.sub(k, Fn.mul(r, d)));
        return s === 0n ? undefined : { r, s };
    }
    /** Uniform in [1, max] by rejection sampling on the bit length of n (< 2 draws on average). */
    #randomScalar(max) {
        const excessBits = this.#scalarLength * 8 - this.#nBits;
        for (;;) {
            const bytes = (0, node_crypto_1.randomBytes)(this.#scalarLength);
            bytes[0] &= 0xff >>> excessBits;
            const k = bytesToBigint(bytes);
            if (k >= 1n && k <= max)
                return k;
        }
    }
    #privateScalar(privateKey) {
        (0, assertBytes_1.assertBytes)('privateKey', privateKey, { length: this.#scalarLength, code: 'CRYPTO_KEY_LENGTH' });
        const d = bytesToBigint(privateKey);
        if (d < 1n || d > this.#n - 2n) {
            throw new cryptoError_1.CryptoError('privateKey: expected a scalar in [1, n − 2]', { code: 'CRYPTO_KEY_FORMAT' });
        }
        return d;
    }
    #publicPoint(publicKey) {
        (0, assertBytes_1.assertBytes)('publicKey', publicKey, { length: this.publicKeyLength, code: 'CRYPTO_KEY_LENGTH' });
        if (publicKey[0] !== 0x04) {
            throw new cryptoError_1.CryptoError(`publicKey: expected an uncompressed point (0x04), got prefix 0x${publicKey[0].toString(16)}`, {
                code: 'CRYPTO_KEY_FORMAT',
            });
        }
        try {
            const point = this.#point.fromBytes(publicKey);
            point.assertValidity();
            return point;
        }
        catch (err) {
            throw new cryptoError_1.CryptoError('publicKey: not a point of the curve', { code: 'CRYPTO_KEY_FORMAT', cause: err });
        }
    }
    #scalarToBytes(value) {
        return new Uint8Array(Buffer.from(value.toString(16).padStart(this.#scalarLength * 2, '0'), 'hex'));
    }
}
exports.Sm2Engine = Sm2Engine;
function bytesToBigint(bytes) {
    return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`);
}
//# sourceMappingURL=sm2Engine.js.map