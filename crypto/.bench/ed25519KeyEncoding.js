"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ED25519_KEY_LENGTH = exports.ID_ED25519 = void 0;
exports.encodeEd25519PublicKey = encodeEd25519PublicKey;
exports.decodeEd25519PublicKey = decodeEd25519PublicKey;
exports.encodeEd25519PrivateKey = encodeEd25519PrivateKey;
exports.decodeEd25519PrivateKey = decodeEd25519PrivateKey;
/**
 * Ed25519 keys as RFC 8410 encodes them: SubjectPublicKeyInfo (§4) and PKCS#8 / OneAsymmetricKey
 * (§7, RFC 5958) with AlgorithmIdentifier id-Ed25519 = 1.3.101.112 and parameters absent (§3);
 * the private key is the 32-byte seed wrapped in an inner OCTET STRING (CurvePrivateKey).
 */
const cryptoError_1 = require("./cryptoError");
const der_1 = require("./der");
/** id-Ed25519 (RFC 8410 §3). */
exports.ID_ED25519 = '1.3.101.112';
/** Seed and public key length in bytes (RFC 8032 §5.1.5). */
exports.ED25519_KEY_LENGTH = 32;
/**
 * SubjectPublicKeyInfo of an Ed25519 public key (RFC 8410 §4).
 * @param publicKey - 32 bytes.
 * @returns the DER.
 */
function encodeEd25519PublicKey(publicKey) {
    return (0, der_1.derSequence)((0, der_1.derSequence)((0, der_1.derObjectIdentifier)(exports.ID_ED25519)), (0, der_1.derBitString)(publicKey));
}
/**
 * The public key of an Ed25519 SubjectPublicKeyInfo.
 * @param der - the DER.
 * @returns 32 bytes.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or a malformed encoding.
 */
function decodeEd25519PublicKey(der) {
    const spki = (0, der_1.readDer)(der);
    readAlgorithmIdentifier(spki.readSequence());
    const key = spki.readBitString();
    spki.end();
    assertLength('public key', key);
    return key;
}
/**
 * PKCS#8 (version 1, no public key) of an Ed25519 seed, as OpenSSL writes it (RFC 8410 §7).
 * @param seed - 32 bytes.
 * @returns the DER.
 */
function encodeEd25519PrivateKey(seed) {
    return (0, der_1.derSequence)((0, der_1.derInteger)(0n), (0, der_1.derSequence)((0, der_1.derObjectIdentifier)(exports.ID_ED25519)), (0, der_1.derOctetString)((0, der_1.derOctetString)(seed)));
}
/**
 * The seed (and public key, if stored) of an Ed25519 PKCS#8 / OneAsymmetricKey.
 * @param der - the DER.
 * @returns the seed and the optional public key.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or a malformed encoding.
 */
function decodeEd25519PrivateKey(der) {
    const info = (0, der_1.readDer)(der);
    const version = info.readInteger();
    if (version !== 0n && version !== 1n)
        keyFormat(`unsupported PKCS#8 version ${version}`);
    readAlgorithmIdentifier(info.readSequence());
    const curvePrivateKey = new der_1.DerReader(info.readOctetString());
    const privateKey = curvePrivateKey.readOctetString();
    curvePrivateKey.end();
    assertLength('private key', privateKey);
    info.readOptional((0, der_1.contextTag)(0, true)); // attributes: ignored
    const publicKey = version === 1n ? info.readOptional((0, der_1.contextTag)(1, false)) : undefined;
    info.end();
    if (publicKey === undefined)
        return { privateKey, publicKey };
    if (publicKey[0] !== 0)
        keyFormat('public key BIT STRING with unused bits');
    const key = publicKey.subarray(1);
    assertLength('public key', key);
    return { privateKey, publicKey: key };
}
function readAlgorithmIdentifier(algorithm) {
    const oid = algorithm.readObjectIdentifier();
    if (oid !== exports.ID_ED25519)
        keyFormat(`expected algorithm id-Ed25519 (${exports.ID_ED25519}), got ${oid}`);
    algorithm.end(); // RFC 8410 §3: parameters MUST be absent
}
function assertLength(what, key) {
    if (key.length !== exports.ED25519_KEY_LENGTH)
        keyFormat(`expected a ${exports.ED25519_KEY_LENGTH}-byte ${what}, got ${key.length} bytes`);
}
function keyFormat(message) {
    throw new cryptoError_1.CryptoError(message, { code: 'CRYPTO_KEY_FORMAT' });
}
//# sourceMappingURL=ed25519KeyEncoding.js.map