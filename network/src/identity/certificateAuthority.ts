/**
 * An organisation's certificate authority, issuing its members' X.509 certificates with the
 * attributes SuiTrust's access control reads, the way Fabric CA writes them: extension
 * 1.2.3.4.5.6.7.8.1 holding the JSON `{"attrs": {...}}` (cryptogen cannot write it).
 */
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { fabricIdentity, type FabricIdentity } from './fabricIdentity';

/** OID of Fabric CA's attribute extension. */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** What to put in a member's certificate. */
export interface EnrolmentRequest {
  readonly commonName: string;
  /** Fabric node OU: `client`, `admin`, `peer` or `orderer`. */
  readonly nodeOu: 'client' | 'admin' | 'peer' | 'orderer';
  /** Attributes for the Fabric CA extension, e.g. `{ role: 'issuer', dept: '<credit code>' }`. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** An issued identity with its certificate and private key. */
export interface EnrolledIdentity extends FabricIdentity {
  /** PKCS#8 PEM of the private key: write it only to the member's own keystore. */
  readonly privateKeyPem: string;
}

/** A certificate authority of one organisation. */
export class CertificateAuthority {
  readonly mspId: string;
  readonly certificatePem: string;
  readonly #certificate: x509.X509Certificate;
  readonly #keys: CryptoKeyPair;
  readonly #organisation: string;
  #serial = 1;

  private constructor(mspId: string, organisation: string, certificate: x509.X509Certificate, keys: CryptoKeyPair) {
    this.mspId = mspId;
    this.#organisation = organisation;
    this.#certificate = certificate;
    this.certificatePem = certificate.toString('pem');
    this.#keys = keys;
  }

  /**
   * Creates a self-signed CA for an organisation.
   * @param options.notBefore - validity start (defaults to the current time: this is set-up code, not chaincode)
   */
  static async create(options: Readonly<{ mspId: string; organisation: string; notBefore?: Date }>): Promise<CertificateAuthority> {
    const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
    const notBefore = options.notBefore ?? new Date();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: `CN=ca.${options.organisation},O=${options.organisation}`,
      notBefore,
      notAfter: new Date(notBefore.getTime() + TEN_YEARS_MS),
      keys: keys as CryptoKeyPair,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as CryptoKey),
      ],
    });
    return new CertificateAuthority(options.mspId, options.organisation, certificate, keys as CryptoKeyPair);
  }

  /** Issues a member certificate and key. */
  async enrol(request: Readonly<EnrolmentRequest>): Promise<EnrolledIdentity> {
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.AuthorityKeyIdentifierExtension.create(this.#certificate, false),
    ];
    if (request.attributes) {
      const json = JSON.stringify({ attrs: request.attributes });
      extensions.push(new x509.Extension(FABRIC_ATTRIBUTES_OID, false, Buffer.from(json, 'utf8')));
    }
    const serial = (this.#serial++).toString(16).padStart(2, '0');
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: `7f${serial}`,
      subject: `CN=${request.commonName},OU=${request.nodeOu},O=${this.#organisation}`,
      issuer: this.#certificate.subject,
      notBefore: this.#certificate.notBefore,
      notAfter: this.#certificate.notAfter,
      publicKey: keys.publicKey,
      signingKey: this.#keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions,
    });
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
    const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
    const certificatePem = certificate.toString('pem');
    return { ...fabricIdentity({ mspId: this.mspId, certificatePem, privateKeyPem }), privateKeyPem };
  }
}
