/**
 * SuiTrust's connection profile: the small JSON the gateway reads to reach a peer in either mode
 * (fabric-gateway has no profile format of its own). The embedded network writes it to
 * `<directory>/connection-profile.json` on every start; for a real network an operator writes
 * the same format by hand.
 *
 * ```json
 * {
 *   "channel": "suitrust",
 *   "chaincode": "suitrust",
 *   "peer": { "endpoint": "localhost:7051", "tlsRootCertPath": "organizations/…/tlsca.….pem", "hostnameOverride": "peer0.databureau.suitrust.local" },
 *   "identities": [{ "name": "admin@databureau.suitrust.local", "mspId": "DataBureauMSP", "role": "admin",
 *                    "dept": "<credit code>", "certPath": "organizations/…/signcerts/cert.pem", "keyPath": "organizations/…/keystore/priv_sk" }],
 *   "organisations": [{ "mspId": "DataBureauMSP", "mspDirectory": "organizations/…/msp",
 *                       "peer": { "endpoint": "localhost:7051", "tlsRootCertPath": "…", "hostnameOverride": "peer0.…", "mspDirectory": "organizations/…/peers/peer0.…/msp" } }],
 *   "ordererOrganisation": { "mspId": "OrdererMSP", "mspDirectory": "organizations/ordererOrganizations/…/msp" }
 * }
 * ```
 *
 * `organisations` and `ordererOrganisation` are optional: they are what proof bundles need (the
 * organisations' CA certificates as trust anchors, each peer's identity as the witness of what it
 * committed). Without them the gateway serves no proofs.
 *
 * Paths: the embedded network writes them relative to the profile file's folder (so the folder
 * can be moved or mounted elsewhere); a hand-written profile may use absolute paths.
 * {@link readConnectionProfile} resolves both, and returns absolute paths only. The profile
 * holds paths, never key material, and is written mode 0644.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ROLES, checkCreditCode, type Role } from '@suitrust/chaincode';
import { syncDirectory } from '@suitrust/durable';
import { BootstrapError } from './bootstrapError';
import type { NetworkMaterial } from './networkMaterial';

/** The profile's file name in the embedded network's directory. */
export const CONNECTION_PROFILE_FILE = 'connection-profile.json';
/** The channel SuiTrust uses. */
export const SUITRUST_CHANNEL = 'suitrust';
/** The chaincode's name in its definition on the channel. */
export const SUITRUST_CHAINCODE = 'suitrust';

/** The peer the gateway dials. */
export interface ProfilePeer {
  /** `host:port` of the peer's gateway service. */
  readonly endpoint: string;
  /** The TLS root certificate (PEM file) the peer's server certificate chains to. */
  readonly tlsRootCertPath: string;
  /** The name to check the server certificate against, when the endpoint's host is not in it. */
  readonly hostnameOverride?: string;
}

/** An identity the gateway may act as. */
export interface ProfileIdentity {
  /** Unique in the profile: `<user>@<domain>` for the embedded network. */
  readonly name: string;
  readonly mspId: string;
  /** The `role` attribute of the certificate. */
  readonly role: Role;
  /** The `dept` attribute: a unified social credit code. */
  readonly dept: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/**
 * A peer organisation as proofs need it: its MSP folder (whose `cacerts` are the trust anchors of
 * its members) and its peer, whose identity witnesses what that peer committed.
 */
export interface ProfileOrganisation {
  readonly mspId: string;
  /** The organisation's MSP folder. */
  readonly mspDirectory: string;
  /** Its peer: where to reach it, and its own MSP folder (signing identity). */
  readonly peer: ProfilePeer & { readonly mspDirectory: string };
}

/** The ordering organisation, whose CA certifies the orderers that sign blocks. */
export interface ProfileOrdererOrganisation {
  readonly mspId: string;
  readonly mspDirectory: string;
}

/** A connection profile, with absolute paths. */
export interface ConnectionProfile {
  readonly channel: string;
  readonly chaincode: string;
  readonly peer: ProfilePeer;
  readonly identities: readonly ProfileIdentity[];
  /** The peer organisations, for proofs (trust anchors and commit witnesses); absent, the gateway serves no proofs. */
  readonly organisations?: readonly ProfileOrganisation[];
  readonly ordererOrganisation?: ProfileOrdererOrganisation;
}

/** Options of {@link connectionProfileFor}. */
export interface ConnectionProfileOptions {
  /** The channel; `suitrust` by default. */
  readonly channel?: string;
  /** The chaincode; `suitrust` by default. */
  readonly chaincode?: string;
}

/**
 * The profile of the embedded network: its peer (the first organisation's `peer0`, reached on
 * its configured endpoint and checked against `peer0.<domain>`) and every user of every
 * organisation.
 *
 * @param material - the network's material
 * @param options - channel and chaincode names
 * @returns the profile, with absolute paths
 */
export function connectionProfileFor(material: NetworkMaterial, options: Readonly<ConnectionProfileOptions> = {}): ConnectionProfile {
  const first = material.organisations[0];
  if (!first) throw new BootstrapError('material: no peer organisation', { code: 'BOOTSTRAP_INVALID_ORGANISATIONS', field: 'organisations' });
  return {
    channel: options.channel ?? SUITRUST_CHANNEL,
    chaincode: options.chaincode ?? SUITRUST_CHAINCODE,
    peer: { endpoint: `${first.peer.host}:${first.peer.port}`, tlsRootCertPath: first.tlsRootCertPath, hostnameOverride: first.peer.hostName },
    organisations: material.organisations.map((organisation) => ({
      mspId: organisation.mspId,
      mspDirectory: organisation.mspDirectory,
      peer: { endpoint: `${organisation.peer.host}:${organisation.peer.port}`, tlsRootCertPath: organisation.tlsRootCertPath, hostnameOverride: organisation.peer.hostName, mspDirectory: organisation.peer.mspDirectory },
    })),
    ordererOrganisation: { mspId: material.ordererOrganisation.mspId, mspDirectory: material.ordererOrganisation.mspDirectory },
    identities: material.organisations.flatMap((organisation) =>
      organisation.users.map((user) => ({
        name: `${user.name}@${organisation.domain}`,
        mspId: organisation.mspId,
        role: user.role,
        dept: user.dept,
        certPath: user.certPath,
        keyPath: user.keyPath,
      })),
    ),
  };
}

/**
 * Writes a profile, replacing any file at `path` in one rename, with paths made relative to the
 * file's folder.
 *
 * @param path - the profile file, e.g. `<directory>/connection-profile.json`
 * @param profile - the profile, with absolute paths
 * @example
 * ```ts
 * const material = await loadOrCreateNetworkMaterial({ directory });
 * await writeConnectionProfile(join(directory, CONNECTION_PROFILE_FILE), connectionProfileFor(material));
 * ```
 */
export async function writeConnectionProfile(path: string, profile: ConnectionProfile): Promise<void> {
  const file = resolve(path);
  const base = dirname(file);
  const portable = (target: string): string => relative(base, target).split(sep).join('/');
  const json = {
    channel: profile.channel,
    chaincode: profile.chaincode,
    peer: {
      endpoint: profile.peer.endpoint,
      tlsRootCertPath: portable(profile.peer.tlsRootCertPath),
      ...(profile.peer.hostnameOverride === undefined ? {} : { hostnameOverride: profile.peer.hostnameOverride }),
    },
    identities: profile.identities.map((identity) => ({ ...identity, certPath: portable(identity.certPath), keyPath: portable(identity.keyPath) })),
    ...(profile.organisations === undefined
      ? {}
      : {
          organisations: profile.organisations.map((organisation) => ({
            mspId: organisation.mspId,
            mspDirectory: portable(organisation.mspDirectory),
            peer: {
              endpoint: organisation.peer.endpoint,
              tlsRootCertPath: portable(organisation.peer.tlsRootCertPath),
              ...(organisation.peer.hostnameOverride === undefined ? {} : { hostnameOverride: organisation.peer.hostnameOverride }),
              mspDirectory: portable(organisation.peer.mspDirectory),
            },
          })),
        }),
    ...(profile.ordererOrganisation === undefined ? {} : { ordererOrganisation: { mspId: profile.ordererOrganisation.mspId, mspDirectory: portable(profile.ordererOrganisation.mspDirectory) } }),
  };
  const temporary = join(base, `.${CONNECTION_PROFILE_FILE}.${randomBytes(6).toString('hex')}`);
  const handle = await open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(`${JSON.stringify(json, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
  await syncDirectory(base);
}

/**
 * Reads and checks a profile.
 *
 * @param path - the profile file
 * @returns the profile, its relative paths resolved against the file's folder
 * @throws {BootstrapError} `BOOTSTRAP_INVALID_PROFILE`, naming the field at fault (or the file,
 *   when it cannot be read or is not JSON)
 * @example
 * ```ts
 * const profile = await readConnectionProfile('.suitrust/network/connection-profile.json');
 * const admin = profile.identities.find((identity) => identity.role === 'admin');
 * ```
 */
export async function readConnectionProfile(path: string): Promise<ConnectionProfile> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new BootstrapError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { code: 'BOOTSTRAP_INVALID_PROFILE', path: file, cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new BootstrapError(`${file}: not JSON (${(err as Error).message})`, { code: 'BOOTSTRAP_INVALID_PROFILE', path: file });
  }
  return parseConnectionProfile(json, dirname(file), file);
}

/**
 * Checks a parsed profile.
 *
 * @param json - the parsed JSON
 * @param base - the folder relative paths are resolved against
 * @param file - the file it came from, for messages
 * @returns the profile with absolute paths
 * @throws {BootstrapError} `BOOTSTRAP_INVALID_PROFILE`, naming the field at fault
 */
export function parseConnectionProfile(json: unknown, base: string, file = 'connection profile'): ConnectionProfile {
  const fail = (field: string, message: string): never => {
    throw new BootstrapError(`${file}: ${field}: ${message}`, { code: 'BOOTSTRAP_INVALID_PROFILE', field, path: file });
  };
  const object = (value: unknown, field: string): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : fail(field, 'expected an object');
  const text = (value: unknown, field: string): string => (typeof value === 'string' && value.trim().length > 0 ? value : fail(field, 'expected a non-empty string'));
  const filePath = (value: unknown, field: string): string => {
    const given = text(value, field);
    return isAbsolute(given) ? given : resolve(base, given);
  };

  const root = object(json, '(root)');
  const peerOf = (value: unknown, at: string): ProfilePeer => {
    const peerJson = object(value, at);
    const endpoint = text(peerJson.endpoint, `${at}.endpoint`);
    if (!/^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(endpoint) || Number(endpoint.slice(endpoint.lastIndexOf(':') + 1)) > 65535) {
      fail(`${at}.endpoint`, `expected host:port, got ${JSON.stringify(endpoint)}`);
    }
    return {
      endpoint,
      tlsRootCertPath: filePath(peerJson.tlsRootCertPath, `${at}.tlsRootCertPath`),
      ...(peerJson.hostnameOverride === undefined ? {} : { hostnameOverride: text(peerJson.hostnameOverride, `${at}.hostnameOverride`) }),
    };
  };
  const peer = peerOf(root.peer, 'peer');
  if (!Array.isArray(root.identities) || root.identities.length === 0) fail('identities', 'expected a non-empty array');
  const names = new Set<string>();
  const identities = (root.identities as unknown[]).map((value, i): ProfileIdentity => {
    const at = `identities[${i}]`;
    const identity = object(value, at);
    const name = text(identity.name, `${at}.name`);
    if (names.has(name)) fail(`${at}.name`, `${name} is listed twice`);
    names.add(name);
    const role = text(identity.role, `${at}.role`);
    if (!(ROLES as readonly string[]).includes(role)) fail(`${at}.role`, `expected one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
    const dept = text(identity.dept, `${at}.dept`);
    // Only the shape: a pilot-era code with a wrong check character is real, and the chaincode
    // (which holds the list of such codes) is the one to accept or refuse it.
    if (checkCreditCode(dept) === 'malformed') fail(`${at}.dept`, `expected an 18-character unified social credit code, got ${JSON.stringify(dept)}`);
    return {
      name,
      mspId: text(identity.mspId, `${at}.mspId`),
      role: role as Role,
      dept,
      certPath: filePath(identity.certPath, `${at}.certPath`),
      keyPath: filePath(identity.keyPath, `${at}.keyPath`),
    };
  });
  let organisations: ProfileOrganisation[] | undefined;
  if (root.organisations !== undefined) {
    if (!Array.isArray(root.organisations) || root.organisations.length === 0) fail('organisations', 'expected a non-empty array');
    organisations = (root.organisations as unknown[]).map((value, i): ProfileOrganisation => {
      const at = `organisations[${i}]`;
      const organisation = object(value, at);
      return {
        mspId: text(organisation.mspId, `${at}.mspId`),
        mspDirectory: filePath(organisation.mspDirectory, `${at}.mspDirectory`),
        peer: { ...peerOf(organisation.peer, `${at}.peer`), mspDirectory: filePath(object(organisation.peer, `${at}.peer`).mspDirectory, `${at}.peer.mspDirectory`) },
      };
    });
  }
  const ordererJson = root.ordererOrganisation === undefined ? undefined : object(root.ordererOrganisation, 'ordererOrganisation');
  return {
    channel: text(root.channel, 'channel'),
    chaincode: text(root.chaincode, 'chaincode'),
    peer,
    identities,
    ...(organisations === undefined ? {} : { organisations }),
    ...(ordererJson === undefined
      ? {}
      : { ordererOrganisation: { mspId: text(ordererJson.mspId, 'ordererOrganisation.mspId'), mspDirectory: filePath(ordererJson.mspDirectory, 'ordererOrganisation.mspDirectory') } }),
  };
}
