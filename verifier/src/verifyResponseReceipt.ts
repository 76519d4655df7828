/**
 * The check of a receipt the gateway returned beside a response (the `SuiTrust-Receipt` header):
 * its signature by a trusted receipt key, and its digest against the exact response body bytes,
 * hashed with the hash of the signing key's suite (SM3 beside SM2, SHA-256 beside Ed25519).
 */
import { suitrust } from '@suitrust/proto';
import { portableBundleCrypto, type BundleCrypto } from './bundleCrypto';
import { failed, passed, verification, type Check, type Verification } from './check';
import { receiptDigestCheck, receiptSignatureCheck } from './receiptChecks';

/** The response header that carries a receipt: base64 of the `Receipt` protobuf. */
export const RECEIPT_HEADER = 'suitrust-receipt';

/**
 * Verifies a receipt of a response.
 *
 * @param body - the response body, byte for byte as received
 * @param receipt - the receipt, decoded, as its protobuf bytes, or as the header's base64 text
 * @param trust - the trust anchors holding the receipt keys (the published list)
 * @param crypto - hash and signature algorithms; the portable ones by default
 * @returns `receipt.format`, `receipt.signature` and `receipt.digest`, valid only when all hold
 * @example
 * ```ts
 * const response = await fetch(url, { method: 'POST', body, headers });
 * const outcome = verifyResponseReceipt(new Uint8Array(await response.arrayBuffer()), response.headers.get('SuiTrust-Receipt') ?? '', trust);
 * ```
 */
export function verifyResponseReceipt(body: Uint8Array, receipt: suitrust.proofs.v1.IReceipt | Uint8Array | string, trust: suitrust.proofs.v1.ITrustAnchors, crypto: BundleCrypto = portableBundleCrypto): Verification {
  let decoded: suitrust.proofs.v1.IReceipt;
  try {
    decoded = typeof receipt === 'string' ? suitrust.proofs.v1.Receipt.decode(fromBase64(receipt)) : receipt instanceof Uint8Array ? suitrust.proofs.v1.Receipt.decode(receipt) : receipt;
  } catch (error) {
    return verification([failed('receipt.format', `not a Receipt: ${(error as Error).message}`)]);
  }
  const checks: Check[] = [passed('receipt.format', `receipt of request ${decoded.requestId ?? ''}`), receiptSignatureCheck(decoded, trust, crypto)];
  checks.push(receiptDigestCheck(body, decoded, crypto));
  return verification(checks);
}


/** RFC 4648 §4 base64 without Node's Buffer, for the browser build. */
function fromBase64(text: string): Uint8Array {
  const binary = atob(text.trim());
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}
