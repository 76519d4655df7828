/**
 * Checks of the gateway's receipt. Its `Signed.body` is the `Receipt` itself without its
 * signature, encoded: the verifier decodes it and compares every field with the receipt's, and
 * verifies the signature with a receipt key of the trust anchors whose fingerprint is the
 * signature's key_id.
 */
import { suitrust } from '@suitrust/proto';
import type { BundleCrypto } from './bundleCrypto';
import { bytesEqual, toHex } from './bytes';
import { failed, passed, type Check } from './check';

/** The hash each receipt signature algorithm's suite digests responses with. */
export const RECEIPT_DIGEST_ALGORITHMS: Readonly<Record<string, string>> = { sm2: 'sm3', ed25519: 'sha256' };

/**
 * `receipt.transaction`, `receipt.signature` and, given the bytes it covers, `receipt.digest`.
 *
 * @param receipt - the receipt
 * @param txId - the ledger proof's transaction
 * @param trust - the trust anchors holding the receipt keys
 * @param crypto - the signature algorithms
 * @param covered - the bytes the receipt's digest is of (a bundle's: its encoding without the receipt)
 * @returns the checks
 */
export function receiptChecks(receipt: suitrust.proofs.v1.IReceipt, txId: string, trust: suitrust.proofs.v1.ITrustAnchors, crypto: BundleCrypto, covered?: Uint8Array): Check[] {
  const checks: Check[] = [];
  if (receipt.txId) checks.push(receipt.txId === txId ? passed('receipt.transaction', `the receipt is for transaction ${txId}`) : failed('receipt.transaction', `the receipt is for transaction ${receipt.txId}, the proof for ${txId}`));
  checks.push(receiptSignatureCheck(receipt, trust, crypto));
  if (covered) checks.push(receiptDigestCheck(covered, receipt, crypto));
  return checks;
}

/**
 * `receipt.digest`: the receipt's digest is the hash of `covered`, with the hash of the signing
 * suite (SM3 beside SM2, SHA-256 beside Ed25519).
 *
 * @param covered - the bytes the receipt is of
 * @param receipt - the receipt
 * @param crypto - the hashes
 * @returns the check
 */
export function receiptDigestCheck(covered: Uint8Array, receipt: suitrust.proofs.v1.IReceipt, crypto: BundleCrypto): Check {
  const name = 'receipt.digest';
  const signatureAlgorithm = receipt.signature?.algorithm ?? '';
  const algorithm = Object.hasOwn(RECEIPT_DIGEST_ALGORITHMS, signatureAlgorithm) ? RECEIPT_DIGEST_ALGORITHMS[signatureAlgorithm] : undefined;
  if (!algorithm) return failed(name, `no suite pairs a response hash with ${signatureAlgorithm || 'an unnamed'} signatures`);
  const digest = crypto.hash(algorithm, covered);
  if (!digest) return failed(name, `this verifier cannot compute ${algorithm} digests`);
  const claimed = receipt.responseDigest ?? new Uint8Array();
  return bytesEqual(digest, claimed) ? passed(name, `the ${algorithm} digest of what was returned is the signed one`) : failed(name, `the ${algorithm} digest of what was returned is ${toHex(digest)}, the receipt says ${toHex(claimed)}`);
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
