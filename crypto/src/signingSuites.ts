/**
 * The hash and signature half of a crypto suite, with no WebAssembly: what code that only hashes
 * and signs or verifies needs (the chaincode's anchor contract checking a log's checkpoints),
 * where libsodium must not be bundled.
 *
 * - `sm`: the `sm` suite itself (SM3 from Node's OpenSSL, SM2 over `@noble/curves`), which never
 *   loads libsodium.
 * - `std`: SHA-256 from `node:crypto` and Ed25519 (RFC 8032 §5.1) from `@noble/curves`, verifying
 *   strictly (canonical encodings only, `zip215: false`), as RFC 8032 §5.1.7 and libsodium do.
 *   Ed25519 signatures are deterministic, so both implementations give the same bytes
 *   (`signingSuites.test.ts` checks them against each other and the RFC's vectors).
 */
import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519';
import { assertBytes } from './assertBytes';
import { CryptoError } from './cryptoError';
import type { CryptoSuite, SuiteName } from './cryptoSuite';
import { ED25519_KEY_LENGTH } from './ed25519KeyEncoding';
import { createSmSuite } from './smSuite';
import { verificationSuite } from './verificationSuites';

/** A suite's hash and signature: a `CryptoSuite` is one. */
export type SigningSuite = Pick<CryptoSuite, 'name' | 'hashAlgorithm' | 'hashLength' | 'hash' | 'signatureAlgorithm' | 'sign' | 'verify' | 'publicKeyOf'>;

/**
 * The hash and signature functions of the suite named `name`, loading no WebAssembly.
 * @param name - `sm` or `std`.
 * @returns the signing suite.
 * @throws {CryptoError} `CRYPTO_UNKNOWN_SUITE` for any other name.
 * @example
 * ```ts
 * const suite = signingSuite('std');
 * suite.verify(publicKey, noteText, signature);
 * ```
 */
export function signingSuite(name: SuiteName): SigningSuite {
  switch (name) {
    case 'sm':
      return createSmSuite();
    case 'std':
      return STD_SIGNING;
    default:
      throw new CryptoError(`name: expected "sm" or "std", got ${JSON.stringify(String(name))}`, { code: 'CRYPTO_UNKNOWN_SUITE' });
  }
}

const STD_SIGNING: SigningSuite = {
  name: 'std',
  hashAlgorithm: 'sha256',
  hashLength: 32,
  signatureAlgorithm: 'ed25519',
  hash(data) {
    assertBytes('data', data);
    return new Uint8Array(createHash('sha256').update(data).digest());
  },
  publicKeyOf(privateKey) {
    assertBytes('privateKey', privateKey, { length: ED25519_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    return ed25519.getPublicKey(privateKey);
  },
  sign(privateKey, message) {
    assertBytes('privateKey', privateKey, { length: ED25519_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    assertBytes('message', message);
    return ed25519.sign(message, privateKey);
  },
  // Verification is the portable suite's: one implementation of the strict rules.
  verify: verificationSuite('std').verify,
};
