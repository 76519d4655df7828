/**
 * Where each file of a network's crypto material lives: Fabric's MSP folder layout exactly as
 * cryptogen 2.5 writes it (`internal/cryptogen/msp/generator.go`, `cmd/cryptogen/main.go`), so
 * Fabric's peer and orderer binaries, and `peer` CLI commands, can read the same folders:
 *
 * ```
 * organizations/{peer,orderer}Organizations/<domain>/
 *   ca/ca.<domain>-cert.pem, ca/priv_sk            the organisation's signing CA
 *   tlsca/tlsca.<domain>-cert.pem, tlsca/priv_sk   its TLS CA
 *   msp/{cacerts,tlscacerts,config.yaml}           the organisation's channel MSP
 *   peers/peer0.<domain>/{msp,tls}                 (orderers/orderer.<domain>/ for the orderer)
 *   users/<name>@<domain>/msp                      peer organisations only
 * <node or user>/msp/{cacerts,tlscacerts,signcerts,keystore/priv_sk,config.yaml}
 * <node>/tls/{ca.crt,server.crt,server.key}
 * ```
 *
 * One deviation, deliberate: a user's certificate is `signcerts/cert.pem`, as Fabric CA's client
 * names it, since users are enrolled by a CA step (their attributes need it), not by cryptogen.
 */
import { join } from 'node:path';

/** The file name of private keys in `ca/`, `tlsca/` and `keystore/`, as cryptogen 2.x names them. */
export const PRIVATE_KEY_FILE = 'priv_sk';

/** The files of an organisation's folder. */
export interface OrganisationLayout {
  /** `organizations/<kind>Organizations/<domain>`. */
  readonly directory: string;
  readonly caDirectory: string;
  readonly caCertificate: string;
  readonly caKey: string;
  readonly tlsCaDirectory: string;
  readonly tlsCaCertificate: string;
  readonly tlsCaKey: string;
  /** The organisation's MSP, as the channel configuration holds it. */
  readonly mspDirectory: string;
  /** `msp/tlscacerts/tlsca.<domain>-cert.pem`: the public copy of the TLS root clients trust. */
  readonly tlsRootCertificate: string;
}

/** The files of one local MSP folder. */
export interface MspLayout {
  readonly directory: string;
  readonly caCertificate: string;
  readonly tlsCaCertificate: string;
  readonly signCertificate: string;
  readonly keystore: string;
  readonly key: string;
  readonly config: string;
}

/** The files of a node's `tls/` folder. */
export interface TlsLayout {
  readonly directory: string;
  readonly caCertificate: string;
  readonly certificate: string;
  readonly key: string;
}

/**
 * The folder of an organisation, under a network's base directory.
 *
 * @param base - the network's material directory
 * @param kind - `peer` or `orderer`
 * @param domain - the organisation's domain
 * @returns the paths of its CA, TLS CA and MSP files
 */
export function organisationLayout(base: string, kind: 'peer' | 'orderer', domain: string): OrganisationLayout {
  const directory = join(base, 'organizations', `${kind}Organizations`, domain);
  return {
    directory,
    caDirectory: join(directory, 'ca'),
    caCertificate: join(directory, 'ca', caCertificateName(domain)),
    caKey: join(directory, 'ca', PRIVATE_KEY_FILE),
    tlsCaDirectory: join(directory, 'tlsca'),
    tlsCaCertificate: join(directory, 'tlsca', tlsCaCertificateName(domain)),
    tlsCaKey: join(directory, 'tlsca', PRIVATE_KEY_FILE),
    mspDirectory: join(directory, 'msp'),
    tlsRootCertificate: join(directory, 'msp', 'tlscacerts', tlsCaCertificateName(domain)),
  };
}

/**
 * The folder of the organisation's first peer, `peers/peer0.<domain>`, or of its orderer,
 * `orderers/orderer.<domain>`.
 *
 * @param organisation - the organisation's folder
 * @param kind - `peer` or `orderer`
 * @param domain - the organisation's domain
 * @param ordinal - which orderer of the cluster, from 1: `orderer.<domain>`, `orderer2.<domain>`…
 * @returns the node's host name and folder
 */
export function nodeDirectory(organisation: string, kind: 'peer' | 'orderer', domain: string, ordinal = 1): { readonly hostName: string; readonly directory: string } {
  const hostName = kind === 'peer' ? `peer0.${domain}` : `orderer${ordinal === 1 ? '' : ordinal}.${domain}`;
  return { hostName, directory: join(organisation, kind === 'peer' ? 'peers' : 'orderers', hostName) };
}

/**
 * The folder of a user, `users/<name>@<domain>`.
 *
 * @param organisation - the organisation's folder
 * @param name - the user's name
 * @param domain - the organisation's domain
 * @returns the folder's path
 */
export function userDirectory(organisation: string, name: string, domain: string): string {
  return join(organisation, 'users', `${name}@${domain}`);
}

/**
 * The files of a local MSP folder.
 *
 * @param directory - the `msp` folder
 * @param domain - the organisation's domain, naming the CA certificates
 * @param signCertificateName - the signing certificate's file name in `signcerts/`
 * @returns the paths
 */
export function mspLayout(directory: string, domain: string, signCertificateName: string): MspLayout {
  return {
    directory,
    caCertificate: join(directory, 'cacerts', caCertificateName(domain)),
    tlsCaCertificate: join(directory, 'tlscacerts', tlsCaCertificateName(domain)),
    signCertificate: join(directory, 'signcerts', signCertificateName),
    keystore: join(directory, 'keystore'),
    key: join(directory, 'keystore', PRIVATE_KEY_FILE),
    config: join(directory, 'config.yaml'),
  };
}

/**
 * The files of a node's `tls` folder, as cryptogen names them.
 *
 * @param directory - the `tls` folder
 * @returns the paths of the TLS root, certificate and key
 */
export function tlsLayout(directory: string): TlsLayout {
  return { directory, caCertificate: join(directory, 'ca.crt'), certificate: join(directory, 'server.crt'), key: join(directory, 'server.key') };
}

/**
 * An MSP's `config.yaml` enabling Node OUs, as cryptogen writes it: an identity's role (client,
 * peer, admin, orderer) is the OU of its certificate, issued by the organisation's CA.
 *
 * @param domain - the organisation's domain, naming `cacerts/ca.<domain>-cert.pem`
 * @returns the YAML text
 */
export function nodeOusConfigYaml(domain: string): string {
  const certificate = `cacerts/${caCertificateName(domain)}`;
  const identifier = (key: string, ou: string): string =>
    `  ${key}:\n    Certificate: ${certificate}\n    OrganizationalUnitIdentifier: ${ou}\n`;
  return `NodeOUs:\n  Enable: true\n${identifier('ClientOUIdentifier', 'client')}${identifier('PeerOUIdentifier', 'peer')}${identifier('AdminOUIdentifier', 'admin')}${identifier('OrdererOUIdentifier', 'orderer')}`;
}

function caCertificateName(domain: string): string {
  return `ca.${domain}-cert.pem`;
}

function tlsCaCertificateName(domain: string): string {
  return `tlsca.${domain}-cert.pem`;
}
