"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toHex = toHex;
exports.fromHex = fromHex;
/**
 * Lower-case hexadecimal, the form digests take in SuiTrust's records (DESIGN.md,
 * "Identifiers that have check digits").
 */
const cryptoError_1 = require("./cryptoError");
/**
 * Encodes bytes as lower-case hex.
 * @param bytes - the bytes.
 * @returns `2 × bytes.length` lower-case hex digits.
 */
function toHex(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
/**
 * Decodes hex (either case) strictly: even length, hex digits only.
 * @param hex - the hex string.
 * @returns the bytes.
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when `hex` is not a string of hex digit pairs.
 */
function fromHex(hex) {
    if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
        const what = typeof hex === 'string' ? `${hex.length} characters, not hex digit pairs` : typeof hex;
        throw new cryptoError_1.CryptoError(`hex: expected an even number of hex digits, got ${what}`, { code: 'CRYPTO_INVALID_ARGUMENT' });
    }
    return new Uint8Array(Buffer.from(hex, 'hex'));
}
//# sourceMappingURL=hex.js.map