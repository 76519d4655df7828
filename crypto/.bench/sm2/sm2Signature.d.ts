import type { Sm2Signature } from './sm2Engine';
/**
 * DER of (r, s).
 * @param signature - (r, s), both positive.
 * @returns `SEQUENCE { INTEGER r, INTEGER s }`.
 */
export declare function encodeSm2Signature(signature: Sm2Signature): Uint8Array;
/**
 * (r, s) of a DER signature; ranges are left to verification.
 * @param der - the encoding.
 * @returns (r, s).
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when `der` is not exactly one strict-DER
 *   SEQUENCE of two non-negative INTEGERs.
 */
export declare function decodeSm2Signature(der: Uint8Array): Sm2Signature;
//# sourceMappingURL=sm2Signature.d.ts.map