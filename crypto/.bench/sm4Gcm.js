"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sm4GcmEncrypt = sm4GcmEncrypt;
exports.sm4GcmDecrypt = sm4GcmDecrypt;
/**
 * SM4-GCM: GCM (NIST SP 800-38D) instantiated with SM4 (GB/T 32907), as specified by
 * RFC 8998 §3.1 (TLS_SM4_GCM_SM3) and checked against its appendix A.1 vector.
 *
 * Node 20's OpenSSL 3.0 has no `sm4-gcm` cipher, so the mode is the generic {@link gcmEncrypt}
 * over native SM4 (ECB for H and the tag mask, CTR for the key stream).
 */
const gcm_1 = require("./gcm");
const sm4_1 = require("./sm4");
/**
 * SM4-GCM authenticated encryption.
 * @param key - 16-byte SM4 key.
 * @param iv - the IV (12 bytes recommended; must never repeat under one key).
 * @param plaintext - the data to encrypt.
 * @param associatedData - data authenticated but not encrypted.
 * @returns ciphertext and 16-byte tag.
 * @throws {CryptoError} `CRYPTO_KEY_LENGTH` when `key` is not 16 bytes.
 */
function sm4GcmEncrypt(key, iv, plaintext, associatedData) {
    return (0, gcm_1.gcmEncrypt)((0, sm4_1.sm4)(key), iv, plaintext, associatedData);
}
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
function sm4GcmDecrypt(key, iv, ciphertext, tag, associatedData) {
    return (0, gcm_1.gcmDecrypt)((0, sm4_1.sm4)(key), iv, ciphertext, tag, associatedData);
}
//# sourceMappingURL=sm4Gcm.js.map