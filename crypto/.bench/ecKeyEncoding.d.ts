/** id-ecPublicKey (RFC 5480 §2.1.1). */
export declare const ID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
/** What the EC key encodings need to know of a curve. */
export interface NamedCurveEncoding {
    /** The namedCurve OID, e.g. `1.2.156.10197.1.301` for sm2p256v1. */
    readonly oid: string;
    /** Private scalar length in bytes, ⌈log2(n) / 8⌉ (RFC 5915 §3). */
    readonly scalarLength: number;
    /** Uncompressed point length in bytes, 1 + 2 × field length. */
    readonly pointLength: number;
}
/** A private key decoded from PKCS#8. */
export interface DecodedEcPrivateKey {
    /** The scalar, big-endian, `scalarLength` bytes. */
    readonly privateKey: Uint8Array;
    /** The public point stored beside it, when present (the caller checks it). */
    readonly publicKey: Uint8Array | undefined;
}
/**
 * SubjectPublicKeyInfo of an uncompressed point.
 * @param curve - the named curve.
 * @param publicKey - `04 ‖ x ‖ y`.
 * @returns the DER.
 */
export declare function encodeEcPublicKey(curve: NamedCurveEncoding, publicKey: Uint8Array): Uint8Array;
/**
 * The point of a SubjectPublicKeyInfo on `curve` (not yet checked to lie on the curve).
 * @param curve - the named curve.
 * @param der - the DER.
 * @returns `04 ‖ x ‖ y`.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or curve, a malformed
 *   encoding or a point that is not uncompressed of the curve's size.
 */
export declare function decodeEcPublicKey(curve: NamedCurveEncoding, der: Uint8Array): Uint8Array;
/**
 * PKCS#8 of a private scalar with its public point.
 * @param curve - the named curve.
 * @param privateKey - the scalar, `scalarLength` bytes.
 * @param publicKey - `04 ‖ x ‖ y`.
 * @returns the DER.
 */
export declare function encodeEcPrivateKey(curve: NamedCurveEncoding, privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array;
/**
 * The scalar (and the stored public point) of a PKCS#8 EC private key on `curve`.
 * @param curve - the named curve.
 * @param der - the DER.
 * @returns the scalar, left-padded to `scalarLength`, and the public point if present.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or curve, or a malformed encoding.
 */
export declare function decodeEcPrivateKey(curve: NamedCurveEncoding, der: Uint8Array): DecodedEcPrivateKey;
//# sourceMappingURL=ecKeyEncoding.d.ts.map