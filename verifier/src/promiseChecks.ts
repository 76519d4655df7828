/**
 * Checks of an inclusion promise carried in a bundle (`suitrust.proofs.v1.InclusionPromise`, the
 * log's promise whole; see `inclusionPromise.ts` of `@suitrust/proofs`): a trusted log key, found
 * by the signature's key_id (its fingerprint), signed exactly the promise's origin, batch and
 * time, the leaf's path leads to the signed batch root, and the bundle's leaf hashes to the
 * promised leaf hash. A promise is the log's word alone, not an anchor on chain: these checks say
 * what the log promised, nothing more.
 */
import type { suitrust } from '@suitrust/proto';
import { inclusionPromiseMessage, verifyInclusionPromise, type InclusionPromise } from '@suitrust/proofs/dist/log/inclusionPromise';
import { createMerkleHasher } from '@suitrust/proofs/dist/log/merkleHasher';
import type { BundleCrypto } from './bundleCrypto';
import { bytesEqual } from './bytes';
import { failed, passed, type Check } from './check';
import { logNoteVerifiers } from './logKeys';

/**
 * `promise.signature`, `promise.batch` and, given the leaf, `promise.leaf`.
 *
 * @param promise - the promise
 * @param leaf - the record the promise is about, when the bundle carries it
 * @param trust - the trusted list, holding the log keys
 * @param crypto - the hashes and signature checks
 * @returns the checks
 */
export function promiseChecks(promise: suitrust.proofs.v1.IInclusionPromise, leaf: Uint8Array | undefined, trust: suitrust.proofs.v1.ITrustAnchors, crypto: BundleCrypto): Check[] {
  const signed = promise.signature;
  if (!signed) return [failed('promise.signature', 'the promise is not signed')];
  const key = logNoteVerifiers(trust, crypto).verifiers.find((candidate) => bytesEqual(candidate.fingerprint, signed.keyId ?? new Uint8Array()));
  if (!key) return [failed('promise.signature', 'no trusted log key has the signature\'s key_id')];
  if (key.algorithm !== signed.algorithm) return [failed('promise.signature', `the key is ${key.algorithm}, the signature ${signed.algorithm ?? ''}`)];
  const seconds = Number(promise.integratedAt?.seconds ?? 0);
  const nanos = promise.integratedAt?.nanos ?? 0;
  if (nanos % 1_000_000 !== 0) return [failed('promise.signature', 'the integration time is not a whole number of milliseconds, as the log signs it')];
  const fields: InclusionPromise = {
    origin: promise.origin ?? '',
    leafIndex: Number(promise.leafIndex ?? 0),
    leafHash: promise.leafHash ?? new Uint8Array(),
    integratedAt: seconds * 1000 + nanos / 1_000_000,
    batch: { start: Number(promise.batchStart ?? 0), size: Number(promise.batchSize ?? 0), root: promise.batchRoot ?? new Uint8Array() },
    batchPath: promise.batchPath ?? [],
    keyName: key.name,
    keyId: key.keyId,
    signature: signed.signature ?? new Uint8Array(),
  };
  let message: Uint8Array;
  try {
    message = inclusionPromiseMessage(fields);
  } catch (error) {
    return [failed('promise.signature', (error as Error).message)];
  }
  if (!bytesEqual(message, signed.body ?? new Uint8Array())) return [failed('promise.signature', 'the signed body is not the promise\'s origin, batch and time')];
  const hasher = createMerkleHasher({ hashLength: fields.batch.root.length || 32, hash: (data) => crypto.hash(key.hashAlgorithm, data) as Uint8Array });
  const outcome = verifyInclusionPromise(hasher, fields, { verifiers: [key], origin: key.name, ...(leaf ? { record: leaf } : {}) });
  if (!outcome.ok) {
    const name = outcome.reason === 'LEAF_HASH_MISMATCH' ? 'promise.leaf' : outcome.reason === 'NOT_IN_BATCH' ? 'promise.batch' : 'promise.signature';
    return [failed(name, `${outcome.reason}: ${outcome.message}`)];
  }
  const when = new Date(fields.integratedAt).toISOString();
  return [
    passed('promise.signature', `log key ${key.name} promised leaf ${fields.leafIndex} of ${fields.origin}, integrated at ${when}`),
    passed('promise.batch', `leaf ${fields.leafIndex} is in the signed batch [${fields.batch.start}, ${fields.batch.start + fields.batch.size})`),
    ...(leaf ? [passed('promise.leaf', 'the bundle\'s leaf is the promised record')] : []),
  ];
}
