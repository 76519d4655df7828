/**
 * The raw public key inside a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): the algorithm's OID, its
 * named curve if any (RFC 5480 §2.1.1), and the key bytes (an EC point, or RFC 8410's 32 bytes
 * of an Ed25519 key).
 */
import { DerTag, derChildren, derObjectIdentifier, readSingleDer } from './der';
import { MalformedInputError } from './malformedInputError';

/** A public key taken out of its SubjectPublicKeyInfo. */
export interface SpkiPublicKey {
  readonly algorithm: string;
  readonly namedCurve: string | undefined;
  readonly key: Uint8Array;
}

/**
 * Reads a SubjectPublicKeyInfo.
 *
 * @param spki - its DER
 * @param what - the key, named in errors
 * @returns algorithm, curve and raw key
 * @throws {MalformedInputError} when the bytes are not a SubjectPublicKeyInfo
 */
export function parseSpki(spki: Uint8Array, what: string): SpkiPublicKey {
  const [algorithm, key] = derChildren(readSingleDer(spki, DerTag.SEQUENCE, what), what);
  if (!algorithm || !key || key.tag !== DerTag.BIT_STRING || key.content[0] !== 0) throw new MalformedInputError(`${what}: not a SubjectPublicKeyInfo`);
  const [oid, parameters] = derChildren(algorithm, what);
  if (!oid) throw new MalformedInputError(`${what}: empty AlgorithmIdentifier`);
  return {
    algorithm: derObjectIdentifier(oid, what),
    namedCurve: parameters?.tag === DerTag.OBJECT_IDENTIFIER ? derObjectIdentifier(parameters, what) : undefined,
    key: key.content.subarray(1),
  };
}
