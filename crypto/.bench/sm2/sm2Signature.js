"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.encodeSm2Signature = encodeSm2Signature;
exports.decodeSm2Signature = decodeSm2Signature;
/**
 * The SM2 signature encoding of GM/T 0009-2012 §7.3 (SM2Signature ::= SEQUENCE { R INTEGER,
 * S INTEGER }), the same shape as ECDSA's; strict DER so each (r, s) has one encoding.
 */
const der_1 = require("../der");
/**
 * DER of (r, s).
 * @param signature - (r, s), both positive.
 * @returns `SEQUENCE { INTEGER r, INTEGER s }`.
 */
function encodeSm2Signature(signature) {
    return (0, der_1.derSequence)((0, der_1.derInteger)(signature.r), (0, der_1.derInteger)(signature.s));
}
/**
 * (r, s) of a DER signature; ranges are left to verification.
 * @param der - the encoding.
 * @returns (r, s).
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when `der` is not exactly one strict-DER
 *   SEQUENCE of two non-negative INTEGERs.
 */
function decodeSm2Signature(der) {
    const sequence = (0, der_1.readDer)(der);
    const r = sequence.readInteger();
    const s = sequence.readInteger();
    sequence.end();
    return { r, s };
}
//# sourceMappingURL=sm2Signature.js.map