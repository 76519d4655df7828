import type { BlockCipher } from './blockCipher';
/** Tag length in bytes (t = 128, SP 800-38D §5.2.1.2). */
export declare const GCM_TAG_LENGTH = 16;
/** Ciphertext and tag of {@link gcmEncrypt}. */
export interface GcmSealed {
    /** C, as long as the plaintext. */
    readonly ciphertext: Uint8Array;
    /** T, 16 bytes. */
    readonly tag: Uint8Array;
}
/**
 * GCM-AE_K(IV, P, A) (SP 800-38D §7.1).
 * @param cipher - the keyed block cipher.
 * @param iv - the IV, at least 1 byte; 12 bytes is the recommended and fast case.
 * @param plaintext - P.
 * @param associatedData - A, authenticated but not encrypted.
 * @returns C and T.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when the IV is empty or P exceeds the limit.
 */
export declare function gcmEncrypt(cipher: BlockCipher, iv: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): GcmSealed;
/**
 * GCM-AD_K(IV, C, A, T) (SP 800-38D §7.2): checks the tag before decrypting anything.
 * @param cipher - the keyed block cipher.
 * @param iv - the IV used to encrypt.
 * @param ciphertext - C.
 * @param tag - T, 16 bytes.
 * @param associatedData - A.
 * @returns P.
 * @throws {CryptoError} `CRYPTO_AUTHENTICATION_FAILED` when the tag does not match (wrong key,
 *   IV, ciphertext, associated data or tag); `CRYPTO_INVALID_ARGUMENT` for an empty IV.
 */
export declare function gcmDecrypt(cipher: BlockCipher, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, associatedData: Uint8Array): Uint8Array;
/**
 * GCTR_K(ICB, X) with inc32 (SP 800-38D §6.5), from the cipher's 128-bit-carry CTR.
 * Internal; exported for the wrap-around test.
 * @param cipher - the keyed block cipher.
 * @param icb - the initial counter block.
 * @param data - X.
 * @returns Y, as long as X.
 */
export declare function gctr(cipher: BlockCipher, icb: Uint8Array, data: Uint8Array): Uint8Array;
//# sourceMappingURL=gcm.d.ts.map