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
import { CryptoError } from './cryptoError';
import {
  contextTag,
  derBitString,
  derInteger,
  derObjectIdentifier,
  derOctetString,
  derElement,
  derSequence,
  DerReader,
  readDer,
} from './der';

/** id-ecPublicKey (RFC 5480 §2.1.1). */
export const ID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

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
export function encodeEcPublicKey(curve: NamedCurveEncoding, publicKey: Uint8Array): Uint8Array {
  return derSequence(algorithmIdentifier(curve), derBitString(publicKey));
}

/**
 * The point of a SubjectPublicKeyInfo on `curve` (not yet checked to lie on the curve).
 * @param curve - the named curve.
 * @param der - the DER.
 * @returns `04 ‖ x ‖ y`.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or curve, or a point that
 *   is not uncompressed of the curve's size; `CRYPTO_INVALID_ARGUMENT` from the DER reader for
 *   malformed DER (the suites report both as `CRYPTO_KEY_FORMAT`).
 */
export function decodeEcPublicKey(curve: NamedCurveEncoding, der: Uint8Array): Uint8Array {
  const spki = readDer(der);
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
export function encodeEcPrivateKey(curve: NamedCurveEncoding, privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const ecPrivateKey = derSequence(
    derInteger(1n),
    derOctetString(privateKey),
    derElement(contextTag(1, true), derBitString(publicKey)),
  );
  return derSequence(derInteger(0n), algorithmIdentifier(curve), derOctetString(ecPrivateKey));
}

/**
 * The scalar (and the stored public point) of a PKCS#8 EC private key on `curve`.
 * @param curve - the named curve.
 * @param der - the DER.
 * @returns the scalar, left-padded to `scalarLength`, and the public point if present.
 * @throws {CryptoError} `CRYPTO_KEY_FORMAT` for another algorithm or curve, or a malformed key;
 *   `CRYPTO_INVALID_ARGUMENT` from the DER reader for malformed DER (the suites report both as
 *   `CRYPTO_KEY_FORMAT`).
 */
export function decodeEcPrivateKey(curve: NamedCurveEncoding, der: Uint8Array): DecodedEcPrivateKey {
  const info = readDer(der);
  const version = info.readInteger();
  if (version !== 0n && version !== 1n) keyFormat(`unsupported PKCS#8 version ${version}`);
  readAlgorithmIdentifier(curve, info.readSequence());
  const inner = readDer(info.readOctetString());
  info.readOptional(contextTag(0, true)); // attributes: ignored
  if (version === 1n) info.readOptional(contextTag(1, false)); // OneAsymmetricKey publicKey: the inner one is used
  info.end();

  if (inner.readInteger() !== 1n) keyFormat('unsupported ECPrivateKey version');
  const scalar = inner.readOctetString();
  if (scalar.length === 0 || scalar.length > curve.scalarLength) {
    keyFormat(`expected a ${curve.scalarLength}-byte private scalar, got ${scalar.length} bytes`);
  }
  const parameters = inner.readOptional(contextTag(0, true));
  if (parameters !== undefined) {
    const named = new DerReader(parameters);
    assertCurveOid(curve, named.readObjectIdentifier());
    named.end();
  }
  const publicKeyField = inner.readOptional(contextTag(1, true));
  inner.end();
  let publicKey: Uint8Array | undefined;
  if (publicKeyField !== undefined) {
    const field = new DerReader(publicKeyField);
    publicKey = field.readBitString();
    field.end();
    assertPoint(curve, publicKey);
  }
  const privateKey = new Uint8Array(curve.scalarLength);
  privateKey.set(scalar, curve.scalarLength - scalar.length);
  return { privateKey, publicKey };
}

function algorithmIdentifier(curve: NamedCurveEncoding): Uint8Array {
  return derSequence(derObjectIdentifier(ID_EC_PUBLIC_KEY), derObjectIdentifier(curve.oid));
}

function readAlgorithmIdentifier(curve: NamedCurveEncoding, algorithm: DerReader): void {
  const oid = algorithm.readObjectIdentifier();
  if (oid !== ID_EC_PUBLIC_KEY) keyFormat(`expected algorithm id-ecPublicKey (${ID_EC_PUBLIC_KEY}), got ${oid}`);
  assertCurveOid(curve, algorithm.readObjectIdentifier());
  algorithm.end();
}

function assertCurveOid(curve: NamedCurveEncoding, oid: string): void {
  if (oid !== curve.oid) keyFormat(`expected namedCurve ${curve.oid}, got ${oid}`);
}

function assertPoint(curve: NamedCurveEncoding, point: Uint8Array): void {
  if (point.length !== curve.pointLength || point[0] !== 0x04) {
    keyFormat(`expected an uncompressed ${curve.pointLength}-byte point, got ${point.length} bytes starting 0x${(point[0] ?? 0).toString(16)}`);
  }
}

function keyFormat(message: string): never {
  throw new CryptoError(message, { code: 'CRYPTO_KEY_FORMAT' });
}
