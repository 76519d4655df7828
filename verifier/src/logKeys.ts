/**
 * The transparency-log keys of a trust list as signed-note verifiers (C2SP signed-note). A log
 * key is published as a `TrustedKey`: its name is the log's origin (the key name of its
 * checkpoints, as C2SP tlog-checkpoint recommends), its algorithm `sm2` or `ed25519`, its public
 * key the SubjectPublicKeyInfo DER, and its fingerprint the suite's hash of that DER (SM3 beside
 * SM2, SHA-256 beside Ed25519), as the receipt key's. The note key ID is derived from the name,
 * the signature type and the raw key exactly as the log derives it (`suiteNoteKeys.ts`), so the
 * trust list needs no separate verifier-key text.
 */
import type { suitrust } from '@suitrust/proto';
import { noteKeyId, type NoteVerifier } from '@suitrust/proofs/dist/log/signedNote';
import { NOTE_SIGNATURE_TYPES } from '@suitrust/proofs/dist/log/suiteNoteKeys';
import type { BundleCrypto } from './bundleCrypto';
import { bytesEqual } from './bytes';
import { parseSpki } from './spkiPublicKey';

/** The hash of the suite each log signature algorithm belongs to: a log hashes with its signer's suite. */
export const LOG_HASH_ALGORITHMS: Readonly<Record<string, string>> = { sm2: 'sm3', ed25519: 'sha256' };

/** A trusted log key, ready to open notes. */
export interface LogNoteVerifier extends NoteVerifier {
  /** `sm2` or `ed25519`. */
  readonly algorithm: string;
  /** The log's hash: `sm3` or `sha256`. */
  readonly hashAlgorithm: string;
  /** The key's fingerprint in the trust list. */
  readonly fingerprint: Uint8Array;
}

/**
 * The usable log keys of a trust list, and why the others are not.
 *
 * @param trust - the trust anchors
 * @param crypto - the hashes and signature checks
 * @returns the verifiers, and a reason per unusable key
 */
export function logNoteVerifiers(trust: suitrust.proofs.v1.ITrustAnchors, crypto: BundleCrypto): { verifiers: LogNoteVerifier[]; problems: string[] } {
  const verifiers: LogNoteVerifier[] = [];
  const problems: string[] = [];
  for (const key of trust.logKeys ?? []) {
    const name = key.name ?? '';
    const algorithm = key.algorithm ?? '';
    const spki = key.publicKey ?? new Uint8Array();
    const hashAlgorithm = Object.hasOwn(LOG_HASH_ALGORITHMS, algorithm) ? LOG_HASH_ALGORITHMS[algorithm] : undefined;
    const signatureType = Object.hasOwn(NOTE_SIGNATURE_TYPES, algorithm) ? NOTE_SIGNATURE_TYPES[algorithm as keyof typeof NOTE_SIGNATURE_TYPES] : undefined;
    if (!hashAlgorithm || !signatureType) {
      problems.push(`log key ${name}: ${algorithm || 'an unnamed algorithm'} is not a log signature algorithm`);
      continue;
    }
    const fingerprint = crypto.hash(hashAlgorithm, spki);
    if (!fingerprint || !bytesEqual(fingerprint, key.fingerprint ?? new Uint8Array())) {
      problems.push(`log key ${name}: its fingerprint is not the ${hashAlgorithm} hash of its public key`);
      continue;
    }
    let raw: Uint8Array;
    try {
      raw = parseSpki(spki, `log key ${name}`).key;
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    verifiers.push({ name, keyId: noteKeyId(name, signatureType, raw), algorithm, hashAlgorithm, fingerprint, verify: (message, signature) => crypto.verify(algorithm, spki, message, signature) === true });
  }
  return { verifiers, problems };
}

/**
 * A signed-note key ID as a bundle's `NoteSignature.key_id` carries it.
 *
 * @param keyId - the 32-bit key ID
 * @returns its 4 bytes, big-endian, as in the note's signature line
 */
export function noteKeyIdBytes(keyId: number): Uint8Array {
  return Uint8Array.of((keyId >>> 24) & 0xff, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff);
}
