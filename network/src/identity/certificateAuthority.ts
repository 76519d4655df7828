/**
 * An organisation's certificate authority, issuing its members' X.509 certificates with the
 * attributes SuiTrust's access control reads, the way Fabric CA writes them: extension
 * 1.2.3.4.5.6.7.8.1 holding the JSON `{"attrs": {...}}` (cryptogen cannot write it). The same
 * class serves as an organisation's TLS CA, issuing server and client certificates with subject
 * alternative names (RFC 5280 §4.2.1.6) and extended key usages (§4.2.1.12), as cryptogen's
 * `tlsca` does.
 *
 * A CA can be saved (its certificate, and its key exported only to a file of mode 0600) and
 * loaded again, so a network issues later members from the CA its channel already trusts.
 */
// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import { X509Certificate as NodeX509Certificate, createPrivateKey, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import { fabricIdentity, type FabricIdentity } from './fabricIdentity';

/** OID of Fabric CA's attribute extension. */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
/** 128 random bits, as cryptogen draws serial numbers: unique across saves and reloads of a CA. */
const SERIAL_BYTES = 16;

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
  /**
   * PKCS#8 PEM of the private key: write it only to the member's own keystore. Not enumerable,
   * so neither `JSON.stringify` nor `console.log` of an identity shows it.
   */
  readonly privateKeyPem: string;
}

/** What to put in a TLS certificate. */
export interface TlsCertificateRequest {
  /** Subject common name, e.g. `peer0.databureau.suitrust.local`. */
  readonly commonName: string;
  /** DNS subject alternative names a client may dial, e.g. `['peer0.databureau.suitrust.local', 'localhost']`. */
  readonly dnsNames?: readonly string[];
  /** IP subject alternative names, e.g. `['127.0.0.1']`. */
  readonly ipAddresses?: readonly string[];
  /** Extended key usages; both by default, as cryptogen writes them (a node is server and client). */
  readonly usages?: readonly ('serverAuth' | 'clientAuth')[];
}

/** A TLS certificate and its key. */
export interface TlsCertificate {
  readonly certificatePem: string;
  /** PKCS#8 PEM of the private key; not enumerable, as in {@link EnrolledIdentity}. */
  readonly privateKeyPem: string;
}

/** Options of {@link CertificateAuthority.create}. */
export interface CreateCertificateAuthorityOptions {
  readonly mspId: string;
  /** The organisation's name, e.g. its domain: the O of every certificate issued. */
  readonly organisation: string;
  /** The CA's own common name; `ca.<organisation>` by default (a TLS CA: `tlsca.<organisation>`). */
  readonly commonName?: string;
  /** Validity start; the current time by default (this is set-up code, not chaincode). */
  readonly notBefore?: Date;
}

/** Options of {@link CertificateAuthority.load}. */
export interface LoadCertificateAuthorityOptions {
  readonly mspId: string;
  /** The organisation's name: the O of every certificate issued from now on. */
  readonly organisation: string;
  /** The CA's self-signed certificate, as saved. */
  readonly certificatePem: string;
  /** The CA's private key, PKCS#8 (`PRIVATE KEY`) or SEC 1 (`EC PRIVATE KEY`) PEM. */
  readonly privateKeyPem: string;
}

/**
 * A certificate authority of one organisation.
 *
 * @example
 * ```ts
 * const ca = await CertificateAuthority.create({ mspId: 'DataBureauMSP', organisation: 'databureau.suitrust.local' });
 * const officer = await ca.enrol({ commonName: 'officer', nodeOu: 'client', attributes: { role: 'officer', dept } });
 * await writeFile(keyPath, await ca.exportPrivateKeyPem(), { mode: 0o600, flag: 'wx' });
 * const same = await CertificateAuthority.load({ mspId, organisation, certificatePem: ca.certificatePem, privateKeyPem });
 * ```
 */
export class CertificateAuthority {
  readonly mspId: string;
  readonly certificatePem: string;
  readonly #certificate: x509.X509Certificate;
  readonly #keys: CryptoKeyPair;
  readonly #organisation: string;

  private constructor(mspId: string, organisation: string, certificate: x509.X509Certificate, keys: CryptoKeyPair) {
    this.mspId = mspId;
    this.#organisation = organisation;
    this.#certificate = certificate;
    this.certificatePem = certificate.toString('pem');
    this.#keys = keys;
  }

  /** The organisation's name, the O of the certificates this CA issues. */
  get organisation(): string {
    return this.#organisation;
  }

  /**
   * Creates a self-signed CA for an organisation.
   *
   * @param options - MSP id, organisation, optional common name and validity start
   * @returns a CA with a fresh P-256 key, valid ten years
   */
  static async create(options: Readonly<CreateCertificateAuthorityOptions>): Promise<CertificateAuthority> {
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const notBefore = options.notBefore ?? new Date();
    const commonName = options.commonName ?? `ca.${options.organisation}`;
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: [{ CN: [commonName] }, { O: [options.organisation] }],
      notBefore,
      notAfter: new Date(notBefore.getTime() + TEN_YEARS_MS),
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return new CertificateAuthority(options.mspId, options.organisation, certificate, keys);
  }

  /**
   * Loads a CA saved earlier from its certificate and private key.
   *
   * @param options - MSP id, organisation, the CA's certificate and key PEM
   * @returns the CA, issuing under the same certificate
   * @throws {Error} when the certificate is not a CA certificate or the key is not its key; the
   *   message never contains key material
   */
  static async load(options: Readonly<LoadCertificateAuthorityOptions>): Promise<CertificateAuthority> {
    const certificate = new x509.X509Certificate(options.certificatePem);
    const basic = certificate.getExtension(x509.BasicConstraintsExtension);
    if (!basic?.ca) throw new Error(`CertificateAuthority.load: certificate of ${certificate.subject} is not a CA certificate`);
    let pkcs8: Buffer;
    try {
      pkcs8 = createPrivateKey(options.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
    } catch (cause) {
      // The parser's message could quote the input: keep only that it failed.
      throw new Error(`CertificateAuthority.load: the private key of ${certificate.subject} is not a readable PEM key`, { cause: sanitised(cause) });
    }
    if (!samePublicKey(options.privateKeyPem, options.certificatePem)) {
      throw new Error(`CertificateAuthority.load: the private key does not belong to the certificate of ${certificate.subject}`);
    }
    const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, ALGORITHM, true, ['sign']);
    const publicKey = await certificate.publicKey.export(ALGORITHM, ['verify'], webcrypto as unknown as Crypto);
    return new CertificateAuthority(options.mspId, options.organisation, certificate, { privateKey, publicKey } as CryptoKeyPair);
  }

  /**
   * The CA's private key as PKCS#8 PEM, to save beside its certificate. Write it only to a file
   * of mode 0600 and never log it.
   *
   * @returns the PEM text
   */
  async exportPrivateKeyPem(): Promise<string> {
    return pkcs8Pem(Buffer.from(await webcrypto.subtle.exportKey('pkcs8', this.#keys.privateKey)));
  }

  /**
   * Issues a member certificate and key.
   *
   * @param request - common name, node OU and optional Fabric CA attributes
   * @returns the member's identity, its key held in a non-enumerable property
   */
  async enrol(request: Readonly<EnrolmentRequest>): Promise<EnrolledIdentity> {
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ];
    if (request.attributes) {
      const json = JSON.stringify({ attrs: request.attributes });
      extensions.push(new x509.Extension(FABRIC_ATTRIBUTES_OID, false, Buffer.from(json, 'utf8')));
    }
    const subject: x509.JsonName = [{ CN: [request.commonName] }, { OU: [request.nodeOu] }, { O: [this.#organisation] }];
    const { certificatePem, privateKeyPem } = await this.#issue(subject, extensions);
    return enrolledIdentity(fabricIdentity({ mspId: this.mspId, certificatePem, privateKeyPem }), privateKeyPem);
  }

  /**
   * Issues a TLS certificate and key, for a node's listener or a mutual-TLS client.
   *
   * @param request - common name, DNS and IP alternative names, extended key usages
   * @returns the certificate and its key, the key in a non-enumerable property
   * @throws {RangeError} when an IP address is not a valid IPv4 or IPv6 address
   */
  async issueTlsCertificate(request: Readonly<TlsCertificateRequest>): Promise<TlsCertificate> {
    const names: x509.JsonGeneralName[] = [
      ...(request.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
      ...(request.ipAddresses ?? []).map((value) => {
        if (isIP(value) === 0) throw new RangeError(`ipAddresses: expected an IPv4 or IPv6 address, got ${JSON.stringify(value)}`);
        return { type: 'ip' as const, value };
      }),
    ];
    const usages = request.usages ?? ['serverAuth', 'clientAuth'];
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // digitalSignature is what an ECDHE-ECDSA handshake uses; keyEncipherment as cryptogen sets it.
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension(usages.map((usage) => x509.ExtendedKeyUsage[usage])),
    ];
    if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names));
    const { certificatePem, privateKeyPem } = await this.#issue([{ CN: [request.commonName] }, { O: [this.#organisation] }], extensions);
    const issued = { certificatePem } as TlsCertificate;
    Object.defineProperty(issued, 'privateKeyPem', { value: privateKeyPem, enumerable: false });
    return issued;
  }

  async #issue(subject: x509.JsonName, extensions: x509.Extension[]): Promise<{ certificatePem: string; privateKeyPem: string }> {
    const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject,
      issuer: this.#certificate.subjectName,
      notBefore: this.#certificate.notBefore,
      notAfter: this.#certificate.notAfter,
      publicKey: keys.publicKey,
      signingKey: this.#keys.privateKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        ...extensions,
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(this.#certificate, false),
      ],
    });
    const privateKeyPem = pkcs8Pem(Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)));
    return { certificatePem: certificate.toString('pem'), privateKeyPem };
  }
}

/**
 * An identity whose private key PEM is a non-enumerable property, so that printing or
 * serialising the identity (or an object holding it) never shows the key.
 *
 * @param identity - the identity built from the key
 * @param privateKeyPem - the key's PEM
 * @returns the same identity with `privateKeyPem` attached
 */
export function enrolledIdentity(identity: FabricIdentity, privateKeyPem: string): EnrolledIdentity {
  const enrolled = { ...identity } as EnrolledIdentity;
  Object.defineProperty(enrolled, 'privateKeyPem', { value: privateKeyPem, enumerable: false });
  return enrolled;
}

/**
 * Whether a private key belongs to a certificate: their public keys are equal.
 *
 * @param privateKeyPem - a PEM private key
 * @param certificatePem - a PEM certificate
 * @returns `false` also when either does not parse
 */
export function samePublicKey(privateKeyPem: string, certificatePem: string): boolean {
  try {
    const fromKey = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' });
    const fromCertificate = new NodeX509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
    return fromKey.equals(fromCertificate);
  } catch {
    return false;
  }
}

function randomSerial(): string {
  const bytes = randomBytes(SERIAL_BYTES);
  // A positive INTEGER of exactly 16 octets: top bit clear (else DER needs a sign octet), and
  // not a leading zero octet (else DER drops it).
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

function pkcs8Pem(der: Buffer): string {
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

/** An error without the original message, which a parser may have filled with the input. */
function sanitised(cause: unknown): Error {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return new Error(typeof code === 'string' ? code : 'key parse error');
}
