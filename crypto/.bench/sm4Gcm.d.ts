/**
 * SM4-GCM: GCM (NIST SP 800-38D) instantiated with SM4 (GB/T 32907), as specified by
 * RFC 8998 §3.1 (TLS_SM4_GCM_SM3) and checked against its appendix A.1 vector.
 *
 * Node 20's OpenSSL 3.0 has no `sm4-gcm` cipher, so the mode is the generic {@link gcmEncrypt}
 * over native SM4 (ECB for H and the tag mask, CTR for the key stream).
 */
import { type GcmSealed } from './gcm';
/**
 * SM4-GCM authenticated encryption.
 * @param key - 16-byte SM4 key.
 * @param iv - the IV (12 bytes recommended; must never repeat under one key).
 * @param plaintext - the data to encrypt.
 * @param associatedData - data authenticated but not encrypted.
 * @returns ciphertext and 16-byte tag.
 * @throws {CryptoError} `CRYPTO_KEY_LENGTH` when `key` is not 16 bytes.
 */
export declare function sm4GcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): GcmSealed;
/**
 * SM4-GCM authenticated decryption.
 * @param key - 16-byte SM4 key.
 * @param iv - the IV used to encrypt.
 * @param ciphertext - the ciphertext.
 * @param tag - the 16-byte tag.
 * @param associatedData - the associated data used to encrypt.
 * @returns the plaintext.
 * @throws {CryptoError} `CRYPTO_AUTHENTICATION_FAILED` when anything does not match;
 *   `CRYPTO_KEY_LENGTH` when `key` is not 16 bytes.
 */
export declare function sm4GcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, associatedData: Uint8Array): Uint8Array;
//# sourceMappingURL=sm4Gcm.d.ts.map