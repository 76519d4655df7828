/**
 * What the verifier reads of an X.509 certificate (RFC 5280 §4.1): the signed TBS bytes and the
 * issuer's signature over them, the issuer and subject names (compared as encoded, as Go's
 * `x509` chain builder first does), the validity period, the subject's EC public key (RFC 5480
 * §2), and whether it is a CA (§4.2.1.9 basicConstraints).
 */
import { DerTag, derChildren, derObjectIdentifier, readDerElement, readSingleDer, type DerElement } from './der';
import { MalformedInputError } from './malformedInputError';

/** RFC 5480 §2.1.1 id-ecPublicKey. */
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** RFC 5280 §4.2.1.9 id-ce-basicConstraints. */
const BASIC_CONSTRAINTS = '2.5.29.19';
/** X.520 id-at-organizationalUnitName, where Fabric's NodeOUs (client, peer, admin, orderer) live. */
const ORGANIZATIONAL_UNIT = '2.5.4.11';

/** A parsed certificate. */
export interface X509Certificate {
  /** The whole certificate, DER. */
  readonly der: Uint8Array;
  /** The tbsCertificate, as encoded: what the issuer signed. */
  readonly tbs: Uint8Array;
  /** OID of the issuer's signature algorithm, e.g. `1.2.840.10045.4.3.2` (ecdsa-with-SHA256). */
  readonly signatureAlgorithm: string;
  /** The issuer's signature (the BIT STRING's bytes, a DER ECDSA signature for EC issuers). */
  readonly signature: Uint8Array;
  /** The issuer Name, DER. */
  readonly issuer: Uint8Array;
  /** The subject Name, DER. */
  readonly subject: Uint8Array;
  /** The subject's organisational units (OU), e.g. Fabric's node OU `peer`. */
  readonly organizationalUnits: readonly string[];
  /** The SubjectPublicKeyInfo, DER. */
  readonly subjectPublicKeyInfo: Uint8Array;
  /** OID of the named curve of an EC key (`1.2.840.10045.3.1.7` for P-256), else `undefined`. */
  readonly namedCurve: string | undefined;
  /** The public key's bytes (an uncompressed or compressed EC point for EC keys). */
  readonly publicKey: Uint8Array;
  /** Milliseconds since the epoch. */
  readonly notBefore: number;
  readonly notAfter: number;
  /** basicConstraints cA. */
  readonly isCa: boolean;
}

/**
 * Parses a DER certificate.
 *
 * @param der - the certificate
 * @param what - what it is, named in errors (`creator certificate`)
 * @returns its parts
 * @throws {MalformedInputError} when the bytes are not an X.509 certificate
 */
export function parseCertificate(der: Uint8Array, what: string): X509Certificate {
  const certificate = derChildren(readSingleDer(der, DerTag.SEQUENCE, what), what);
  const [tbsElement, algorithmElement, signatureElement] = certificate;
  if (!tbsElement || !algorithmElement || !signatureElement || tbsElement.tag !== DerTag.SEQUENCE) throw new MalformedInputError(`${what}: not a certificate`);
  const tbs = derChildren(tbsElement, what);
  // version [0] EXPLICIT is optional (absent means v1).
  const fields = tbs[0]?.tag === 0xa0 ? tbs.slice(1) : tbs;
  const [, , issuer, validity, subject, spki] = fields;
  if (!issuer || !validity || !subject || !spki) throw new MalformedInputError(`${what}: incomplete tbsCertificate`);
  const [notBefore, notAfter] = derChildren(validity, what);
  if (!notBefore || !notAfter) throw new MalformedInputError(`${what}: incomplete validity`);
  const [spkiAlgorithm, spkiKey] = derChildren(spki, what);
  if (!spkiAlgorithm || !spkiKey) throw new MalformedInputError(`${what}: incomplete subjectPublicKeyInfo`);
  const [keyAlgorithm, keyParameters] = derChildren(spkiAlgorithm, what);
  if (!keyAlgorithm) throw new MalformedInputError(`${what}: incomplete key algorithm`);
  const isEc = derObjectIdentifier(keyAlgorithm, what) === EC_PUBLIC_KEY;
  const extensions = fields.find((field) => field.tag === 0xa3);
  return {
    der,
    tbs: tbsElement.encoded,
    signatureAlgorithm: algorithmIdentifier(algorithmElement, what),
    signature: bitString(signatureElement, what),
    issuer: issuer.encoded,
    subject: subject.encoded,
    organizationalUnits: attributeValues(subject, ORGANIZATIONAL_UNIT, what),
    subjectPublicKeyInfo: spki.encoded,
    namedCurve: isEc && keyParameters?.tag === DerTag.OBJECT_IDENTIFIER ? derObjectIdentifier(keyParameters, what) : undefined,
    publicKey: bitString(spkiKey, what),
    notBefore: derTime(notBefore, what),
    notAfter: derTime(notAfter, what),
    isCa: extensions ? basicConstraintsCa(extensions, what) : false,
  };
}

/** Name ::= SEQUENCE OF SET OF AttributeTypeAndValue { type OID, value DirectoryString } (RFC 5280 §4.1.2.4). */
function attributeValues(name: DerElement, type: string, what: string): string[] {
  const values: string[] = [];
  for (const set of derChildren(name, what)) {
    for (const attribute of derChildren(set, what)) {
      const [oid, value] = derChildren(attribute, what);
      if (oid && value && derObjectIdentifier(oid, what) === type) values.push(new TextDecoder().decode(value.content));
    }
  }
  return values;
}

function algorithmIdentifier(element: DerElement, what: string): string {
  const [oid] = derChildren(element, what);
  if (!oid) throw new MalformedInputError(`${what}: empty AlgorithmIdentifier`);
  return derObjectIdentifier(oid, what);
}

/** X.690 §8.6: the first content octet counts unused bits, which keys and signatures never have. */
function bitString(element: DerElement, what: string): Uint8Array {
  if (element.tag !== DerTag.BIT_STRING || element.content[0] !== 0) throw new MalformedInputError(`${what}: expected a whole-octet BIT STRING`);
  return element.content.subarray(1);
}

/** RFC 5280 §4.1.2.5.1 UTCTime (YYMMDDHHMMSSZ, 50–99 is 19xx) and §4.1.2.5.2 GeneralizedTime. */
function derTime(element: DerElement, what: string): number {
  const text = String.fromCharCode(...element.content);
  const match = element.tag === DerTag.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : element.tag === DerTag.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : null;
  if (!match) throw new MalformedInputError(`${what}: malformed validity time`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const fullYear = element.tag === DerTag.UTC_TIME ? (year >= 50 ? 1900 + year : 2000 + year) : year;
  return Date.UTC(fullYear, month - 1, day, hour, minute, second);
}

/** Extensions [3] EXPLICIT SEQUENCE OF Extension { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
function basicConstraintsCa(extensions: DerElement, what: string): boolean {
  const [list] = derChildren(extensions, what);
  if (!list) return false;
  for (const extension of derChildren(list, what)) {
    const parts = derChildren(extension, what);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (!id || !value || derObjectIdentifier(id, what) !== BASIC_CONSTRAINTS) continue;
    if (value.tag !== DerTag.OCTET_STRING) throw new MalformedInputError(`${what}: malformed basicConstraints`);
    const constraints = readDerElement(value.content, 0, what);
    const [cA] = derChildren(constraints, what);
    return cA?.tag === DerTag.BOOLEAN && cA.content[0] !== 0;
  }
  return false;
}
