"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GCM_TAG_LENGTH = void 0;
exports.gcmEncrypt = gcmEncrypt;
exports.gcmDecrypt = gcmDecrypt;
exports.gctr = gctr;
/**
 * Galois/Counter Mode, NIST SP 800-38D §7 (GCM-AE §7.1, GCM-AD §7.2), over any 128-bit
 * {@link BlockCipher}; `sm4Gcm.ts` supplies SM4 (RFC 8998 uses exactly this construction).
 *
 * The key stream comes from the cipher's native CTR mode; GCTR's inc32 (§6.2) increments only
 * the low 32 bits of the counter while native CTR carries into the upper 96, so a run that
 * would wrap the low word is split in two (it never happens with 96-bit IVs).
 * Tags are always 128 bits and are compared in constant time.
 */
const node_crypto_1 = require("node:crypto");
const cryptoError_1 = require("./cryptoError");
const ghash_1 = require("./ghash");
/** Tag length in bytes (t = 128, SP 800-38D §5.2.1.2). */
exports.GCM_TAG_LENGTH = 16;
/** Plaintext limit: len(P) ≤ 2^39 − 256 bits (SP 800-38D §5.2.1.1). */
const MAX_TEXT_BYTES = 2 ** 36 - 32;
/**
 * GCM-AE_K(IV, P, A) (SP 800-38D §7.1).
 * @param cipher - the keyed block cipher.
 * @param iv - the IV, at least 1 byte; 12 bytes is the recommended and fast case.
 * @param plaintext - P.
 * @param associatedData - A, authenticated but not encrypted.
 * @returns C and T.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when the IV is empty or P exceeds the limit.
 */
function gcmEncrypt(cipher, iv, plaintext, associatedData) {
    if (plaintext.length > MAX_TEXT_BYTES) {
        throw new cryptoError_1.CryptoError(`plaintext: expected at most ${MAX_TEXT_BYTES} bytes, got ${plaintext.length}`, { code: 'CRYPTO_INVALID_ARGUMENT' });
    }
    const hashSubkey = cipher.encryptBlock(new Uint8Array(ghash_1.GHASH_BLOCK));
    const j0 = preCounterBlock(hashSubkey, iv);
    const ciphertext = gctr(cipher, inc32(j0), plaintext);
    const tag = computeTag(cipher, hashSubkey, j0, associatedData, ciphertext);
    return { ciphertext, tag };
}
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
function gcmDecrypt(cipher, iv, ciphertext, tag, associatedData) {
    if (tag.length !== exports.GCM_TAG_LENGTH || ciphertext.length > MAX_TEXT_BYTES) {
        throw new cryptoError_1.CryptoError('GCM authentication failed', { code: 'CRYPTO_AUTHENTICATION_FAILED' });
    }
    const hashSubkey = cipher.encryptBlock(new Uint8Array(ghash_1.GHASH_BLOCK));
    const j0 = preCounterBlock(hashSubkey, iv);
    const expected = computeTag(cipher, hashSubkey, j0, associatedData, ciphertext);
    if (!(0, node_crypto_1.timingSafeEqual)(expected, tag)) {
        throw new cryptoError_1.CryptoError('GCM authentication failed', { code: 'CRYPTO_AUTHENTICATION_FAILED' });
    }
    return gctr(cipher, inc32(j0), ciphertext);
}
/** J0 (SP 800-38D §7.1 step 2). */
function preCounterBlock(hashSubkey, iv) {
    if (iv.length === 0)
        throw new cryptoError_1.CryptoError('iv: expected at least 1 byte, got 0', { code: 'CRYPTO_INVALID_ARGUMENT' });
    if (iv.length === 12) {
        const j0 = new Uint8Array(ghash_1.GHASH_BLOCK);
        j0.set(iv);
        j0[15] = 1;
        return j0;
    }
    return new ghash_1.Ghash(hashSubkey).update(iv).updateLengths(0, iv.length).digest();
}
/** T = MSB_t(GCTR_K(J0, S)), S = GHASH_H(A ‖ 0^v ‖ C ‖ 0^u ‖ [len(A)]64 ‖ [len(C)]64) (§7.1 steps 5–6). */
function computeTag(cipher, hashSubkey, j0, associatedData, ciphertext) {
    const s = new ghash_1.Ghash(hashSubkey).update(associatedData).update(ciphertext).updateLengths(associatedData.length, ciphertext.length).digest();
    const mask = cipher.encryptBlock(j0);
    for (let i = 0; i < exports.GCM_TAG_LENGTH; i++)
        s[i] ^= mask[i];
    return s;
}
/**
 * GCTR_K(ICB, X) with inc32 (SP 800-38D §6.5), from the cipher's 128-bit-carry CTR.
 * Internal; exported for the wrap-around test.
 * @param cipher - the keyed block cipher.
 * @param icb - the initial counter block.
 * @param data - X.
 * @returns Y, as long as X.
 */
function gctr(cipher, icb, data) {
    if (data.length === 0)
        return new Uint8Array(0);
    const low = ((icb[12] << 24) | (icb[13] << 16) | (icb[14] << 8) | icb[15]) >>> 0;
    const blocksBeforeWrap = 2 ** 32 - low;
    const bytesBeforeWrap = blocksBeforeWrap * ghash_1.GHASH_BLOCK;
    if (data.length <= bytesBeforeWrap)
        return cipher.ctr(icb, data);
    const wrapped = icb.slice();
    wrapped.fill(0, 12);
    const out = new Uint8Array(data.length);
    out.set(cipher.ctr(icb, data.subarray(0, bytesBeforeWrap)));
    out.set(cipher.ctr(wrapped, data.subarray(bytesBeforeWrap)), bytesBeforeWrap);
    return out;
}
/** inc32 (§6.2): the low 32 bits incremented mod 2^32, the rest unchanged. */
function inc32(block) {
    const out = block.slice();
    for (let i = 15; i >= 12; i--) {
        out[i] = (out[i] + 1) & 0xff;
        if (out[i] !== 0)
            break;
    }
    return out;
}
//# sourceMappingURL=gcm.js.map