/**
 * The checking half of each crypto suite — hash and verify, nothing that signs, encrypts or
 * draws randomness — written without Node modules or `Buffer`, so that a verifier bundled for a
 * browser page checks SM2/SM3 and Ed25519/SHA-256 proofs exactly as the Node suites made them
 * (tests sign with the Node suites and verify here).
 *
 * - `sm`: SM3 in plain TypeScript (`portableSm3.ts`), SM2 on the same engine the Node suite uses.
 * - `std`: SHA-256 from `@noble/hashes`, Ed25519 from `@noble/curves` with RFC 8032's strict
 *   rules (no ZIP-215 leniency), as libsodium verifies.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import type { CryptoSuite, SuiteName } from './cryptoSuite';
import { portableSm3 } from './portableSm3';
import { SM2_DEFAULT_USER_ID, Sm2Engine } from './sm2/sm2Engine';
import { sm2p256v1 } from './sm2/sm2p256v1';
import { verifyEncodedSm2 } from './sm2/verifyEncodedSm2';

/** A suite's hash and signature verification. */
export type VerificationSuite = Pick<CryptoSuite, 'name' | 'hashAlgorithm' | 'signatureAlgorithm' | 'hashLength' | 'hash' | 'verify'>;

const DEFAULT_USER_ID = new TextEncoder().encode(SM2_DEFAULT_USER_ID);
const ED25519_PUBLIC_KEY_LENGTH = 32;
const ED25519_SIGNATURE_LENGTH = 64;

let smVerification: VerificationSuite | undefined;

/**
 * The verification half of a suite, without Node.
 * @param name - `sm` or `std`.
 * @returns the suite's hash and verify.
 */
export function verificationSuite(name: SuiteName): VerificationSuite {
  if (name === 'std') return STD_VERIFICATION;
  smVerification ??= smVerificationSuite();
  return smVerification;
}

function smVerificationSuite(): VerificationSuite {
  const engine = new Sm2Engine({ curve: sm2p256v1, sm3: portableSm3 });
  return {
    name: 'sm',
    hashAlgorithm: 'sm3',
    signatureAlgorithm: 'sm2',
    hashLength: 32,
    hash: (data) => portableSm3(data),
    verify: (publicKey, message, signature, options) => verifyEncodedSm2(engine, publicKey, message, signature, options?.userId ?? DEFAULT_USER_ID),
  };
}

const STD_VERIFICATION: VerificationSuite = {
  name: 'std',
  hashAlgorithm: 'sha256',
  signatureAlgorithm: 'ed25519',
  hashLength: 32,
  hash: (data) => sha256(data),
  verify(publicKey, message, signature) {
    if (!(publicKey instanceof Uint8Array) || !(message instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
    if (publicKey.length !== ED25519_PUBLIC_KEY_LENGTH || signature.length !== ED25519_SIGNATURE_LENGTH) return false;
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};
