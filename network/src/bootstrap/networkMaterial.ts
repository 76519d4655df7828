/**
 * The embedded network's crypto material: on first start, per organisation, a signing CA and a
 * TLS CA, the peer's identity and TLS certificate, and each user's identity carrying `role` and
 * `dept` in Fabric CA's attribute extension; for the orderer organisation its CAs and the
 * orderer's identity and TLS certificate. Everything is written in Fabric's MSP folder layout as
 * cryptogen writes it (see `mspLayout.ts`), so Fabric's own binaries can use the same folders.
 *
 * On later starts everything is read back from the folders and nothing existing is ever
 * regenerated: a channel already trusts these CAs. A user added to the organisation data is
 * enrolled by the organisation's saved CA; a user whose certificate disagrees with the data is an
 * error, never silently re-issued. Users on disk but no longer in the data are left alone and not
 * returned. Nothing private is logged, and no error message contains key material.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type { Role } from '@suitrust/chaincode';
import {
  CertificateAuthority,
  enrolledIdentity,
  samePublicKey,
  type EnrolledIdentity,
  type TlsCertificate,
} from '../identity/certificateAuthority';
import { fabricIdentity } from '../identity/fabricIdentity';
import { BootstrapError } from './bootstrapError';
import { readCertificateClaims } from './certificateAttributes';
import { CITY_ORGANISATIONS, validateCityOrganisations, type CityOrganisations, type OrdererOrganisationSpec, type PeerOrganisationSpec } from './cityOrganisations';
import { createDirectoryAtomically, exists, makeDirectory, writePrivateFile, writePublicFile } from './materialFiles';
import { mspLayout, nodeDirectory, nodeOusConfigYaml, organisationLayout, tlsLayout, userDirectory, type MspLayout, type OrganisationLayout, type TlsLayout } from './mspLayout';

/** cryptogen backdates certificates five minutes, so a client whose clock lags a little still accepts them. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Names every node's TLS certificate carries besides its own host name: the embedded network listens on loopback. */
const LOOPBACK_DNS = 'localhost';
const LOOPBACK_IP = '127.0.0.1';

/** Options of {@link loadOrCreateNetworkMaterial}. */
export interface NetworkMaterialOptions {
  /** The network's material directory; `organizations/` is created in it (mode 0700 if new). */
  readonly directory: string;
  /** The organisations; SuiTrust's default city ({@link CITY_ORGANISATIONS}) when absent. */
  readonly organisations?: CityOrganisations;
}

/** A TLS certificate, its key and its root, with the files holding them. */
export interface TlsMaterial {
  readonly certificatePem: string;
  /** PKCS#8 PEM; a non-enumerable property, so printing the material never shows it. */
  readonly privateKeyPem: string;
  /** The TLS CA's certificate that clients trust. */
  readonly caCertificatePem: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly caPath: string;
}

/** A user of a peer organisation. */
export interface UserMaterial {
  /** The user's name within the organisation. */
  readonly name: string;
  readonly role: Role;
  /** The department's unified social credit code (the `dept` attribute). */
  readonly dept: string;
  /** The department's key in the organisation data. */
  readonly department: string;
  readonly identity: EnrolledIdentity;
  /** The user's local MSP folder, `users/<name>@<domain>/msp`. */
  readonly mspDirectory: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** An organisation's node (peer or orderer). */
export interface NodeMaterial {
  /** `peer0.<domain>` or `orderer.<domain>`: the name its TLS certificate is issued to. */
  readonly hostName: string;
  /** Where clients reach it. */
  readonly host: string;
  readonly port: number;
  readonly identity: EnrolledIdentity;
  readonly mspDirectory: string;
  readonly tls: TlsMaterial;
}

/** What every organisation's material has: its MSP, CAs and folders. */
export interface OrganisationMaterialBase {
  readonly mspId: string;
  readonly name: string;
  readonly domain: string;
  /** `organizations/peerOrganizations/<domain>` or `organizations/ordererOrganizations/<domain>`. */
  readonly directory: string;
  /** The organisation's channel MSP folder. */
  readonly mspDirectory: string;
  readonly caCertificatePem: string;
  readonly tlsCaCertificatePem: string;
  /** `msp/tlscacerts/tlsca.<domain>-cert.pem`: the TLS root a client of its nodes trusts. */
  readonly tlsRootCertPath: string;
}

/** A peer organisation's material. */
export interface OrganisationMaterial extends OrganisationMaterialBase {
  readonly peer: NodeMaterial;
  /** The users of the organisation data, in its order. */
  readonly users: readonly UserMaterial[];
}

/** The orderer organisation's material. */
export interface OrdererOrganisationMaterial extends OrganisationMaterialBase {
  /** The orderer `orderer.<domain>`, whose identity signs the embedded network's blocks. */
  readonly orderer: NodeMaterial;
  /** Every orderer of the Raft cluster, `orderer.<domain>` first: the channel's consenters. */
  readonly consenters: readonly NodeMaterial[];
}

/** Everything the embedded network needs to start, read from (or first written to) its folders. */
export interface NetworkMaterial {
  /** The absolute material directory. */
  readonly directory: string;
  /** The peer organisations, in the order of the organisation data. */
  readonly organisations: readonly OrganisationMaterial[];
  readonly ordererOrganisation: OrdererOrganisationMaterial;
  /** The embedded peer listener's TLS material: the first organisation's `peer0`. */
  readonly peerTls: TlsMaterial;
}

/**
 * Loads the network's crypto material from `directory`, creating what is missing.
 *
 * @param options - the directory and, optionally, the organisations
 * @returns the peer organisations with their CA certificates, peer and users, and the orderer organisation
 * @throws {BootstrapError} `BOOTSTRAP_INVALID_ORGANISATIONS` for bad data,
 *   `BOOTSTRAP_MATERIAL_CORRUPT` for an unreadable or inconsistent file (naming it),
 *   `BOOTSTRAP_MATERIAL_MISMATCH` when material on disk disagrees with the data
 * @example
 * ```ts
 * const material = await loadOrCreateNetworkMaterial({ directory: '.suitrust/network' });
 * const admin = material.organisations[0]!.users.find((user) => user.role === 'admin')!;
 * await writeConnectionProfile(join(material.directory, CONNECTION_PROFILE_FILE), connectionProfileFor(material));
 * ```
 */
export async function loadOrCreateNetworkMaterial(options: Readonly<NetworkMaterialOptions>): Promise<NetworkMaterial> {
  const organisations = options.organisations ?? CITY_ORGANISATIONS;
  validateCityOrganisations(organisations);
  const directory = resolve(options.directory);
  // The whole tree holds private keys: no other user needs to list it.
  await makeDirectory(directory, true);
  const notBefore = new Date(Date.now() - CLOCK_SKEW_MS);
  const ordererOrganisation = await loadOrCreateOrderer(directory, organisations.ordererOrganisation, notBefore);
  const peerOrganisations: OrganisationMaterial[] = [];
  for (const [index, spec] of organisations.peerOrganisations.entries()) {
    peerOrganisations.push(await loadOrCreateOrganisation(directory, spec, index, notBefore));
  }
  return { directory, organisations: peerOrganisations, ordererOrganisation, peerTls: (peerOrganisations[0] as OrganisationMaterial).peer.tls };
}

async function loadOrCreateOrganisation(base: string, spec: PeerOrganisationSpec, index: number, notBefore: Date): Promise<OrganisationMaterial> {
  const layout = organisationLayout(base, 'peer', spec.domain);
  const peerNode = nodeDirectory(layout.directory, 'peer', spec.domain);
  if (!(await exists(layout.directory))) {
    await createDirectoryAtomically(layout.directory, async (temporary) => {
      const { ca, tlsCa } = await writeOrganisationCas(relocate(layout, layout.directory, temporary), spec, notBefore);
      const node = nodeDirectory(temporary, 'peer', spec.domain);
      await writeNode(node.directory, spec.domain, node.hostName, spec.peer.host, 'peer', ca, tlsCa);
      for (const user of spec.users) await writeUser(userDirectory(temporary, user.name, spec.domain), spec, user, ca, tlsCa.certificatePem);
    });
  }
  const organisation = await loadOrganisationBase(spec, layout);
  const { caCertificatePem, tlsCaCertificatePem } = organisation;
  const peer = await loadNode(peerNode.directory, spec.mspId, spec.domain, peerNode.hostName, caCertificatePem, tlsCaCertificatePem);
  checkTlsCovers(peer.tls, spec.peer.host, `peerOrganisations[${index}].peer.host`);
  const users: UserMaterial[] = [];
  let ca: CertificateAuthority | undefined;
  for (const [j, user] of spec.users.entries()) {
    const userDir = userDirectory(layout.directory, user.name, spec.domain);
    if (!(await exists(userDir))) {
      // Only a new user needs the CA's key in memory.
      ca ??= await loadCa(spec.mspId, spec.domain, layout.caCertificate, layout.caKey);
      const issuer = ca;
      await createDirectoryAtomically(userDir, (temporary) => writeUser(temporary, spec, user, issuer, tlsCaCertificatePem));
    }
    users.push(await loadUser(userDir, spec, user, `peerOrganisations[${index}].users[${j}]`, caCertificatePem));
  }
  return {
    ...organisation,
    peer: { hostName: peerNode.hostName, host: spec.peer.host, port: spec.peer.port, ...peer },
    users,
  };
}

async function loadOrCreateOrderer(base: string, spec: OrdererOrganisationSpec, notBefore: Date): Promise<OrdererOrganisationMaterial> {
  const layout = organisationLayout(base, 'orderer', spec.domain);
  if (!(await exists(layout.directory))) {
    await createDirectoryAtomically(layout.directory, async (temporary) => {
      const { ca, tlsCa } = await writeOrganisationCas(relocate(layout, layout.directory, temporary), spec, notBefore);
      const node = nodeDirectory(temporary, 'orderer', spec.domain);
      await writeNode(node.directory, spec.domain, node.hostName, spec.orderer.host, 'orderer', ca, tlsCa);
    });
  }
  const organisation = await loadOrganisationBase(spec, layout);
  const endpoints = [spec.orderer, ...(spec.additionalOrderers ?? [])];
  const consenters: NodeMaterial[] = [];
  let cas: { ca: CertificateAuthority; tlsCa: CertificateAuthority } | undefined;
  for (const [index, endpoint] of endpoints.entries()) {
    const ordererNode = nodeDirectory(layout.directory, 'orderer', spec.domain, index + 1);
    if (!(await exists(ordererNode.directory))) {
      // An orderer added to the data later: only then are the CAs' keys needed in memory.
      cas ??= {
        ca: await loadCa(spec.mspId, spec.domain, layout.caCertificate, layout.caKey),
        tlsCa: await loadCa(spec.mspId, spec.domain, layout.tlsCaCertificate, layout.tlsCaKey),
      };
      const { ca, tlsCa } = cas;
      await createDirectoryAtomically(ordererNode.directory, (temporary) => writeNode(temporary, spec.domain, ordererNode.hostName, endpoint.host, 'orderer', ca, tlsCa));
    }
    const node = await loadNode(ordererNode.directory, spec.mspId, spec.domain, ordererNode.hostName, organisation.caCertificatePem, organisation.tlsCaCertificatePem);
    checkTlsCovers(node.tls, endpoint.host, index === 0 ? 'ordererOrganisation.orderer.host' : `ordererOrganisation.additionalOrderers[${index - 1}].host`);
    consenters.push({ hostName: ordererNode.hostName, host: endpoint.host, port: endpoint.port, ...node });
  }
  return { ...organisation, orderer: consenters[0] as NodeMaterial, consenters };
}

// ---- writing -------------------------------------------------------------------------------

/** An organisation layout moved under another folder (the temporary one being filled). */
function relocate(layout: OrganisationLayout, from: string, to: string): OrganisationLayout {
  const move = (path: string): string => to + path.slice(from.length);
  return {
    directory: to,
    caDirectory: move(layout.caDirectory),
    caCertificate: move(layout.caCertificate),
    caKey: move(layout.caKey),
    tlsCaDirectory: move(layout.tlsCaDirectory),
    tlsCaCertificate: move(layout.tlsCaCertificate),
    tlsCaKey: move(layout.tlsCaKey),
    mspDirectory: move(layout.mspDirectory),
    tlsRootCertificate: move(layout.tlsRootCertificate),
  };
}

async function writeOrganisationCas(
  layout: OrganisationLayout,
  spec: { mspId: string; domain: string },
  notBefore: Date,
): Promise<{ ca: CertificateAuthority; tlsCa: CertificateAuthority }> {
  const ca = await CertificateAuthority.create({ mspId: spec.mspId, organisation: spec.domain, commonName: `ca.${spec.domain}`, notBefore });
  const tlsCa = await CertificateAuthority.create({ mspId: spec.mspId, organisation: spec.domain, commonName: `tlsca.${spec.domain}`, notBefore });
  for (const [authority, directory, certificate, key] of [
    [ca, layout.caDirectory, layout.caCertificate, layout.caKey],
    [tlsCa, layout.tlsCaDirectory, layout.tlsCaCertificate, layout.tlsCaKey],
  ] as const) {
    await makeDirectory(directory, true);
    await writePublicFile(certificate, authority.certificatePem);
    await writePrivateFile(key, await authority.exportPrivateKeyPem());
  }
  await writeMsp(mspLayout(layout.mspDirectory, spec.domain, 'unused'), spec.domain, ca.certificatePem, tlsCa.certificatePem, undefined);
  return { ca, tlsCa };
}

async function writeNode(
  directory: string,
  domain: string,
  hostName: string,
  host: string,
  nodeOu: 'peer' | 'orderer',
  ca: CertificateAuthority,
  tlsCa: CertificateAuthority,
): Promise<void> {
  const identity = await ca.enrol({ commonName: hostName, nodeOu });
  await writeMsp(mspLayout(join(directory, 'msp'), domain, `${hostName}-cert.pem`), domain, ca.certificatePem, tlsCa.certificatePem, identity);
  const dnsNames = [hostName, LOOPBACK_DNS];
  const ipAddresses = [LOOPBACK_IP];
  if (isIP(host) !== 0) {
    if (!ipAddresses.includes(host)) ipAddresses.push(host);
  } else if (!dnsNames.includes(host)) {
    dnsNames.push(host);
  }
  const tls = await tlsCa.issueTlsCertificate({ commonName: hostName, dnsNames, ipAddresses });
  await writeTls(tlsLayout(join(directory, 'tls')), tlsCa.certificatePem, tls);
}

async function writeUser(
  directory: string,
  spec: PeerOrganisationSpec,
  user: PeerOrganisationSpec['users'][number],
  ca: CertificateAuthority,
  tlsCaPem: string,
): Promise<void> {
  const identity = await ca.enrol({
    commonName: `${user.name}@${spec.domain}`,
    nodeOu: user.role === 'admin' ? 'admin' : 'client',
    attributes: userAttributes(spec, user),
  });
  await writeMsp(mspLayout(join(directory, 'msp'), spec.domain, 'cert.pem'), spec.domain, ca.certificatePem, tlsCaPem, identity);
}

/** The attributes Fabric CA would give a registered user, plus SuiTrust's `role` and `dept`. */
function userAttributes(spec: PeerOrganisationSpec, user: PeerOrganisationSpec['users'][number]): Record<string, string> {
  return {
    'hf.EnrollmentID': `${user.name}@${spec.domain}`,
    'hf.Type': user.role === 'admin' ? 'admin' : 'client',
    'hf.Affiliation': '',
    role: user.role,
    dept: departmentCode(spec, user.department),
  };
}

function departmentCode(spec: PeerOrganisationSpec, key: string): string {
  // validateCityOrganisations has checked that every user's department exists.
  return (spec.departments.find((department) => department.key === key) as PeerOrganisationSpec['departments'][number]).creditCode;
}

async function writeMsp(layout: MspLayout, domain: string, caPem: string, tlsCaPem: string, signer: EnrolledIdentity | undefined): Promise<void> {
  await makeDirectory(join(layout.directory, 'cacerts'), false);
  await writePublicFile(layout.caCertificate, caPem);
  await makeDirectory(join(layout.directory, 'tlscacerts'), false);
  await writePublicFile(layout.tlsCaCertificate, tlsCaPem);
  await writePublicFile(layout.config, nodeOusConfigYaml(domain));
  if (signer) {
    await makeDirectory(join(layout.directory, 'signcerts'), false);
    await writePublicFile(layout.signCertificate, signer.certificatePem);
    await makeDirectory(layout.keystore, true);
    await writePrivateFile(layout.key, signer.privateKeyPem);
  }
}

async function writeTls(layout: TlsLayout, caPem: string, tls: TlsCertificate): Promise<void> {
  await makeDirectory(layout.directory, true);
  await writePublicFile(layout.caCertificate, caPem);
  await writePublicFile(layout.certificate, tls.certificatePem);
  await writePrivateFile(layout.key, tls.privateKeyPem);
}

// ---- loading -------------------------------------------------------------------------------

const corrupt = (path: string, message: string, cause?: unknown): BootstrapError =>
  new BootstrapError(`${path}: ${message}`, { code: 'BOOTSTRAP_MATERIAL_CORRUPT', path, ...(cause === undefined ? {} : { cause }) });

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    // The file system's error names the path and the reason, never the content.
    throw corrupt(path, `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
  }
}

async function readCertificate(path: string): Promise<{ pem: string; certificate: X509Certificate }> {
  const pem = await readText(path);
  try {
    return { pem, certificate: new X509Certificate(pem) };
  } catch (err) {
    throw corrupt(path, 'not a PEM certificate', err);
  }
}

async function readKey(path: string, certificatePem: string, certificatePath: string): Promise<string> {
  const pem = await readText(path);
  try {
    createPrivateKey(pem);
  } catch {
    // No cause: a key parser's message could quote the key.
    throw corrupt(path, 'not a PEM private key');
  }
  if (!samePublicKey(pem, certificatePem)) throw corrupt(path, `the key does not belong to ${certificatePath}`);
  return pem;
}

/** What every organisation's material has, read back and checked from its folders. */
async function loadOrganisationBase(spec: { mspId: string; name: string; domain: string }, layout: OrganisationLayout): Promise<OrganisationMaterialBase> {
  const domain = spec.domain;
  const ca = await readCertificate(layout.caCertificate);
  const tlsCa = await readCertificate(layout.tlsCaCertificate);
  // The channel configuration is built from msp/: it must hold the same roots as ca/ and tlsca/.
  const msp = mspLayout(layout.mspDirectory, domain, 'unused');
  for (const [copy, original] of [
    [msp.caCertificate, ca],
    [msp.tlsCaCertificate, tlsCa],
  ] as const) {
    const { certificate } = await readCertificate(copy);
    if (certificate.fingerprint256 !== original.certificate.fingerprint256) throw corrupt(copy, 'differs from the CA certificate it copies');
  }
  return {
    mspId: spec.mspId,
    name: spec.name,
    domain,
    directory: layout.directory,
    mspDirectory: layout.mspDirectory,
    caCertificatePem: ca.pem,
    tlsCaCertificatePem: tlsCa.pem,
    tlsRootCertPath: layout.tlsRootCertificate,
  };
}

async function loadCa(mspId: string, domain: string, certificatePath: string, keyPath: string): Promise<CertificateAuthority> {
  const { pem } = await readCertificate(certificatePath);
  const privateKeyPem = await readKey(keyPath, pem, certificatePath);
  try {
    return await CertificateAuthority.load({ mspId, organisation: domain, certificatePem: pem, privateKeyPem });
  } catch (err) {
    throw corrupt(certificatePath, (err as Error).message, err);
  }
}

/** The single file of an MSP sub-folder such as `signcerts/` or `keystore/`, whatever its name (Fabric CA names keys `<ski>_sk`). */
async function singleFile(directory: string): Promise<string> {
  let entries: string[];
  try {
    entries = (await readdir(directory, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (err) {
    throw corrupt(directory, `cannot list (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
  }
  if (entries.length !== 1) throw corrupt(directory, `expected exactly one file, found ${entries.length}`);
  return join(directory, entries[0] as string);
}

async function loadIdentity(mspDirectory: string, mspId: string, caCertificatePem: string): Promise<{ identity: EnrolledIdentity; certPath: string; keyPath: string }> {
  const certPath = await singleFile(join(mspDirectory, 'signcerts'));
  const { pem, certificate } = await readCertificate(certPath);
  if (!issuedBy(certificate, caCertificatePem)) throw corrupt(certPath, 'not issued by the organisation CA');
  const keyPath = await singleFile(join(mspDirectory, 'keystore'));
  const privateKeyPem = await readKey(keyPath, pem, certPath);
  return { identity: enrolledIdentity(fabricIdentity({ mspId, certificatePem: pem, privateKeyPem }), privateKeyPem), certPath, keyPath };
}

async function loadTls(directory: string, tlsCaCertificatePem: string): Promise<TlsMaterial> {
  const layout = tlsLayout(directory);
  const root = await readCertificate(layout.caCertificate);
  if (root.certificate.fingerprint256 !== new X509Certificate(tlsCaCertificatePem).fingerprint256) throw corrupt(layout.caCertificate, 'is not the organisation TLS CA');
  const { pem, certificate } = await readCertificate(layout.certificate);
  if (!issuedBy(certificate, tlsCaCertificatePem)) throw corrupt(layout.certificate, 'not issued by the organisation TLS CA');
  const privateKeyPem = await readKey(layout.key, pem, layout.certificate);
  const tls = { certificatePem: pem, caCertificatePem: tlsCaCertificatePem, certPath: layout.certificate, keyPath: layout.key, caPath: layout.caCertificate } as TlsMaterial;
  Object.defineProperty(tls, 'privateKeyPem', { value: privateKeyPem, enumerable: false });
  return tls;
}

async function loadNode(
  directory: string,
  mspId: string,
  domain: string,
  hostName: string,
  caCertificatePem: string,
  tlsCaCertificatePem: string,
): Promise<{ identity: EnrolledIdentity; mspDirectory: string; tls: TlsMaterial }> {
  const mspDirectory = join(directory, 'msp');
  const { identity, certPath } = await loadIdentity(mspDirectory, mspId, caCertificatePem);
  const claims = readCertificateClaims(identity.certificatePem);
  if (claims.commonName !== hostName) throw corrupt(certPath, `issued to ${String(claims.commonName)}, expected ${hostName} of ${domain}`);
  return { identity, mspDirectory, tls: await loadTls(join(directory, 'tls'), tlsCaCertificatePem) };
}

async function loadUser(
  directory: string,
  spec: PeerOrganisationSpec,
  user: PeerOrganisationSpec['users'][number],
  field: string,
  caCertificatePem: string,
): Promise<UserMaterial> {
  const mspDirectory = join(directory, 'msp');
  const { identity, certPath, keyPath } = await loadIdentity(mspDirectory, spec.mspId, caCertificatePem);
  let claims;
  try {
    claims = readCertificateClaims(identity.certificatePem);
  } catch (err) {
    throw corrupt(certPath, 'its attribute extension does not parse', err);
  }
  const dept = departmentCode(spec, user.department);
  const nodeOu = user.role === 'admin' ? 'admin' : 'client';
  const mismatch = (what: string, onDisk: string | undefined, wanted: string): BootstrapError =>
    new BootstrapError(
      `${user.name}@${spec.domain}: the certificate on disk has ${what} ${JSON.stringify(onDisk)}, the organisation data says ${JSON.stringify(wanted)}; ` +
        `material is never re-issued in place: remove ${directory} to enrol the user again`,
      { code: 'BOOTSTRAP_MATERIAL_MISMATCH', field, path: certPath },
    );
  if (claims.attributes.role !== user.role) throw mismatch('role', claims.attributes.role, user.role);
  if (claims.attributes.dept !== dept) throw mismatch('dept', claims.attributes.dept, dept);
  if (!claims.organisationalUnits.includes(nodeOu)) throw mismatch('node OU', claims.organisationalUnits.join(','), nodeOu);
  return { name: user.name, role: user.role, dept, department: user.department, identity, mspDirectory, certPath, keyPath };
}

function issuedBy(certificate: X509Certificate, caCertificatePem: string): boolean {
  const ca = new X509Certificate(caCertificatePem);
  return certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
}

/** A node's host may change in the data after its TLS certificate was issued: say so rather than fail every handshake. */
function checkTlsCovers(tls: TlsMaterial, host: string, field: string): void {
  const certificate = new X509Certificate(tls.certificatePem);
  const covered = isIP(host) !== 0 ? certificate.checkIP(host) !== undefined : certificate.checkHost(host) !== undefined;
  if (!covered) {
    throw new BootstrapError(`${tls.certPath}: does not name ${host}; remove the organisation's folder to issue new material, or use a host it names`, {
      code: 'BOOTSTRAP_MATERIAL_MISMATCH',
      field,
      path: tls.certPath,
    });
  }
}
