/** SM2 verification of a DER signature as records carry it, shared by the Node and portable suites. */
import { decodeSm2Signature } from './sm2Signature';
import type { Sm2Engine, Sm2Signature } from './sm2Engine';

/**
 * Verifies a DER `SEQUENCE { r, s }` SM2 signature over `message` with the signer's ID.
 * @param engine - SM2 over the curve.
 * @param publicKey - `04 ‖ x ‖ y`.
 * @param message - the signed message (never a digest).
 * @param signature - the DER signature.
 * @param userId - ID_A.
 * @returns whether it holds; false for any malformed input.
 */
export function verifyEncodedSm2(engine: Sm2Engine, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, userId: Uint8Array): boolean {
  if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array) || !(userId instanceof Uint8Array)) return false;
  let decoded: Sm2Signature;
  try {
    decoded = decodeSm2Signature(signature);
  } catch {
    return false;
  }
  return engine.verify(publicKey, message, decoded, userId);
}
