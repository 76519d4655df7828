/**
 * The hashes and signatures a proof bundle names by algorithm, behind one small seam: the browser
 * build checks SHA-256, ECDSA P-256 and Ed25519 with `@noble`; the Node CLI adds the SM suite's
 * SM3 and SM2 from `@suitrust/crypto`. An algorithm a seam does not know is reported, never
 * passed.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import { P256_CURVE_OID, verifyP256Signature } from './ecdsaP256';
import { parseSpki, type SpkiPublicKey } from './spkiPublicKey';

/** RFC 5480 §2.1.1 id-ecPublicKey and RFC 8410 §3 id-Ed25519. */
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const ED25519 = '1.3.101.112';

/** Hashes and signature checks by algorithm name. */
export interface BundleCrypto {
  /**
   * @param algorithm - `sha256`, `sm3`, …
   * @param data - the bytes
   * @returns the digest, or `undefined` when the algorithm is unknown here
   */
  hash(algorithm: string, data: Uint8Array): Uint8Array | undefined;
  /**
   * @param algorithm - `ecdsa-p256-sha256`, `ed25519`, `sm2`, …
   * @param spki - the signer's SubjectPublicKeyInfo DER
   * @param message - the signed bytes
   * @param signature - the signature
   * @returns whether it verifies, or `undefined` when the algorithm is unknown here
   */
  verify(algorithm: string, spki: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean | undefined;
}

/** SHA-256, ECDSA P-256 over SHA-256 (DER signatures) and Ed25519, in pure JavaScript. */
export const nobleBundleCrypto: BundleCrypto = {
  hash: (algorithm, data) => (algorithm === 'sha256' ? sha256(data) : undefined),
  verify: (algorithm, spki, message, signature) => {
    if (algorithm !== 'ecdsa-p256-sha256' && algorithm !== 'ed25519') return undefined;
    let key: SpkiPublicKey;
    try {
      key = parseSpki(spki, 'public key');
    } catch {
      return false;
    }
    if (algorithm === 'ed25519') {
      if (key.algorithm !== ED25519) return false;
      try {
        return ed25519.verify(signature, message, key.key);
      } catch {
        return false;
      }
    }
    if (key.algorithm !== EC_PUBLIC_KEY || key.namedCurve !== P256_CURVE_OID) return false;
    return verifyP256Signature(key.key, message, signature, { requireLowS: false }).ok;
  },
};
