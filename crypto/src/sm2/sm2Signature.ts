/**
 * The SM2 signature encoding of GM/T 0009-2012 §7.3 (SM2Signature ::= SEQUENCE { R INTEGER,
 * S INTEGER }), the same shape as ECDSA's; strict DER so each (r, s) has one encoding.
 */
import { derInteger, derSequence, readDer } from '../der';
import type { Sm2Signature } from './sm2Engine';

/**
 * DER of (r, s).
 * @param signature - (r, s), both positive.
 * @returns `SEQUENCE { INTEGER r, INTEGER s }`.
 */
export function encodeSm2Signature(signature: Sm2Signature): Uint8Array {
  return derSequence(derInteger(signature.r), derInteger(signature.s));
}

/**
 * (r, s) of a DER signature; ranges are left to verification.
 * @param der - the encoding.
 * @returns (r, s).
 * @throws {CryptoError} `CRYPTO_INVALID_ARGUMENT` when `der` is not exactly one strict-DER
 *   SEQUENCE of two non-negative INTEGERs.
 */
export function decodeSm2Signature(der: Uint8Array): Sm2Signature {
  const sequence = readDer(der);
  const r = sequence.readInteger();
  const s = sequence.readInteger();
  sequence.end();
  return { r, s };
}
