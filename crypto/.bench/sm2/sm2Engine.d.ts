import type { CurveParameters } from './curveParameters';
/** The default distinguishing identifier, as ASCII (GM/T 0009-2012 §10). */
export declare const SM2_DEFAULT_USER_ID = "1234567812345678";
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
}
/**
 * SM2 signature scheme over one curve. Keys are raw bytes: the private key a big-endian
 * scalar of the group order's length, the public key the uncompressed point `04 ‖ x ‖ y`.
 */
export declare class Sm2Engine {
    #private;
    /**
     * @param options - the curve.
     * @throws {Error} from `@noble/curves` when the parameters do not define a valid curve.
     */
    constructor(options: Readonly<Sm2EngineOptions>);
    /** Private key length in bytes. */
    get privateKeyLength(): number;
    /** Public key length in bytes (uncompressed point). */
    get publicKeyLength(): number;
    /**
     * A fresh private key d, uniform in [1, n − 2], from node:crypto's CSPRNG.
     * @returns the private key.
     */
    generatePrivateKey(): Uint8Array;
    /**
     * P = [d]G.
     * @param privateKey - the private key.
     * @returns the public key `04 ‖ x ‖ y`.
     * @throws {CryptoError} `CRYPTO_KEY_LENGTH` or `CRYPTO_KEY_FORMAT` for an invalid private key.
     */
    publicKeyOf(privateKey: Uint8Array): Uint8Array;
    /**
     * Checks a public key as GB/T 32918.1 §6.2.2 asks: not the point at infinity, coordinates in
     * [0, p − 1], on the curve (cofactor 1, so [n]P = O follows).
     * @param publicKey - `04 ‖ x ‖ y`.
     * @returns nothing.
     * @throws {CryptoError} `CRYPTO_KEY_FORMAT` when it is not a valid point.
     */
    assertPublicKey(publicKey: Uint8Array): void;
    /**
     * Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2 §5.5).
     * @param userId - ID_A, at most 8191 bytes.
     * @param publicKey - the signer's public key `04 ‖ xA ‖ yA`.
     * @returns the 32-byte Z_A.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` for an oversized ID.
     */
    userDigest(userId: Uint8Array, publicKey: Uint8Array): Uint8Array;
    /**
     * e = SM3(Z_A ‖ M) (GB/T 32918.2 §6.1 A1–A2).
     * @param userId - ID_A.
     * @param publicKey - the signer's public key.
     * @param message - M, the message itself.
     * @returns the 32-byte e.
     * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` for an oversized ID.
     */
    messageDigest(userId: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array;
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
    signWithNonce(privateKey: Uint8Array, e: Uint8Array, k: bigint): Sm2Signature | undefined;
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
    sign(privateKey: Uint8Array, message: Uint8Array, userId: Uint8Array, publicKey?: Uint8Array): Sm2Signature;
    /**
     * Verifies (r, s) on `message` (GB/T 32918.2 §7.1).
     * @param publicKey - P_A; an invalid point fails verification.
     * @param message - M′, the message itself.
     * @param signature - (r′, s′).
     * @param userId - ID_A.
     * @returns true when the signature is valid; false otherwise, never throwing on bad input.
     */
    verify(publicKey: Uint8Array, message: Uint8Array, signature: Sm2Signature, userId: Uint8Array): boolean;
}
//# sourceMappingURL=sm2Engine.d.ts.map