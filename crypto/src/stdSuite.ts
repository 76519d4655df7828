/**
 * The `std` suite (DESIGN.md, "Crypto suites"): SHA-256 (FIPS 180-4), Ed25519 (RFC 8032
 * §5.1), XChaCha20-Poly1305-IETF (draft-irtf-cfrg-xchacha, RFC 8439 AEAD) and HMAC-SHA-256
 * (RFC 2104). Signatures and encryption come from libsodium; hashes from node:crypto.
 *
 * libsodium (a WebAssembly module of ~½ MiB) is loaded only by {@link createStdSuite}, so a
 * process configured for the `sm` suite never loads it (`suites.dependency.test.ts` proves it).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { assertBytes, optionalBytes } from './assertBytes';
import { CryptoError } from './cryptoError';
import type { CryptoSuite, KeyPair, SignOptions } from './cryptoSuite';
import { decodeEd25519PrivateKey, decodeEd25519PublicKey, ED25519_KEY_LENGTH, encodeEd25519PrivateKey, encodeEd25519PublicKey } from './ed25519KeyEncoding';
import { parseKey } from './parseKey';
import { derOf, encodePem } from './pem';

/** The libsodium-wrappers API, typed from its CommonJS declaration (the full object). */
type Sodium = typeof import('libsodium-wrappers');

/** XChaCha20-Poly1305 key, nonce and tag lengths (libsodium `crypto_aead_xchacha20poly1305_ietf_*`). */
const KEY_LENGTH = 32;
const NONCE_LENGTH = 24;
const TAG_LENGTH = 16;
/** Ed25519 signature length (RFC 8032 §5.1.6). */
const SIGNATURE_LENGTH = 64;
const SHA256_LENGTH = 32;
const MIN_PSEUDONYM_KEY_LENGTH = 16;

/**
 * Loads libsodium and creates the `std` suite.
 * @returns the suite, once libsodium is ready.
 * @throws {Error} when libsodium cannot be loaded.
 * @example
 * ```ts
 * const suite = await createStdSuite();
 * const sealed = suite.encrypt(key, plaintext); // nonce ‖ ciphertext ‖ tag
 * ```
 */
export async function createStdSuite(): Promise<CryptoSuite> {
  return new StdSuite({ sodium: await loadSodium() });
}

/**
 * libsodium-wrappers through a dynamic import, kept as `import()` in the CommonJS output.
 * Its ESM build exposes the API on the default export, filled in once `ready` resolves.
 */
async function loadSodium(): Promise<Sodium> {
  const module: unknown = await import('libsodium-wrappers');
  const sodium = (module as { default?: Sodium }).default ?? (module as Sodium);
  await sodium.ready;
  if (typeof sodium.crypto_sign_detached !== 'function') throw new Error('libsodium-wrappers: API missing after ready');
  return sodium;
}

/** Options of {@link StdSuite}. */
interface StdSuiteOptions {
  /** A ready libsodium. */
  readonly sodium: Sodium;
}

class StdSuite implements CryptoSuite {
  readonly name = 'std';
  readonly hashAlgorithm = 'sha256';
  readonly signatureAlgorithm = 'ed25519';
  readonly hashLength = SHA256_LENGTH;
  readonly encryptionKeyLength = KEY_LENGTH;
  readonly #sodium: Sodium;

  constructor(options: Readonly<StdSuiteOptions>) {
    this.#sodium = options.sodium;
  }

  hash(data: Uint8Array): Uint8Array {
    assertBytes('data', data);
    return new Uint8Array(createHash('sha256').update(data).digest());
  }

  pseudonym(key: Uint8Array, data: Uint8Array): Uint8Array {
    assertBytes('key', key, { min: MIN_PSEUDONYM_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    assertBytes('data', data);
    return new Uint8Array(createHmac('sha256', key).update(data).digest());
  }

  generateKeyPair(): KeyPair {
    const privateKey = new Uint8Array(randomBytes(ED25519_KEY_LENGTH));
    return { privateKey, publicKey: this.publicKeyOf(privateKey) };
  }

  publicKeyOf(privateKey: Uint8Array): Uint8Array {
    return this.#keyPair(privateKey).publicKey;
  }

  sign(privateKey: Uint8Array, message: Uint8Array, _options?: SignOptions): Uint8Array {
    assertBytes('message', message);
    const { privateKey: expanded } = this.#keyPair(privateKey);
    return this.#sodium.crypto_sign_detached(message, expanded);
  }

  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, _options?: SignOptions): boolean {
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_KEY_LENGTH) return false;
    if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_LENGTH) return false;
    if (!(message instanceof Uint8Array)) return false;
    try {
      return this.#sodium.crypto_sign_verify_detached(signature, message, publicKey);
    } catch {
      return false;
    }
  }

  encrypt(key: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array {
    assertBytes('key', key, { length: KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    assertBytes('plaintext', plaintext);
    const aad = optionalBytes('associatedData', associatedData);
    const nonce = new Uint8Array(randomBytes(NONCE_LENGTH));
    const sealed = this.#sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, null, nonce, key);
    const out = new Uint8Array(NONCE_LENGTH + sealed.length);
    out.set(nonce);
    out.set(sealed, NONCE_LENGTH);
    return out;
  }

  decrypt(key: Uint8Array, sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array {
    assertBytes('key', key, { length: KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    assertBytes('sealed', sealed);
    const aad = optionalBytes('associatedData', associatedData);
    if (sealed.length < NONCE_LENGTH + TAG_LENGTH) {
      throw new CryptoError('XChaCha20-Poly1305 authentication failed', { code: 'CRYPTO_AUTHENTICATION_FAILED' });
    }
    try {
      return this.#sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.subarray(NONCE_LENGTH), aad, sealed.subarray(0, NONCE_LENGTH), key);
    } catch (err) {
      throw new CryptoError('XChaCha20-Poly1305 authentication failed', { code: 'CRYPTO_AUTHENTICATION_FAILED', cause: err });
    }
  }

  exportPrivateKeyPem(privateKey: Uint8Array): string {
    assertBytes('privateKey', privateKey, { length: ED25519_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    return encodePem('PRIVATE KEY', encodeEd25519PrivateKey(privateKey));
  }

  exportPublicKeyPem(publicKey: Uint8Array): string {
    assertBytes('publicKey', publicKey, { length: ED25519_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    return encodePem('PUBLIC KEY', encodeEd25519PublicKey(publicKey));
  }

  importPrivateKey(pemOrDer: string | Uint8Array): Uint8Array {
    const der = derOf(pemOrDer, 'PRIVATE KEY');
    return parseKey('Ed25519 private key', () => {
      const { privateKey, publicKey } = decodeEd25519PrivateKey(der);
      if (publicKey !== undefined && Buffer.compare(publicKey, this.publicKeyOf(privateKey)) !== 0) {
        throw new CryptoError('the stored public key does not match the private key', { code: 'CRYPTO_KEY_FORMAT' });
      }
      return new Uint8Array(privateKey);
    });
  }

  importPublicKey(pemOrDer: string | Uint8Array): Uint8Array {
    const der = derOf(pemOrDer, 'PUBLIC KEY');
    return parseKey('Ed25519 public key', () => new Uint8Array(decodeEd25519PublicKey(der)));
  }

  /** The 32-byte seed expanded to libsodium's (seed ‖ public key) secret key, RFC 8032 §5.1.5. */
  #keyPair(seed: Uint8Array): { readonly privateKey: Uint8Array; readonly publicKey: Uint8Array } {
    assertBytes('privateKey', seed, { length: ED25519_KEY_LENGTH, code: 'CRYPTO_KEY_LENGTH' });
    return this.#sodium.crypto_sign_seed_keypair(seed);
  }
}
