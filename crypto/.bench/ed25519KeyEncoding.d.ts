/** id-Ed25519 (RFC 8410 §3). */
export declare const ID_ED25519 = "1.3.101.112";
/** Seed and public key length in bytes (RFC 8032 §5.1.5). */
export declare const ED25519_KEY_LENGTH = 32;
/** A private key decoded from PKCS#8. */
export interface DecodedEd25519PrivateKey {
    /** The 32-byte seed. */
    readonly privateKey: Uint8Array;
    /** The public key of a version-2 OneAsymmetricKey, when present (the caller checks it). */
    readonly publicKey: Uint8Array | undefined;
}
/**
 * SubjectPublicKeyInfo of an Ed25519 public key (RFC 8410 §4).
 * @param publicKey - 32 bytes.
 * @returns the DER.
 */
export declare function encodeEd25519PublicKey(publicKey: Uint8Array): Uint8Array;
/**
 * The public key of an Ed25519 SubjectPublicKeyInfo.
 * @param der - the DER.
 * @returns 32 bytes.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or a malformed encoding.
 */
export declare function decodeEd25519PublicKey(der: Uint8Array): Uint8Array;
/**
 * PKCS#8 (version 1, no public key) of an Ed25519 seed, as OpenSSL writes it (RFC 8410 §7).
 * @param seed - 32 bytes.
 * @returns the DER.
 */
export declare function encodeEd25519PrivateKey(seed: Uint8Array): Uint8Array;
/**
 * The seed (and public key, if stored) of an Ed25519 PKCS#8 / OneAsymmetricKey.
 * @param der - the DER.
 * @returns the seed and the optional public key.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or a malformed encoding.
 */
export declare function decodeEd25519PrivateKey(der: Uint8Array): DecodedEd25519PrivateKey;
//# sourceMappingURL=ed25519KeyEncoding.d.ts.map