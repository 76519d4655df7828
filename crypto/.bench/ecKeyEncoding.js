"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ID_EC_PUBLIC_KEY = void 0;
exports.encodeEcPublicKey = encodeEcPublicKey;
exports.decodeEcPublicKey = decodeEcPublicKey;
exports.encodeEcPrivateKey = encodeEcPrivateKey;
exports.decodeEcPrivateKey = decodeEcPrivateKey;
/**
 * Elliptic-curve keys on a named curve, in the encodings every toolkit reads:
 * - public key: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) with AlgorithmIdentifier
 *   id-ecPublicKey and ECParameters namedCurve (RFC 5480 §2.1.1), uncompressed point (§2.2);
 * - private key: PKCS#8 PrivateKeyInfo (RFC 5208 §5, RFC 5958 §2) with the same
 *   AlgorithmIdentifier, wrapping an ECPrivateKey (RFC 5915 §3) that carries the public key.
 *
 * Generic over the curve: the curve's OID and sizes are parameters (for SM2, `sm2p256v1.ts`).
 * Inside PKCS#8 the ECPrivateKey omits `parameters`, as OpenSSL and Go write it, since the
 * AlgorithmIdentifier already names the curve; so the output is byte-identical to OpenSSL's.
 */
const cryptoError_1 = require("./cryptoError");
const der_1 = require("./der");
/** id-ecPublicKey (RFC 5480 §2.1.1). */
exports.ID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/**
 * SubjectPublicKeyInfo of an uncompressed point.
 * @param curve - the named curve.
 * @param publicKey - `04 ‖ x ‖ y`.
 * @returns the DER.
 */
function encodeEcPublicKey(curve, publicKey) {
    return (0, der_1.derSequence)(algorithmIdentifier(curve), (0, der_1.derBitString)(publicKey));
}
/**
 * The point of a SubjectPublicKeyInfo on `curve` (not yet checked to lie on the curve).
 * @param curve - the named curve.
 * @param der - the DER.
 * @returns `04 ‖ x ‖ y`.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or curve, a malformed
 *   encoding or a point that is not uncompressed of the curve's size.
 */
function decodeEcPublicKey(curve, der) {
    const spki = (0, der_1.readDer)(der);
    readAlgorithmIdentifier(curve, spki.readSequence());
    const point = spki.readBitString();
    spki.end();
    assertPoint(curve, point);
    return point;
}
/**
 * PKCS#8 of a private scalar with its public point.
 * @param curve - the named curve.
 * @param privateKey - the scalar, `scalarLength` bytes.
 * @param publicKey - `04 ‖ x ‖ y`.
 * @returns the DER.
 */
function encodeEcPrivateKey(curve, privateKey, publicKey) {
    const ecPrivateKey = (0, der_1.derSequence)((0, der_1.derInteger)(1n), (0, der_1.derOctetString)(privateKey), (0, der_1.derElement)((0, der_1.contextTag)(1, true), (0, der_1.derBitString)(publicKey)));
    return (0, der_1.derSequence)((0, der_1.derInteger)(0n), algorithmIdentifier(curve), (0, der_1.derOctetString)(ecPrivateKey));
}
/**
 * The scalar (and the stored public point) of a PKCS#8 EC private key on `curve`.
 * @param curve - the named curve.
 * @param der - the DER.
 * @returns the scalar, left-padded to `scalarLength`, and the public point if present.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or curve, or a malformed encoding.
 */
function decodeEcPrivateKey(curve, der) {
    const info = (0, der_1.readDer)(der);
    const version = info.readInteger();
    if (version !== 0n && version !== 1n)
        keyFormat(`unsupported PKCS#8 version ${version}`);
    readAlgorithmIdentifier(curve, info.readSequence());
    const inner = (0, der_1.readDer)(info.readOctetString());
    info.readOptional((0, der_1.contextTag)(0, true)); // attributes: ignored
    if (version === 1n)
        info.readOptional((0, der_1.contextTag)(1, false)); // OneAsymmetricKey publicKey: the inner one is used
    info.end();
    if (inner.readInteger() !== 1n)
        keyFormat('unsupported ECPrivateKey version');
    const scalar = inner.readOctetString();
    if (scalar.length === 0 || scalar.length > curve.scalarLength) {
        keyFormat(`expected a ${curve.scalarLength}-byte private scalar, got ${scalar.length} bytes`);
    }
    const parameters = inner.readOptional((0, der_1.contextTag)(0, true));
    if (parameters !== undefined) {
        const named = new der_1.DerReader(parameters);
        assertCurveOid(curve, named.readObjectIdentifier());
        named.end();
    }
    const publicKeyField = inner.readOptional((0, der_1.contextTag)(1, true));
    inner.end();
    let publicKey;
    if (publicKeyField !== undefined) {
        const field = new der_1.DerReader(publicKeyField);
        publicKey = field.readBitString();
        field.end();
        assertPoint(curve, publicKey);
    }
    const privateKey = new Uint8Array(curve.scalarLength);
    privateKey.set(scalar, curve.scalarLength - scalar.length);
    return { privateKey, publicKey };
}
function algorithmIdentifier(curve) {
    return (0, der_1.derSequence)((0, der_1.derObjectIdentifier)(exports.ID_EC_PUBLIC_KEY), (0, der_1.derObjectIdentifier)(curve.oid));
}
function readAlgorithmIdentifier(curve, algorithm) {
    const oid = algorithm.readObjectIdentifier();
    if (oid !== exports.ID_EC_PUBLIC_KEY)
        keyFormat(`expected algorithm id-ecPublicKey (${exports.ID_EC_PUBLIC_KEY}), got ${oid}`);
    assertCurveOid(curve, algorithm.readObjectIdentifier());
    algorithm.end();
}
function assertCurveOid(curve, oid) {
    if (oid !== curve.oid)
        keyFormat(`expected namedCurve ${curve.oid}, got ${oid}`);
}
function assertPoint(curve, point) {
    if (point.length !== curve.pointLength || point[0] !== 0x04) {
        keyFormat(`expected an uncompressed ${curve.pointLength}-byte point, got ${point.length} bytes starting 0x${(point[0] ?? 0).toString(16)}`);
    }
}
function keyFormat(message) {
    throw new cryptoError_1.CryptoError(message, { code: 'CRYPTO_KEY_FORMAT' });
}
//# sourceMappingURL=ecKeyEncoding.js.map