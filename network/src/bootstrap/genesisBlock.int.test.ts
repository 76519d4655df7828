/**
 * The genesis block the embedded network makes: block 0 with one CONFIG transaction shaped as
 * Fabric 2.5's configtxgen makes it (compared group by group with the real Fabric 2.5.4 genesis
 * block in test/fixtures/fabric-2.5-blocks/b0.block), hashed and signed as Fabric's orderer
 * does, and read back by {@link readGenesisOrganisations}.
 */
import { X509Certificate, createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { common, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockDataHash, blockHeaderBytes } from '../ledger/blockHash';
import { BootstrapError } from './bootstrapError';
import { createGenesisBlock } from './genesisBlock';
import { readGenesisOrganisations } from './genesisOrganisations';
import { loadOrCreateNetworkMaterial, type NetworkMaterial } from './networkMaterial';

/** Blocks of a real Fabric 2.5.4 network (see the folder's README). */
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'fabric-2.5-blocks');
const fabricGenesis = common.Block.deserializeBinary(readFileSync(join(FIXTURES, 'b0.block')));

interface Unpacked {
  readonly payload: common.Payload;
  readonly channelHeader: common.ChannelHeader;
  readonly signatureHeader: common.SignatureHeader;
  readonly config: common.Config;
}

function unpack(block: common.Block): Unpacked {
  const envelope = common.Envelope.deserializeBinary(block.getData()?.getDataList_asU8()[0] as Uint8Array);
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const header = payload.getHeader() as common.Header;
  return {
    payload,
    channelHeader: common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()),
    signatureHeader: common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8()),
    config: common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig() as common.Config,
  };
}

/** The tree's shape: every group, value and policy path with its mod policy and policy type, organisation names generalised. */
function shape(group: common.ConfigGroup, path: string, organisations: ReadonlySet<string>): string[] {
  const lines: string[] = [`${path} group mod=${group.getModPolicy()} v${group.getVersion()}`];
  group.getValuesMap().forEach((value, key) => lines.push(`${path}/${key} value mod=${value.getModPolicy()}`));
  group.getPoliciesMap().forEach((policy, key) => lines.push(`${path}/${key} policy type=${policy.getPolicy()?.getType()} mod=${policy.getModPolicy()}`));
  group.getGroupsMap().forEach((child, key) => lines.push(...shape(child, `${path}/${organisations.has(key) ? '<org>' : key}`, organisations)));
  return [...new Set(lines)].sort();
}

function value<T>(group: common.ConfigGroup, key: string, decode: (bytes: Uint8Array) => T): T {
  return decode(group.getValuesMap().get(key)?.getValue_asU8() as Uint8Array);
}

describe('genesis block', () => {
  let directory: string;
  let material: NetworkMaterial;
  let block: common.Block;
  const timestamp = new Date('2026-06-01T00:00:00.250Z');

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-genesis-'));
    material = await loadOrCreateNetworkMaterial({ directory });
    block = createGenesisBlock({ channelId: 'suitrust', organisations: material.organisations, ordererOrganisation: material.ordererOrganisation, timestamp });
    // What a block store writes and reads back.
    block = common.Block.deserializeBinary(block.serializeBinary());
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('is block 0 with an empty previous hash, the data hash of its one envelope and five metadata entries', () => {
    const header = block.getHeader() as common.BlockHeader;
    expect(header.getNumber()).toBe(0);
    expect(header.getPreviousHash_asU8()).toHaveLength(0);
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    expect(envelopes).toHaveLength(1);
    expect(Buffer.from(header.getDataHash_asU8())).toEqual(Buffer.from(blockDataHash(envelopes)));
    expect(Buffer.from(header.getDataHash_asU8())).toEqual(createHash('sha256').update(envelopes[0] as Uint8Array).digest());
    expect(block.getMetadata()?.getMetadataList_asU8()).toHaveLength(5);
  });

  it('holds a CONFIG transaction as configtxgen writes it', () => {
    const { channelHeader, signatureHeader, config, payload } = unpack(block);
    expect(channelHeader.getType()).toBe(common.HeaderType.CONFIG);
    expect(channelHeader.getVersion()).toBe(1);
    expect(channelHeader.getChannelId()).toBe('suitrust');
    expect(channelHeader.getEpoch()).toBe(0);
    expect(channelHeader.getTimestamp()?.getSeconds()).toBe(Math.floor(timestamp.getTime() / 1000));
    expect(channelHeader.getTimestamp()?.getNanos()).toBe(250_000_000);
    expect(signatureHeader.getCreator_asU8()).toHaveLength(0);
    expect(signatureHeader.getNonce_asU8()).toHaveLength(24);
    expect(channelHeader.getTxId()).toBe(createHash('sha256').update(signatureHeader.getNonce_asU8()).digest('hex'));
    expect(common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getLastUpdate()).toBeUndefined();
    expect(config.getSequence()).toBe(0);
    const envelope = common.Envelope.deserializeBinary(block.getData()?.getDataList_asU8()[0] as Uint8Array);
    expect(envelope.getSignature_asU8()).toHaveLength(0);
  });

  it('has the configuration tree of a real Fabric 2.5 genesis block, group by group', () => {
    const ours = shape(unpack(block).config.getChannelGroup() as common.ConfigGroup, 'Channel', new Set(['DataBureauMSP', 'MarketRegulationMSP', 'InternetCourtMSP', 'OrdererMSP']));
    const fabric = shape(unpack(fabricGenesis).config.getChannelGroup() as common.ConfigGroup, 'Channel', new Set(['Org1MSP', 'Org2MSP', 'OrdererOrg']));
    expect(ours).toEqual(fabric);
  });

  it('states the channel-level values Fabric always has, and the embedded orderer’s batch limits and the data’s three consenters', () => {
    const channel = unpack(block).config.getChannelGroup() as common.ConfigGroup;
    expect(value(channel, 'HashingAlgorithm', common.HashingAlgorithm.deserializeBinary).getName()).toBe('SHA256');
    expect(value(channel, 'BlockDataHashingStructure', common.BlockDataHashingStructure.deserializeBinary).getWidth()).toBe(4294967295);
    expect([...value(channel, 'Capabilities', common.Capabilities.deserializeBinary).getCapabilitiesMap().keys()]).toEqual(['V2_0']);
    const application = channel.getGroupsMap().get('Application') as common.ConfigGroup;
    expect([...value(application, 'Capabilities', common.Capabilities.deserializeBinary).getCapabilitiesMap().keys()]).toEqual(['V2_5']);
    const ordererGroup = channel.getGroupsMap().get('Orderer') as common.ConfigGroup;
    const batchSize = value(ordererGroup, 'BatchSize', orderer.BatchSize.deserializeBinary);
    expect(batchSize.getMaxMessageCount()).toBe(500);
    expect(value(ordererGroup, 'BatchTimeout', orderer.BatchTimeout.deserializeBinary).getTimeout()).toBe('20ms');
    const consensus = value(ordererGroup, 'ConsensusType', orderer.ConsensusType.deserializeBinary);
    expect(consensus.getType()).toBe('etcdraft');
    const consenters = orderer.etcdraft.ConfigMetadata.deserializeBinary(consensus.getMetadata_asU8()).getConsentersList();
    expect(consenters.map((consenter) => `${consenter.getHost()}:${consenter.getPort()}`)).toEqual(['localhost:7050', 'localhost:8050', 'localhost:9050']);
    expect(consenters.map((consenter) => Buffer.from(consenter.getServerTlsCert_asU8()).toString())).toEqual(material.ordererOrganisation.consenters.map((node) => node.tls.certificatePem));
    expect(consenters.map((consenter) => Buffer.from(consenter.getClientTlsCert_asU8()).toString())).toEqual(material.ordererOrganisation.consenters.map((node) => node.tls.certificatePem));
    expect(material.ordererOrganisation.consenters.map((node) => node.hostName)).toEqual(['orderer.suitrust.local', 'orderer2.suitrust.local', 'orderer3.suitrust.local']);
    const ordererOrg = ordererGroup.getGroupsMap().get('OrdererMSP') as common.ConfigGroup;
    expect(value(ordererOrg, 'Endpoints', common.OrdererAddresses.deserializeBinary).getAddressesList()).toEqual(['localhost:7050', 'localhost:8050', 'localhost:9050']);
    const dataBureau = application.getGroupsMap().get('DataBureauMSP') as common.ConfigGroup;
    expect(value(dataBureau, 'AnchorPeers', peer.AnchorPeers.deserializeBinary).toObject()).toEqual({ anchorPeersList: [{ host: 'localhost', port: 7051 }] });
    const mspConfig = value(dataBureau, 'MSP', msp.MSPConfig.deserializeBinary);
    expect(mspConfig.getType()).toBe(0);
    const fabricMsp = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
    const nodeOus = fabricMsp.getFabricNodeOus() as msp.FabricNodeOUs;
    expect(nodeOus.getEnable()).toBe(true);
    expect(
      [nodeOus.getClientOuIdentifier(), nodeOus.getPeerOuIdentifier(), nodeOus.getAdminOuIdentifier(), nodeOus.getOrdererOuIdentifier()].map((identifier) => [
        identifier?.getOrganizationalUnitIdentifier(),
        Buffer.from(identifier?.getCertificate_asU8() as Uint8Array).toString() === material.organisations[0]?.caCertificatePem,
      ]),
    ).toEqual([
      ['client', true],
      ['peer', true],
      ['admin', true],
      ['orderer', true],
    ]);
    expect(fabricMsp.getCryptoConfig()?.toObject()).toEqual({ signatureHashFamily: 'SHA2', identityIdentifierHashFunction: 'SHA256' });
  });

  it('lets any one organisation’s peer endorse', () => {
    const application = unpack(block).config.getChannelGroup()?.getGroupsMap().get('Application') as common.ConfigGroup;
    const endorsement = application.getPoliciesMap().get('Endorsement')?.getPolicy() as common.Policy;
    expect(endorsement.getType()).toBe(common.Policy.PolicyType.SIGNATURE);
    const envelope = common.SignaturePolicyEnvelope.deserializeBinary(endorsement.getValue_asU8());
    expect(envelope.getRule()?.getNOutOf()?.getN()).toBe(1);
    expect(
      envelope.getIdentitiesList().map((principal) => {
        const role = msp.MSPRole.deserializeBinary(principal.getPrincipal_asU8());
        return `${role.getMspIdentifier()}.${role.getRole()}`;
      }),
    ).toEqual(['DataBureauMSP.3', 'MarketRegulationMSP.3', 'InternetCourtMSP.3']);
  });

  it('is signed by the orderer over value ‖ signature header ‖ header DER', () => {
    const metadata = common.Metadata.deserializeBinary(block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES] as Uint8Array);
    const [signature] = metadata.getSignaturesList();
    const signatureHeader = common.SignatureHeader.deserializeBinary(signature?.getSignatureHeader_asU8() as Uint8Array);
    const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
    expect(creator.getMspid()).toBe('OrdererMSP');
    const certificatePem = Buffer.from(creator.getIdBytes_asU8()).toString();
    expect(certificatePem).toBe(material.ordererOrganisation.orderer.identity.certificatePem);
    expect(new X509Certificate(certificatePem).checkIssued(new X509Certificate(material.ordererOrganisation.caCertificatePem))).toBe(true);
    const signed = Buffer.concat([metadata.getValue_asU8(), signature?.getSignatureHeader_asU8() as Uint8Array, blockHeaderBytes(block.getHeader() as common.BlockHeader)]);
    const publicKey = createPublicKey(certificatePem);
    const bytes = signature?.getSignature_asU8() as Uint8Array;
    // Fabric verifies ECDSA over SHA-256 of the signed bytes.
    expect(verify('sha256', signed, publicKey, bytes)).toBe(true);
  });

  it('reads back the organisations it was made from', () => {
    const members = readGenesisOrganisations(block);
    expect(members.channelId).toBe('suitrust');
    expect(members.sequence).toBe(0);
    const byId = new Map(material.organisations.map((organisation) => [organisation.mspId, organisation]));
    expect(members.application.map((organisation) => organisation.mspId).sort()).toEqual([...byId.keys()].sort());
    for (const member of members.application) {
      expect(member.rootCertificates).toEqual([byId.get(member.mspId)?.caCertificatePem]);
      expect(member.tlsRootCertificates).toEqual([byId.get(member.mspId)?.tlsCaCertificatePem]);
      expect(member.intermediateCertificates).toEqual([]);
      expect(member.nodeOUs).toBe(true);
    }
    expect(members.orderer).toEqual([
      {
        mspId: 'OrdererMSP',
        groupName: 'OrdererMSP',
        rootCertificates: [material.ordererOrganisation.caCertificatePem],
        intermediateCertificates: [],
        tlsRootCertificates: [material.ordererOrganisation.tlsCaCertificatePem],
        nodeOUs: true,
      },
    ]);
    expect(members.ordererEndpoints).toEqual(['localhost:7050', 'localhost:8050', 'localhost:9050']);
    expect(members.raftConsenters).toEqual(['localhost:7050', 'localhost:8050', 'localhost:9050']);
  });

  it('refuses a bad channel id', () => {
    expect(() => createGenesisBlock({ channelId: 'SuiTrust', organisations: material.organisations, ordererOrganisation: material.ordererOrganisation })).toThrow(/channelId/);
  });
});

describe('readGenesisOrganisations', () => {
  it('reads the members of a real Fabric 2.5.4 channel from its genesis block', () => {
    const members = readGenesisOrganisations(fabricGenesis);
    expect(members.channelId).toBe('mychannel');
    expect(members.application.map((organisation) => organisation.mspId)).toEqual(['Org1MSP', 'Org2MSP']);
    expect(members.orderer.map((organisation) => [organisation.groupName, organisation.mspId])).toEqual([['OrdererOrg', 'OrdererMSP']]);
    for (const organisation of [...members.application, ...members.orderer]) {
      expect(organisation.rootCertificates).toHaveLength(1);
      expect(organisation.tlsRootCertificates).toHaveLength(1);
      expect(organisation.nodeOUs).toBe(true);
    }
    expect(new X509Certificate(members.application[0]?.rootCertificates[0] as string).subject).toContain('CN=ca.org1.example.com');
    expect(members.ordererEndpoints).toEqual(['127.0.0.1:6050', '127.0.0.1:6051', '127.0.0.1:6052', '127.0.0.1:6053']);
    expect(members.raftConsenters).toEqual(['127.0.0.1:6050', '127.0.0.1:6051', '127.0.0.1:6052']);
  });

  it('refuses a block that is not a config block, naming the part at fault', () => {
    const transactions = common.Block.deserializeBinary(readFileSync(join(FIXTURES, 'b4.block')));
    expect(() => readGenesisOrganisations(transactions)).toThrow(BootstrapError);
    const lifecycle = common.Block.deserializeBinary(readFileSync(join(FIXTURES, 'b1.block')));
    try {
      readGenesisOrganisations(lifecycle);
      expect.unreachable();
    } catch (err) {
      expect((err as BootstrapError).code).toBe('BOOTSTRAP_INVALID_CONFIG_BLOCK');
      expect((err as BootstrapError).field).toBe('data[0].payload.header.channel_header.type');
    }
  });
});
