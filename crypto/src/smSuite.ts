/**
 * The `sm` suite (DESIGN.md, "Crypto suites"): SM3 (GB/T 32905), SM2 signatures with the Z_A
 * user digest (GB/T 32918.2), SM4-GCM (GB/T 32907 in SP 800-38D GCM, as RFC 8998), HMAC-SM3.
 *
 * Keys: SM2 private keys are 32-byte scalars, public keys 65-byte uncompressed points; PEM is
 * PKCS#8 / SubjectPublicKeyInfo with id-ecPublicKey and namedCurve sm2p256v1, which OpenSSL
 * (and so `node:crypto`) reads and writes identically.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { assertBytes, optionalBytes } from './assertBytes';
import { CryptoError } from './cryptoError';
import type { CryptoSuite, KeyPair, SignOptions } from './cryptoSuite';
import { decodeEcPrivateKey, decodeEcPublicKey, encodeEcPrivateKey, encodeEcPublicKey, type NamedCurveEncoding } from './ecKeyEncoding';
import { GCM_TAG_LENGTH } from './gcm';
import { parseKey } from './parseKey';
import { derOf, encodePem } from './pem';
import { SM2_DEFAULT_USER_ID, Sm2Engine } from './sm2/sm2Engine';
import { encodeSm2Signature } from './sm2/sm2Signature';
import { verifyEncodedSm2 } from './sm2/verifyEncodedSm2';
import { SM2P256V1_OID, sm2p256v1 } from './sm2/sm2p256v1';
import { hmacSm3, sm3, SM3_LENGTH } from './sm3';
import { SM4_KEY_LENGTH } from './sm4';
import { sm4GcmDecrypt, sm4GcmEncrypt } from './sm4Gcm';

/** GCM nonce length: 96 bits, the length SP 800-38D §8.2.1 and RFC 8998 use. */
const NONCE_LENGTH = 12;
/** Minimum pseudonym key: 128 bits, the security level of the rest of the suite. */
const MIN_PSEUDONYM_KEY_LENGTH = 16;
const DEFAULT_USER_ID = new TextEncoder().encode(SM2_DEFAULT_USER_ID);

/**
 * Creates the `sm` suite over the recommended curve sm2p256v1.
 * @returns the suite.
 * @example
 * ```ts
 * const suite = createSmSuite();
 * const { privateKey, publicKey } = suite.generateKeyPair();
 * const signature = suite.sign(privateKey, message);
 * suite.verify(publicKey, message, signature); // true
 * ```
 */
export function createSmSuite(): CryptoSuite {
  const engine = new Sm2Engine({ curve: sm2p256v1, sm3, randomBytes: (length) => new Uint8Array(randomBytes(length)) });
  return new SmSuite({
    engine,
    keyEncoding: { oid: SM2P256V1_OID, scalarLength: engine.privateKeyLength, pointLength: engine.publicKeyLength },
  });
}

/** Options of {@link SmSuite}. */
interface SmSuiteOptions {
  /** SM2 over the suite's curve. */
  readonly engine: Sm2Engine;
  /** The curve's OID and sizes for PKCS#8 / SubjectPublicKeyInfo. */
  readonly keyEncoding: NamedCurveEncoding;
}

class SmSuite implements CryptoSuite {
  readonly name = 'sm';
  readonly hashAlgorithm = 'sm3';
  readonly signatureAlgorithm = 'sm2';
  readonly hashLength = SM3_LENGTH;
  readonly encryptionKeyLength = SM4_KEY_LENGTH;
  readonly #engine: Sm2Engine;
  readonly #keyEncoding: NamedCurveEncoding;
  /**
   * Public keys of the private keys this suite has signed with, keyed by the caller's array.
   * Z_A needs the signer's public key, and deriving it is a second scalar multiplication per
   * signature: the cache doubles signing speed (≈ 1,500 → 3,000 signatures/s, measured). A hit
   * counts only if the array still holds the same key (same SM3 fingerprint), so a caller that
   * overwrites its array in place gets a fresh derivation. Cached keys never leave the suite.
   */
  readonly #publicKeys = new WeakMap<Uint8Array, { readonly fingerprint: Uint8Array; readonly publicKey: Uint8Array }>();

  constructor(options: Readonly<SmSuiteOptions>) {
    this.#engine = options.engine;
    this.#keyEncoding = options.keyEncoding;
  }

  hash(data: Uint8Array): Uint8Array {
    assertBytes('data', data);
    return sm3(data);
  }

  pseudonym(key: Uint8Array, data: Uint8Array): Uint8Array {
    assertBytes('key', key, { min: MIN_PSEUDONYM_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    assertBytes('data', data);
    return hmacSm3(key, data);
  }

  generateKeyPair(): KeyPair {
    const privateKey = this.#engine.generatePrivateKey();
    return { privateKey, publicKey: this.#engine.publicKeyOf(privateKey) };
  }

  publicKeyOf(privateKey: Uint8Array): Uint8Array {
    return this.#engine.publicKeyOf(privateKey);
  }

  sign(privateKey: Uint8Array, message: Uint8Array, options?: SignOptions): Uint8Array {
    assertBytes('message', message);
    const userId = options?.userId ?? DEFAULT_USER_ID;
    assertBytes('userId', userId);
    return encodeSm2Signature(this.#engine.sign(privateKey, message, userId, this.#signerPublicKey(privateKey)));
  }

  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, options?: SignOptions): boolean {
    return verifyEncodedSm2(this.#engine, publicKey, message, signature, options?.userId ?? DEFAULT_USER_ID);
  }

  encrypt(key: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array {
    assertBytes('key', key, { length: SM4_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    assertBytes('plaintext', plaintext);
    const nonce = randomBytes(NONCE_LENGTH);
    const { ciphertext, tag } = sm4GcmEncrypt(key, nonce, plaintext, optionalBytes('associatedData', associatedData));
    return new Uint8Array(Buffer.concat([nonce, ciphertext, tag]));
  }

  decrypt(key: Uint8Array, sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array {
    assertBytes('key', key, { length: SM4_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    assertBytes('sealed', sealed);
    const aad = optionalBytes('associatedData', associatedData);
    if (sealed.length < NONCE_LENGTH + GCM_TAG_LENGTH) {
      throw new CryptoError('SM4-GCM authentication failed', { code: 'CRYPTO_AUTHENTICATION_FAILED' });
    }
    const nonce = sealed.subarray(0, NONCE_LENGTH);
    const ciphertext = sealed.subarray(NONCE_LENGTH, sealed.length - GCM_TAG_LENGTH);
    const tag = sealed.subarray(sealed.length - GCM_TAG_LENGTH);
    return sm4GcmDecrypt(key, nonce, ciphertext, tag, aad);
  }

  exportPrivateKeyPem(privateKey: Uint8Array): string {
    const publicKey = this.#engine.publicKeyOf(privateKey);
    return encodePem('PRIVATE KEY', encodeEcPrivateKey(this.#keyEncoding, privateKey, publicKey));
  }

  exportPublicKeyPem(publicKey: Uint8Array): string {
    this.#engine.assertPublicKey(publicKey);
    return encodePem('PUBLIC KEY', encodeEcPublicKey(this.#keyEncoding, publicKey));
  }

  importPrivateKey(pemOrDer: string | Uint8Array): Uint8Array {
    const der = derOf(pemOrDer, 'PRIVATE KEY');
    return parseKey('SM2 private key', () => {
      const { privateKey, publicKey } = decodeEcPrivateKey(this.#keyEncoding, der);
      const derived = this.#engine.publicKeyOf(privateKey);
      if (publicKey !== undefined && Buffer.compare(publicKey, derived) !== 0) {
        throw new CryptoError('the stored public key does not match the private key', { code: 'CRYPTO_KEY_FORMAT' });
      }
      return privateKey;
    });
  }

  importPublicKey(pemOrDer: string | Uint8Array): Uint8Array {
    const der = derOf(pemOrDer, 'PUBLIC KEY');
    return parseKey('SM2 public key', () => {
      const publicKey = decodeEcPublicKey(this.#keyEncoding, der);
      this.#engine.assertPublicKey(publicKey);
      return new Uint8Array(publicKey);
    });
  }

  #signerPublicKey(privateKey: Uint8Array): Uint8Array {
    assertBytes('privateKey', privateKey, { length: this.#engine.privateKeyLength, code: 'CRYPTO_KEY_LENGTH' });
    const fingerprint = sm3(privateKey);
    const cached = this.#publicKeys.get(privateKey);
    if (cached !== undefined && timingSafeEqual(cached.fingerprint, fingerprint)) return cached.publicKey;
    const publicKey = this.#engine.publicKeyOf(privateKey);
    this.#publicKeys.set(privateKey, { fingerprint, publicKey });
    return publicKey;
  }
}
