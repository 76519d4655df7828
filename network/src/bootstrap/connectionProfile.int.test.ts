/**
 * The connection profile: written from the network's material with paths relative to the file,
 * read back with absolute paths, and refused with the bad field named.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samePublicKey } from '../identity/certificateAuthority';
import { BootstrapError } from './bootstrapError';
import { CONNECTION_PROFILE_FILE, connectionProfileFor, parseConnectionProfile, readConnectionProfile, writeConnectionProfile } from './connectionProfile';
import { loadOrCreateNetworkMaterial, type NetworkMaterial } from './networkMaterial';

async function rejection(promise: Promise<unknown>): Promise<BootstrapError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(BootstrapError);
  return error as BootstrapError;
}

describe('connection profile', () => {
  let root: string;
  let directory: string;
  let material: NetworkMaterial;
  let path: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'suitrust-profile-'));
    directory = join(root, 'network');
    material = await loadOrCreateNetworkMaterial({ directory });
    path = join(directory, CONNECTION_PROFILE_FILE);
    await writeConnectionProfile(path, connectionProfileFor(material));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names the channel, the chaincode, the embedded peer and every user, with paths relative to the file', async () => {
    const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({
      channel: 'suitrust',
      chaincode: 'suitrust',
      peer: {
        endpoint: 'localhost:7051',
        tlsRootCertPath: 'organizations/peerOrganizations/databureau.suitrust.local/msp/tlscacerts/tlsca.databureau.suitrust.local-cert.pem',
        hostnameOverride: 'peer0.databureau.suitrust.local',
      },
    });
    const identities = json.identities as Record<string, string>[];
    expect(identities.map((identity) => `${identity.mspId} ${identity.name} ${identity.role}`)).toEqual([
      'DataBureauMSP admin@databureau.suitrust.local admin',
      'DataBureauMSP officer@databureau.suitrust.local officer',
      'DataBureauMSP auditor@databureau.suitrust.local auditor',
      'DataBureauMSP tax-officer@databureau.suitrust.local officer',
      'MarketRegulationMSP issuer@market.suitrust.local issuer',
      'MarketRegulationMSP officer@market.suitrust.local officer',
      'InternetCourtMSP judge@court.suitrust.local court',
    ]);
    expect(identities[0]).toMatchObject({
      certPath: 'organizations/peerOrganizations/databureau.suitrust.local/users/admin@databureau.suitrust.local/msp/signcerts/cert.pem',
      keyPath: 'organizations/peerOrganizations/databureau.suitrust.local/users/admin@databureau.suitrust.local/msp/keystore/priv_sk',
    });
    expect(await readFile(path, 'utf8')).not.toContain('PRIVATE KEY');
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    expect((await readdir(directory)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('reads back what was written, with absolute paths to files that hold the identities', async () => {
    const profile = await readConnectionProfile(path);
    expect(profile).toEqual(connectionProfileFor(material));
    const admin = profile.identities[0];
    const certificatePem = await readFile(admin?.certPath as string, 'utf8');
    expect(samePublicKey(await readFile(admin?.keyPath as string, 'utf8'), certificatePem)).toBe(true);
    // The TLS root is the one the embedded peer's server certificate chains to.
    expect(new X509Certificate(material.peerTls.certificatePem).checkIssued(new X509Certificate(await readFile(profile.peer.tlsRootCertPath, 'utf8')))).toBe(true);
    expect(new X509Certificate(material.peerTls.certificatePem).checkHost(profile.peer.hostnameOverride as string)).toBeDefined();
    expect(admin?.dept).toBe(material.organisations[0]?.users[0]?.dept);
  });

  it('lists each organisation with its MSP and its peer, and the ordering organisation, for proofs', async () => {
    const profile = await readConnectionProfile(path);
    expect(profile.organisations?.map((organisation) => organisation.mspId)).toEqual(material.organisations.map((organisation) => organisation.mspId));
    for (const [i, organisation] of (profile.organisations ?? []).entries()) {
      const expected = material.organisations[i];
      expect(organisation.peer).toMatchObject({ endpoint: `${expected?.peer.host}:${expected?.peer.port}`, hostnameOverride: expected?.peer.hostName, mspDirectory: expected?.peer.mspDirectory });
      expect((await stat(join(organisation.mspDirectory, 'cacerts'))).isDirectory()).toBe(true);
      expect((await stat(join(organisation.peer.mspDirectory, 'signcerts'))).isDirectory()).toBe(true);
    }
    expect(profile.ordererOrganisation).toEqual({ mspId: material.ordererOrganisation.mspId, mspDirectory: material.ordererOrganisation.mspDirectory });
  });

  it('still works when the folder is moved, since its paths are relative', async () => {
    const moved = join(root, 'moved');
    await cp(directory, moved, { recursive: true });
    const profile = await readConnectionProfile(join(moved, CONNECTION_PROFILE_FILE));
    expect(profile.identities[0]?.certPath.startsWith(moved)).toBe(true);
    expect((await stat(profile.peer.tlsRootCertPath)).isFile()).toBe(true);
  });

  it('is replaced whole on the next write', async () => {
    await writeConnectionProfile(path, { ...connectionProfileFor(material), channel: 'other' });
    expect((await readConnectionProfile(path)).channel).toBe('other');
    await writeConnectionProfile(path, connectionProfileFor(material));
  });

  it('accepts absolute paths and no hostname override, as a hand-written profile for a real network has', () => {
    const profile = parseConnectionProfile(
      {
        channel: 'suitrust',
        chaincode: 'suitrust',
        peer: { endpoint: 'peer0.org1.example.com:7051', tlsRootCertPath: '/etc/fabric/tlsca.pem' },
        identities: [{ name: 'a', mspId: 'Org1MSP', role: 'officer', dept: material.organisations[0]?.users[0]?.dept, certPath: '/etc/fabric/cert.pem', keyPath: 'keys/a' }],
      },
      '/srv/suitrust',
    );
    expect(profile.peer).toEqual({ endpoint: 'peer0.org1.example.com:7051', tlsRootCertPath: '/etc/fabric/tlsca.pem' });
    expect(profile.identities[0]?.certPath).toBe('/etc/fabric/cert.pem');
    expect(profile.identities[0]?.keyPath).toBe('/srv/suitrust/keys/a');
  });

  it('names the bad field', async () => {
    const good = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const identities = good.identities as Record<string, unknown>[];
    const fieldOf = (json: unknown): string | undefined => {
      try {
        parseConnectionProfile(json, directory);
        return undefined;
      } catch (err) {
        expect(err).toBeInstanceOf(BootstrapError);
        expect((err as BootstrapError).code).toBe('BOOTSTRAP_INVALID_PROFILE');
        expect((err as BootstrapError).message).toContain((err as BootstrapError).field);
        return (err as BootstrapError).field;
      }
    };
    expect(fieldOf(good)).toBeUndefined();
    expect(fieldOf([])).toBe('(root)');
    expect(fieldOf({ ...good, channel: '' })).toBe('channel');
    expect(fieldOf({ ...good, chaincode: 7 })).toBe('chaincode');
    expect(fieldOf({ ...good, peer: undefined })).toBe('peer');
    expect(fieldOf({ ...good, peer: { ...(good.peer as object), endpoint: 'localhost' } })).toBe('peer.endpoint');
    expect(fieldOf({ ...good, peer: { ...(good.peer as object), endpoint: 'localhost:99999' } })).toBe('peer.endpoint');
    expect(fieldOf({ ...good, peer: { ...(good.peer as object), tlsRootCertPath: undefined } })).toBe('peer.tlsRootCertPath');
    expect(fieldOf({ ...good, peer: { ...(good.peer as object), hostnameOverride: '' } })).toBe('peer.hostnameOverride');
    expect(fieldOf({ ...good, identities: [] })).toBe('identities');
    expect(fieldOf({ ...good, identities: [identities[0], 'x'] })).toBe('identities[1]');
    expect(fieldOf({ ...good, identities: [identities[0], identities[0]] })).toBe('identities[1].name');
    expect(fieldOf({ ...good, identities: [{ ...identities[0], role: 'mayor' }] })).toBe('identities[0].role');
    expect(fieldOf({ ...good, identities: [{ ...identities[0], dept: '123' }] })).toBe('identities[0].dept');
    expect(fieldOf({ ...good, identities: [{ ...identities[0], mspId: undefined }] })).toBe('identities[0].mspId');
    expect(fieldOf({ ...good, identities: [{ ...identities[0], keyPath: '' }] })).toBe('identities[0].keyPath');
    const organisations = good.organisations as Record<string, unknown>[];
    expect(fieldOf({ ...good, organisations: [] })).toBe('organisations');
    expect(fieldOf({ ...good, organisations: [{ ...organisations[0], mspDirectory: '' }] })).toBe('organisations[0].mspDirectory');
    expect(fieldOf({ ...good, organisations: [{ ...organisations[0], peer: { ...(organisations[0]?.peer as object), endpoint: 'nowhere' } }] })).toBe('organisations[0].peer.endpoint');
    expect(fieldOf({ ...good, organisations: [{ ...organisations[0], peer: { ...(organisations[0]?.peer as object), mspDirectory: undefined } }] })).toBe('organisations[0].peer.mspDirectory');
    expect(fieldOf({ ...good, ordererOrganisation: { mspId: 'OrdererMSP' } })).toBe('ordererOrganisation.mspDirectory');
    const broken = join(root, 'broken.json');
    await writeFile(broken, '{ not json');
    const error = await rejection(readConnectionProfile(broken));
    expect(error.code).toBe('BOOTSTRAP_INVALID_PROFILE');
    expect(error.path).toBe(broken);
    expect((await rejection(readConnectionProfile(join(root, 'absent.json')))).code).toBe('BOOTSTRAP_INVALID_PROFILE');
  });
});
