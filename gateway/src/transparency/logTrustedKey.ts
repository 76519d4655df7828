/**
 * The transparency log's key as the trust list publishes it (`TrustAnchors.log_keys`): name the
 * key name of its checkpoints (the log's origin), algorithm `sm2` or `ed25519`, public key the
 * SubjectPublicKeyInfo DER, fingerprint the suite's hash of that DER, as the receipt key is
 * published. The C2SP verifier-key text (`GET /log/checkpoint`'s `verifierKey`) holds the same key;
 * a verifier derives the note key ID from the name and the key (`@suitrust/verifier`, `logKeys.ts`).
 */
import type { CryptoSuite } from '@suitrust/crypto';
import { parseVerifierKey } from '@suitrust/proofs';
import { suitrust } from '@suitrust/proto';

/**
 * The trusted-key form of a log's verifier key.
 *
 * @param verifierKey - `<name>+<hex key ID>+<base64(type ‖ public key)>`
 * @param suite - the log's suite
 * @returns the key as the trust list publishes it
 * @throws {Error} when the text is not a verifier key of the suite's signature algorithm
 */
export function logTrustedKey(verifierKey: string, suite: CryptoSuite): suitrust.proofs.v1.TrustedKey {
  const verifier = parseVerifierKey(suite, verifierKey);
  if (!verifier) throw new Error(`the log's verifier key is not a ${suite.signatureAlgorithm} signed-note key`);
  const publicKey = new Uint8Array(Buffer.from(suite.exportPublicKeyPem(verifier.publicKey).replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
  return suitrust.proofs.v1.TrustedKey.create({ name: verifier.name, algorithm: suite.signatureAlgorithm, publicKey, fingerprint: suite.hash(publicKey) });
}
