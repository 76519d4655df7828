/**
 * The hashes and signatures a proof bundle names by algorithm, behind one small seam, all in
 * plain JavaScript so the same checks run in the CLI and in a browser page: SHA-256, ECDSA P-256
 * and Ed25519 with `@noble`, SM3 and SM2 (GB/T 32905, GB/T 32918.2 with the default user ID)
 * through `@suitrust/crypto`'s verification suites, imported by module file because the
 * package's index loads Node code. An algorithm a seam does not know is reported, never passed.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import { verificationSuite } from '@suitrust/crypto/dist/verificationSuites';
import { nobleP256Engine, P256_CURVE_OID, verifyP256Signature, type P256Engine } from './ecdsaP256';
import { parseSpki, type SpkiPublicKey } from './spkiPublicKey';

/** RFC 5480 §2.1.1 id-ecPublicKey, RFC 8410 §3 id-Ed25519, GM/T 0006 sm2p256v1. */
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const ED25519 = '1.3.101.112';
const SM2_CURVE_OID = '1.2.156.10197.1.301';

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
  /** The P-256 arithmetic of the ledger proof's checks (Fabric's signatures and certificates); plain JavaScript when absent. */
  readonly p256?: P256Engine;
}

type KeyCheck = (key: SpkiPublicKey, message: Uint8Array, signature: Uint8Array) => boolean;

const SIGNATURES: Readonly<Record<string, KeyCheck>> = {
  'ecdsa-p256-sha256': (key, message, signature) => key.algorithm === EC_PUBLIC_KEY && key.namedCurve === P256_CURVE_OID && verifyP256Signature(key.key, message, signature, { requireLowS: false }).ok,
  ed25519: (key, message, signature) => key.algorithm === ED25519 && ed25519.verify(signature, message, key.key, { zip215: false }),
  // DER SEQUENCE { r, s } over the message itself (never a digest), with the default user ID.
  sm2: (key, message, signature) => key.algorithm === EC_PUBLIC_KEY && key.namedCurve === SM2_CURVE_OID && verificationSuite('sm').verify(key.key, message, signature),
};

const HASHES: Readonly<Record<string, (data: Uint8Array) => Uint8Array>> = {
  sha256: (data) => sha256(data),
  sm3: (data) => verificationSuite('sm').hash(data),
};

/** SHA-256 and SM3; ECDSA P-256 over SHA-256 (DER signatures), Ed25519 and SM2 (DER signatures), with no Node module. */
export const portableBundleCrypto: BundleCrypto = {
  p256: nobleP256Engine,
  hash: (algorithm, data) => (Object.hasOwn(HASHES, algorithm) ? HASHES[algorithm]?.(data) : undefined),
  verify: (algorithm, spki, message, signature) => {
    if (!Object.hasOwn(SIGNATURES, algorithm)) return undefined;
    const check = SIGNATURES[algorithm] as KeyCheck;
    try {
      return check(parseSpki(spki, 'public key'), message, signature);
    } catch {
      return false;
    }
  },
};
