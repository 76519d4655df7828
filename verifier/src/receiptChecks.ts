/**
 * Checks of the gateway's receipt. Its `Signed.body` is the `Receipt` itself without its
 * signature, encoded: the verifier decodes it and compares every field with the receipt's, and
 * verifies the signature with a receipt key of the trust anchors whose fingerprint is the
 * signature's key_id.
 */
import { suitrust } from '@suitrust/proto';
import type { BundleCrypto } from './bundleCrypto';
import { bytesEqual } from './bytes';
import { failed, passed, type Check } from './check';

/**
 * `receipt.transaction` and `receipt.signature`.
 *
 * @param receipt - the receipt
 * @param txId - the ledger proof's transaction
 * @param trust - the trust anchors holding the receipt keys
 * @param crypto - the signature algorithms
 * @returns the checks
 */
export function receiptChecks(receipt: suitrust.proofs.v1.IReceipt, txId: string, trust: suitrust.proofs.v1.ITrustAnchors, crypto: BundleCrypto): Check[] {
  const checks: Check[] = [];
  if (receipt.txId) checks.push(receipt.txId === txId ? passed('receipt.transaction', `the receipt is for transaction ${txId}`) : failed('receipt.transaction', `the receipt is for transaction ${receipt.txId}, the proof for ${txId}`));
  checks.push(receiptSignatureCheck(receipt, trust, crypto));
  return checks;
}

/**
 * `receipt.signature`: a trusted receipt key with the signature's key_id signed exactly the
 * receipt's fields.
 *
 * @param receipt - the receipt
 * @param trust - the trust anchors holding the receipt keys
 * @param crypto - the signature algorithms
 * @returns the check
 */
export function receiptSignatureCheck(receipt: suitrust.proofs.v1.IReceipt, trust: suitrust.proofs.v1.ITrustAnchors, crypto: BundleCrypto): Check {
  const name = 'receipt.signature';
  const signed = receipt.signature;
  if (!signed) return failed(name, 'the receipt is not signed');
  const key = (trust.receiptKeys ?? []).find((candidate) => bytesEqual(candidate.fingerprint ?? new Uint8Array(), signed.keyId ?? new Uint8Array()));
  if (!key) return failed(name, 'no trusted receipt key has the signature\'s key_id');
  if (key.algorithm !== signed.algorithm) return failed(name, `the key is ${key.algorithm ?? ''}, the signature ${signed.algorithm ?? ''}`);
  let body: suitrust.proofs.v1.Receipt;
  try {
    body = suitrust.proofs.v1.Receipt.decode(signed.body ?? new Uint8Array());
  } catch {
    return failed(name, 'the signed body is not a Receipt');
  }
  const same =
    body.requestId === (receipt.requestId ?? '') &&
    body.txId === (receipt.txId ?? '') &&
    bytesEqual(body.responseDigest, receipt.responseDigest ?? new Uint8Array()) &&
    Number(body.issuedAt?.seconds ?? 0) === Number(receipt.issuedAt?.seconds ?? 0) &&
    (body.issuedAt?.nanos ?? 0) === (receipt.issuedAt?.nanos ?? 0) &&
    !body.signature;
  if (!same) return failed(name, 'the signed body differs from the receipt');
  const valid = crypto.verify(signed.algorithm ?? '', key.publicKey ?? new Uint8Array(), signed.body ?? new Uint8Array(), signed.signature ?? new Uint8Array());
  if (valid === undefined) return failed(name, `this verifier cannot check ${signed.algorithm ?? ''} signatures`);
  return valid ? passed(name, `signed by receipt key ${key.name ?? ''}`) : failed(name, 'the signature does not verify');
}
