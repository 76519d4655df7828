/**
 * The one seam through which SuiTrust hashes, signs, encrypts and pseudonymises.
 *
 * Two suites implement it (DESIGN.md, "Crypto suites"): `sm` (SM3, SM2 with the Z_A
 * user-ID digest, SM4-GCM, HMAC-SM3) and `std` (SHA-256, Ed25519, XChaCha20-Poly1305,
 * HMAC-SHA-256). Call sites receive a suite from configuration and never name an algorithm.
 */

/** The configured suite's name. */
export type SuiteName = 'sm' | 'std';

/** A private and public key of the suite's signature algorithm, as raw bytes. */
export interface KeyPair {
  /** Raw private key: the 32-byte scalar (SM2) or the 32-byte seed (Ed25519). */
  readonly privateKey: Uint8Array;
  /** Raw public key: the 65-byte uncompressed point `04‖x‖y` (SM2) or 32 bytes (Ed25519). */
  readonly publicKey: Uint8Array;
}

/** Options of {@link CryptoSuite.sign} and {@link CryptoSuite.verify}. */
export interface SignOptions {
  /**
   * The signer's distinguishing identifier, hashed into Z_A by SM2 (GB/T 32918.2 §5.5);
   * defaults to `1234567812345678`. Ignored by the `std` suite.
   */
  readonly userId?: Uint8Array;
}

/** One suite of algorithms behind a single interface. */
export interface CryptoSuite {
  /** `sm` or `std`. */
  readonly name: SuiteName;
  /** The hash algorithm's name as it appears in records and proofs: `sm3` or `sha256`. */
  readonly hashAlgorithm: 'sm3' | 'sha256';
  /** The signature algorithm's name as it appears in records and proofs: `sm2` or `ed25519`. */
  readonly signatureAlgorithm: 'sm2' | 'ed25519';
  /** Digest length in bytes (32 for both suites). */
  readonly hashLength: number;

  /** Hashes `data` with the suite's hash. */
  hash(data: Uint8Array): Uint8Array;

  /**
   * Keyed pseudonym (HMAC with the suite's hash) of `data`, so that nobody without `key`
   * can enumerate identifiers by hashing candidates.
   * @throws {CryptoError} `CRYPTO_KEY_LENGTH` when `key` is shorter than 16 bytes.
   */
  pseudonym(key: Uint8Array, data: Uint8Array): Uint8Array;

  /** Generates a fresh signature key pair from a cryptographic random source. */
  generateKeyPair(): KeyPair;

  /** Derives the raw public key of a raw private key. */
  publicKeyOf(privateKey: Uint8Array): Uint8Array;

  /**
   * Signs `message` (never a pre-computed digest). SM2 signatures are DER
   * `SEQUENCE { r, s }` (GM/T 0009) and never low-S normalised; Ed25519 signatures are 64 bytes.
   */
  sign(privateKey: Uint8Array, message: Uint8Array, options?: SignOptions): Uint8Array;

  /** Verifies a signature made by {@link CryptoSuite.sign}; false for any malformed input. */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array, options?: SignOptions): boolean;

  /** Length in bytes of the keys {@link CryptoSuite.encrypt} takes (16 for SM4, 32 for XChaCha20). */
  readonly encryptionKeyLength: number;

  /**
   * Authenticated encryption with a fresh random nonce; returns `nonce ‖ ciphertext ‖ tag`.
   * @throws {CryptoError} `CRYPTO_KEY_LENGTH` when `key` has the wrong length.
   */
  encrypt(key: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Uint8Array;

  /**
   * Opens what {@link CryptoSuite.encrypt} sealed.
   * @throws {CryptoError} `CRYPTO_AUTHENTICATION_FAILED` when the tag, nonce, data or key do not match.
   */
  decrypt(key: Uint8Array, sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array;

  /** PKCS#8 PEM of a private key (SM2: id-ecPublicKey with curve OID 1.2.156.10197.1.301). */
  exportPrivateKeyPem(privateKey: Uint8Array): string;
  /** SubjectPublicKeyInfo PEM of a public key. */
  exportPublicKeyPem(publicKey: Uint8Array): string;
  /**
   * Raw private key from PKCS#8 PEM or DER.
   * @throws {CryptoError} `CRYPTO_KEY_FORMAT` when the key is not of this suite's algorithm.
   */
  importPrivateKey(pemOrDer: string | Uint8Array): Uint8Array;
  /**
   * Raw public key from SubjectPublicKeyInfo PEM or DER.
   * @throws {CryptoError} `CRYPTO_KEY_FORMAT` when the key is not of this suite's algorithm.
   */
  importPublicKey(pemOrDer: string | Uint8Array): Uint8Array;
}
