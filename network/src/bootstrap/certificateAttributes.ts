/**
 * Reads back what a member certificate says about its holder, as Fabric reads it: the Fabric CA
 * attribute extension (OID 1.2.3.4.5.6.7.8.1, JSON `{"attrs": {...}}`, read as
 * fabric-contract-api's `ClientIdentity` reads it) and the subject's organisational units (the
 * Node OU an MSP with `NodeOUs: Enable: true` classifies the identity by).
 */
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { FABRIC_ATTRIBUTES_OID } from '../identity/certificateAuthority';

/** What a member certificate states. */
export interface CertificateClaims {
  /** The subject's common name. */
  readonly commonName: string | undefined;
  /** The subject's OU values, e.g. `['client']`. */
  readonly organisationalUnits: readonly string[];
  /** The Fabric CA attributes; empty when the certificate has none. */
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * The claims of a PEM certificate.
 *
 * @param certificatePem - the certificate
 * @returns its common name, OUs and Fabric CA attributes
 * @throws {Error} when the certificate or its attribute extension does not parse
 */
export function readCertificateClaims(certificatePem: string): CertificateClaims {
  const certificate = new x509.X509Certificate(certificatePem);
  const extension = certificate.getExtension(FABRIC_ATTRIBUTES_OID);
  let attributes: Record<string, string> = {};
  if (extension) {
    const parsed: unknown = JSON.parse(Buffer.from(extension.value).toString('utf8'));
    const attrs = (parsed as { attrs?: unknown } | null)?.attrs;
    if (typeof attrs !== 'object' || attrs === null) throw new Error('certificate attributes: expected {"attrs": {...}}');
    attributes = Object.fromEntries(Object.entries(attrs).map(([key, value]) => [key, String(value)]));
  }
  return {
    commonName: certificate.subjectName.getField('CN')[0],
    organisationalUnits: certificate.subjectName.getField('OU'),
    attributes,
  };
}
