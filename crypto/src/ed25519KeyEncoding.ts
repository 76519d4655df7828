/**
 * Ed25519 keys as RFC 8410 encodes them: SubjectPublicKeyInfo (§4) and PKCS#8 / OneAsymmetricKey
 * (§7, RFC 5958) with AlgorithmIdentifier id-Ed25519 = 1.3.101.112 and parameters absent (§3);
 * the private key is the 32-byte seed wrapped in an inner OCTET STRING (CurvePrivateKey).
 */
import { CryptoError } from './cryptoError';
import { contextTag, DerReader, derBitString, derInteger, derObjectIdentifier, derOctetString, derSequence, readDer } from './der';

/** id-Ed25519 (RFC 8410 §3). */
export const ID_ED25519 = '1.3.101.112';
/** Seed and public key length in bytes (RFC 8032 §5.1.5). */
export const ED25519_KEY_LENGTH = 32;

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
export function encodeEd25519PublicKey(publicKey: Uint8Array): Uint8Array {
  return derSequence(derSequence(derObjectIdentifier(ID_ED25519)), derBitString(publicKey));
}

/**
 * The public key of an Ed25519 SubjectPublicKeyInfo.
 * @param der - the DER.
 * @returns 32 bytes.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or a malformed key;
 *   `CRYPTO_INVALID_ARGUMENT` from the DER reader for malformed DER (the suites report both as
 *   `CRYPTO_KEY_FORMAT`).
 */
export function decodeEd25519PublicKey(der: Uint8Array): Uint8Array {
  const spki = readDer(der);
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
export function encodeEd25519PrivateKey(seed: Uint8Array): Uint8Array {
  return derSequence(derInteger(0n), derSequence(derObjectIdentifier(ID_ED25519)), derOctetString(derOctetString(seed)));
}

/**
 * The seed (and public key, if stored) of an Ed25519 PKCS#8 / OneAsymmetricKey.
 * @param der - the DER.
 * @returns the seed and the optional public key.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or a malformed key;
 *   `CRYPTO_INVALID_ARGUMENT` from the DER reader for malformed DER (the suites report both as
 *   `CRYPTO_KEY_FORMAT`).
 */
export function decodeEd25519PrivateKey(der: Uint8Array): DecodedEd25519PrivateKey {
  const info = readDer(der);
  const version = info.readInteger();
  if (version !== 0n && version !== 1n) keyFormat(`unsupported PKCS#8 version ${version}`);
  readAlgorithmIdentifier(info.readSequence());
  const curvePrivateKey = new DerReader(info.readOctetString());
  const privateKey = curvePrivateKey.readOctetString();
  curvePrivateKey.end();
  assertLength('private key', privateKey);
  info.readOptional(contextTag(0, true)); // attributes: ignored
  const publicKey = version === 1n ? info.readOptional(contextTag(1, false)) : undefined;
  info.end();
  if (publicKey === undefined) return { privateKey, publicKey };
  if (publicKey[0] !== 0) keyFormat('public key BIT STRING with unused bits');
  const key = publicKey.subarray(1);
  assertLength('public key', key);
  return { privateKey, publicKey: key };
}

function readAlgorithmIdentifier(algorithm: DerReader): void {
  const oid = algorithm.readObjectIdentifier();
  if (oid !== ID_ED25519) keyFormat(`expected algorithm id-Ed25519 (${ID_ED25519}), got ${oid}`);
  algorithm.end(); // RFC 8410 §3: parameters MUST be absent
}

function assertLength(what: string, key: Uint8Array): void {
  if (key.length !== ED25519_KEY_LENGTH) keyFormat(`expected a ${ED25519_KEY_LENGTH}-byte ${what}, got ${key.length} bytes`);
}

function keyFormat(message: string): never {
  throw new CryptoError(message, { code: 'CRYPTO_KEY_FORMAT' });
}
