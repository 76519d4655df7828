"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SM4_BLOCK_LENGTH = exports.SM4_KEY_LENGTH = void 0;
exports.sm4 = sm4;
/**
 * SM4 block cipher, GB/T 32907-2016 (GM/T 0002-2012): 128-bit blocks, 128-bit key.
 *
 * Node's OpenSSL 3.0 computes SM4 ECB/CBC/CTR correctly (DESIGN.md, "Facts about SM crypto on
 * Node 20"), so this file only adapts it to the {@link BlockCipher} seam. One ECB context is
 * kept per key and reused for every block: creating a context per block costs a key schedule
 * and an allocation each time (the 1,000,000-block vector of GB/T 32907 appendix A runs in
 * about a second this way).
 */
const node_crypto_1 = require("node:crypto");
const assertBytes_1 = require("./assertBytes");
/** SM4 key length in bytes (GB/T 32907 §5: 128-bit key). */
exports.SM4_KEY_LENGTH = 16;
/** SM4 block length in bytes. */
exports.SM4_BLOCK_LENGTH = 16;
/**
 * SM4 keyed with `key`, for ECB block encryption and CTR key streams.
 * @param key - 16 bytes.
 * @returns the keyed cipher.
 * @throws {CryptoError} `CRYPTO_KEY_LENGTH` when `key` is not 16 bytes.
 */
function sm4(key) {
    (0, assertBytes_1.assertBytes)('key', key, { length: exports.SM4_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    return new Sm4({ key });
}
class Sm4 {
    #key;
    #ecb;
    constructor(options) {
        this.#key = options.key.slice();
    }
    encryptBlock(block) {
        (0, assertBytes_1.assertBytes)('block', block, { length: exports.SM4_BLOCK_LENGTH });
        if (this.#ecb === undefined) {
            this.#ecb = (0, node_crypto_1.createCipheriv)('sm4-ecb', this.#key, null).setAutoPadding(false);
        }
        // Without padding, ECB update() returns each whole block at once and keeps no state.
        return new Uint8Array(this.#ecb.update(block));
    }
    ctr(counterBlock, data) {
        (0, assertBytes_1.assertBytes)('counterBlock', counterBlock, { length: exports.SM4_BLOCK_LENGTH });
        const cipher = (0, node_crypto_1.createCipheriv)('sm4-ctr', this.#key, counterBlock);
        const out = cipher.update(data);
        cipher.final();
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    }
}
//# sourceMappingURL=sm4.js.map