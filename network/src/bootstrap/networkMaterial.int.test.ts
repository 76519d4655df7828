/**
 * The network's material on disk: created once in cryptogen's MSP layout with private files
 * closed to others, loaded unchanged on later starts, extended (never re-issued) when the data
 * gains a user, and refused with a named file or field when it disagrees with itself or the data.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer, connect, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority, samePublicKey } from '../identity/certificateAuthority';
import { BootstrapError } from './bootstrapError';
import { readCertificateClaims } from './certificateAttributes';
import { CITY_ORGANISATIONS, type CityOrganisations, type PeerOrganisationSpec } from './cityOrganisations';
import { loadOrCreateNetworkMaterial, type NetworkMaterial } from './networkMaterial';

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'suitrust-material-'));
  temporaryDirectories.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

async function listTree(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.map((entry) => `${relative(directory, join(entry.parentPath, entry.name))}${entry.isDirectory() ? '/' : ''}`).sort();
}

async function mode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

function issuedBy(certificatePem: string, caPem: string): boolean {
  const ca = new X509Certificate(caPem);
  const certificate = new X509Certificate(certificatePem);
  return certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
}

async function errorOf(promise: Promise<unknown>): Promise<BootstrapError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(BootstrapError);
  return error as BootstrapError;
}

describe('network material', () => {
  let directory: string;
  let material: NetworkMaterial;

  beforeAll(async () => {
    directory = temporaryDirectory();
    material = await loadOrCreateNetworkMaterial({ directory });
  });

  it('writes each organisation in Fabric’s MSP folder layout, as cryptogen does', async () => {
    const tree = await listTree(join(directory, 'organizations'));
    const domain = 'databureau.suitrust.local';
    const org = `peerOrganizations/${domain}`;
    expect(tree).toEqual(
      expect.arrayContaining([
        `${org}/ca/ca.${domain}-cert.pem`,
        `${org}/ca/priv_sk`,
        `${org}/tlsca/tlsca.${domain}-cert.pem`,
        `${org}/tlsca/priv_sk`,
        `${org}/msp/cacerts/ca.${domain}-cert.pem`,
        `${org}/msp/tlscacerts/tlsca.${domain}-cert.pem`,
        `${org}/msp/config.yaml`,
        `${org}/peers/peer0.${domain}/msp/cacerts/ca.${domain}-cert.pem`,
        `${org}/peers/peer0.${domain}/msp/tlscacerts/tlsca.${domain}-cert.pem`,
        `${org}/peers/peer0.${domain}/msp/signcerts/peer0.${domain}-cert.pem`,
        `${org}/peers/peer0.${domain}/msp/keystore/priv_sk`,
        `${org}/peers/peer0.${domain}/msp/config.yaml`,
        `${org}/peers/peer0.${domain}/tls/ca.crt`,
        `${org}/peers/peer0.${domain}/tls/server.crt`,
        `${org}/peers/peer0.${domain}/tls/server.key`,
        `${org}/users/admin@${domain}/msp/signcerts/cert.pem`,
        `${org}/users/admin@${domain}/msp/keystore/priv_sk`,
        `${org}/users/admin@${domain}/msp/cacerts/ca.${domain}-cert.pem`,
        `${org}/users/admin@${domain}/msp/tlscacerts/tlsca.${domain}-cert.pem`,
        `${org}/users/admin@${domain}/msp/config.yaml`,
        `${org}/users/tax-officer@${domain}/msp/signcerts/cert.pem`,
        'peerOrganizations/market.suitrust.local/users/issuer@market.suitrust.local/msp/keystore/priv_sk',
        'peerOrganizations/court.suitrust.local/users/judge@court.suitrust.local/msp/signcerts/cert.pem',
        'ordererOrganizations/suitrust.local/ca/ca.suitrust.local-cert.pem',
        'ordererOrganizations/suitrust.local/msp/config.yaml',
        'ordererOrganizations/suitrust.local/orderers/orderer.suitrust.local/msp/signcerts/orderer.suitrust.local-cert.pem',
        'ordererOrganizations/suitrust.local/orderers/orderer.suitrust.local/msp/keystore/priv_sk',
        'ordererOrganizations/suitrust.local/orderers/orderer.suitrust.local/tls/server.key',
        'ordererOrganizations/suitrust.local/orderers/orderer2.suitrust.local/msp/signcerts/orderer2.suitrust.local-cert.pem',
        'ordererOrganizations/suitrust.local/orderers/orderer3.suitrust.local/msp/keystore/priv_sk',
        'ordererOrganizations/suitrust.local/orderers/orderer3.suitrust.local/tls/server.crt',
      ]),
    );
    // No half-built folder is left behind.
    expect(tree.filter((path) => path.includes('.partial-'))).toEqual([]);
    const config = await readFile(join(directory, 'organizations', org, 'msp', 'config.yaml'), 'utf8');
    expect(config).toBe(
      [
        'NodeOUs:',
        '  Enable: true',
        ...['ClientOUIdentifier:client', 'PeerOUIdentifier:peer', 'AdminOUIdentifier:admin', 'OrdererOUIdentifier:orderer'].flatMap((entry) => {
          const [key, ou] = entry.split(':');
          return [`  ${key}:`, `    Certificate: cacerts/ca.${domain}-cert.pem`, `    OrganizationalUnitIdentifier: ${ou}`];
        }),
        '',
      ].join('\n'),
    );
  });

  it('keeps private keys in files of mode 0600 inside directories of mode 0700', async () => {
    const tree = await listTree(directory);
    const keys = tree.filter((path) => path.endsWith('priv_sk') || path.endsWith('server.key'));
    expect(keys.length).toBe(4 * 2 + 6 + 7 + 6); // CA + TLS CA keys, node keys (3 peers, 3 orderers), user keys, TLS keys
    for (const key of keys) {
      expect(await mode(join(directory, key))).toBe(0o600);
      expect(await mode(join(directory, key, '..'))).toBe(0o700);
    }
    expect(await mode(directory)).toBe(0o700);
    for (const certificate of tree.filter((path) => path.endsWith('.pem') || path.endsWith('.crt'))) {
      expect(await readFile(join(directory, certificate), 'utf8')).not.toContain('PRIVATE KEY');
    }
  });

  it('returns every organisation with its CAs, peer and users carrying role and dept', () => {
    expect(material.organisations.map((organisation) => organisation.mspId)).toEqual(['DataBureauMSP', 'MarketRegulationMSP', 'InternetCourtMSP']);
    for (const [index, organisation] of material.organisations.entries()) {
      const spec = CITY_ORGANISATIONS.peerOrganisations[index] as PeerOrganisationSpec;
      expect(organisation.domain).toBe(spec.domain);
      expect(issuedBy(organisation.peer.identity.certificatePem, organisation.caCertificatePem)).toBe(true);
      expect(readCertificateClaims(organisation.peer.identity.certificatePem).organisationalUnits).toEqual(['peer']);
      expect(issuedBy(organisation.peer.tls.certificatePem, organisation.tlsCaCertificatePem)).toBe(true);
      expect(organisation.users.map((user) => user.name)).toEqual(spec.users.map((user) => user.name));
      for (const user of organisation.users) {
        const claims = readCertificateClaims(user.identity.certificatePem);
        expect(claims.attributes).toMatchObject({ role: user.role, dept: user.dept });
        expect(claims.organisationalUnits).toEqual([user.role === 'admin' ? 'admin' : 'client']);
        expect(user.identity.mspId).toBe(organisation.mspId);
        expect(issuedBy(user.identity.certificatePem, organisation.caCertificatePem)).toBe(true);
        expect(samePublicKey(user.identity.privateKeyPem, user.identity.certificatePem)).toBe(true);
      }
    }
    const taxOfficer = material.organisations[0]?.users.find((user) => user.name === 'tax-officer');
    const taxCode = CITY_ORGANISATIONS.peerOrganisations[0]?.departments.find((department) => department.key === 'tax')?.creditCode;
    expect(taxOfficer?.dept).toBe(taxCode);
    expect(readCertificateClaims(material.ordererOrganisation.orderer.identity.certificatePem).organisationalUnits).toEqual(['orderer']);
    expect(material.ordererOrganisation.orderer.identity.mspId).toBe('OrdererMSP');
    expect(material.peerTls).toBe(material.organisations[0]?.peer.tls);
  });

  it('prints nothing private', () => {
    for (const printed of [inspect(material, { depth: 10 }), JSON.stringify(material)]) expect(printed).not.toContain('PRIVATE KEY');
  });

  it('serves TLS on loopback that a client trusting the organisation’s TLS root accepts, by name or with a hostname override', async () => {
    const tls = material.peerTls;
    const server = createServer({ cert: tls.certificatePem, key: tls.privateKeyPem }, (socket) => socket.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const root = await readFile(material.organisations[0]?.tlsRootCertPath as string, 'utf8');
    const handshake = (servername: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket: TLSSocket = connect({ host: '127.0.0.1', port, ca: root, servername }, () => socket.setEncoding('utf8'));
        socket.on('data', (data: string) => resolve(data));
        socket.on('error', reject);
      });
    try {
      expect(await handshake('localhost')).toBe('ok');
      expect(await handshake('peer0.databureau.suitrust.local')).toBe('ok');
      await expect(handshake('peer0.market.suitrust.local')).rejects.toThrow(/altnames|Hostname/);
    } finally {
      server.close();
    }
  });

  it('loads the same material on a later start and writes nothing', async () => {
    const before = await listTree(directory);
    const stamps = await Promise.all(before.map(async (path) => (await stat(join(directory, path))).mtimeMs));
    const again = await loadOrCreateNetworkMaterial({ directory });
    expect(await listTree(directory)).toEqual(before);
    expect(await Promise.all(before.map(async (path) => (await stat(join(directory, path))).mtimeMs))).toEqual(stamps);
    expect(again.organisations.map((organisation) => organisation.caCertificatePem)).toEqual(material.organisations.map((organisation) => organisation.caCertificatePem));
    expect(again.organisations.flatMap((organisation) => organisation.users.map((user) => user.identity.certificatePem))).toEqual(
      material.organisations.flatMap((organisation) => organisation.users.map((user) => user.identity.certificatePem)),
    );
    expect(again.ordererOrganisation.orderer.identity.certificatePem).toBe(material.ordererOrganisation.orderer.identity.certificatePem);
    expect(again.peerTls.privateKeyPem).toBe(material.peerTls.privateKeyPem);
  });
});

describe('network material, later changes', () => {
  const city = (change: (organisation: PeerOrganisationSpec) => PeerOrganisationSpec): CityOrganisations => {
    const [first, ...rest] = CITY_ORGANISATIONS.peerOrganisations;
    return { ...CITY_ORGANISATIONS, peerOrganisations: [change(first as PeerOrganisationSpec), ...rest] };
  };

  it('enrols a user added to the data with the saved CA, leaving the others as they were', async () => {
    const directory = temporaryDirectory();
    const first = await loadOrCreateNetworkMaterial({ directory });
    const grown = city((organisation) => ({ ...organisation, users: [...organisation.users, { name: 'health-officer', role: 'officer', department: 'health' }] }));
    const second = await loadOrCreateNetworkMaterial({ directory, organisations: grown });
    const added = second.organisations[0]?.users.at(-1);
    expect(added?.name).toBe('health-officer');
    expect(issuedBy(added?.identity.certificatePem as string, first.organisations[0]?.caCertificatePem as string)).toBe(true);
    expect(await mode(added?.keyPath as string)).toBe(0o600);
    expect(second.organisations[0]?.users.slice(0, -1).map((user) => user.identity.certificatePem)).toEqual(first.organisations[0]?.users.map((user) => user.identity.certificatePem));
    // Dropping it from the data again leaves its folder alone and does not return it.
    const third = await loadOrCreateNetworkMaterial({ directory });
    expect(third.organisations[0]?.users.map((user) => user.name)).not.toContain('health-officer');
    expect((await stat(added?.certPath as string)).isFile()).toBe(true);
  });

  it('issues the orderers the data lists after the first with the saved CAs, as consenters in order, leaving the first as it was', async () => {
    const directory = temporaryDirectory();
    const { additionalOrderers: _none, ...single } = CITY_ORGANISATIONS.ordererOrganisation;
    const first = await loadOrCreateNetworkMaterial({ directory, organisations: { ...CITY_ORGANISATIONS, ordererOrganisation: single } });
    expect(first.ordererOrganisation.consenters.map((node) => node.hostName)).toEqual(['orderer.suitrust.local']);
    const second = await loadOrCreateNetworkMaterial({ directory });
    const orderers = second.ordererOrganisation;
    expect(orderers.consenters.map((node) => `${node.hostName} ${node.host}:${node.port}`)).toEqual([
      'orderer.suitrust.local localhost:7050',
      'orderer2.suitrust.local localhost:8050',
      'orderer3.suitrust.local localhost:9050',
    ]);
    expect(orderers.orderer.identity.certificatePem).toBe(first.ordererOrganisation.orderer.identity.certificatePem);
    for (const node of orderers.consenters) {
      expect(issuedBy(node.identity.certificatePem, orderers.caCertificatePem)).toBe(true);
      expect(issuedBy(node.tls.certificatePem, orderers.tlsCaCertificatePem)).toBe(true);
      expect(readCertificateClaims(node.identity.certificatePem).organisationalUnits).toEqual(['orderer']);
      expect(await mode(node.tls.keyPath)).toBe(0o600);
    }
    // A later start finds them and issues nothing new.
    const third = await loadOrCreateNetworkMaterial({ directory });
    expect(third.ordererOrganisation.consenters.map((node) => node.tls.certificatePem)).toEqual(orderers.consenters.map((node) => node.tls.certificatePem));
  });

  it('refuses, rather than re-issues, a user whose role or department changed in the data', async () => {
    const directory = temporaryDirectory();
    await loadOrCreateNetworkMaterial({ directory });
    const promoted = city((organisation) => ({ ...organisation, users: organisation.users.map((user) => (user.name === 'officer' ? { ...user, role: 'auditor' } : user)) }));
    const error = await errorOf(loadOrCreateNetworkMaterial({ directory, organisations: promoted }));
    expect(error.code).toBe('BOOTSTRAP_MATERIAL_MISMATCH');
    expect(error.field).toBe('peerOrganisations[0].users[1]');
    expect(error.message).toMatch(/role "officer".*"auditor"/);
    const moved = city((organisation) => ({ ...organisation, users: organisation.users.map((user) => (user.name === 'officer' ? { ...user, department: 'health' } : user)) }));
    expect((await errorOf(loadOrCreateNetworkMaterial({ directory, organisations: moved }))).message).toMatch(/dept/);
  });

  it('names the file when material is inconsistent, without quoting any key', async () => {
    const directory = temporaryDirectory();
    const material = await loadOrCreateNetworkMaterial({ directory });
    const judge = material.organisations[2]?.users[0];
    const stranger = await (await CertificateAuthority.create({ mspId: 'X', organisation: 'x.local' })).enrol({ commonName: 'x', nodeOu: 'client' });
    await writeFile(judge?.keyPath as string, stranger.privateKeyPem);
    const error = await errorOf(loadOrCreateNetworkMaterial({ directory }));
    expect(error.code).toBe('BOOTSTRAP_MATERIAL_CORRUPT');
    expect(error.path).toBe(judge?.keyPath);
    expect(error.message).not.toContain('PRIVATE KEY');
    expect(error.message).not.toContain(stranger.privateKeyPem.split('\n')[1]);
    await writeFile(judge?.keyPath as string, 'not a key');
    expect((await errorOf(loadOrCreateNetworkMaterial({ directory }))).message).toMatch(/not a PEM private key/);
  });

  it('refuses a peer host its TLS certificate does not name', async () => {
    const directory = temporaryDirectory();
    await loadOrCreateNetworkMaterial({ directory });
    const moved = city((organisation) => ({ ...organisation, peer: { host: 'peer.example.org', port: 7051 } }));
    const error = await errorOf(loadOrCreateNetworkMaterial({ directory, organisations: moved }));
    expect(error.code).toBe('BOOTSTRAP_MATERIAL_MISMATCH');
    expect(error.field).toBe('peerOrganisations[0].peer.host');
  });

  it('ignores a half-built folder a crash left, and two starts racing agree on one set of material', async () => {
    const directory = temporaryDirectory();
    const partial = join(directory, 'organizations', 'peerOrganizations', '.databureau.suitrust.local.partial-0123456789ab');
    await mkdir(join(partial, 'ca'), { recursive: true });
    await writeFile(join(partial, 'ca', 'priv_sk'), 'half');
    const [a, b] = await Promise.all([loadOrCreateNetworkMaterial({ directory }), loadOrCreateNetworkMaterial({ directory })]);
    expect(a.organisations.map((organisation) => organisation.caCertificatePem)).toEqual(b.organisations.map((organisation) => organisation.caCertificatePem));
    expect(a.organisations.flatMap((organisation) => organisation.users.map((user) => user.certPath))).toEqual(
      b.organisations.flatMap((organisation) => organisation.users.map((user) => user.certPath)),
    );
    const listing = await readdir(join(directory, 'organizations', 'peerOrganizations'));
    expect(listing.filter((name) => name.includes('.partial-'))).toEqual(['.databureau.suitrust.local.partial-0123456789ab']);
  });
});
