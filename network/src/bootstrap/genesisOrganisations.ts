/**
 * The channel's members as a config block states them: for each organisation of the Application
 * and Orderer groups, its MSP id and root, intermediate and TLS root certificates (from the
 * `MSP` value, `msp.MSPConfig` of type FABRIC holding `msp.FabricMSPConfig`). A restarting peer
 * reads them from block 0 (or its latest config block), as Fabric's peer builds its channel MSPs
 * from the config block rather than from local files.
 */
import { X509Certificate } from 'node:crypto';
import { common, msp, orderer } from '@hyperledger/fabric-protos';
import type { Map as ProtobufMap } from 'google-protobuf';
import { BootstrapError } from './bootstrapError';

/** `msp.ProviderType` FABRIC (Fabric `msp/msp.go`); idemix MSPs (1) carry no X.509 roots. */
const FABRIC_MSP = 0;

/**
 * An organisation of the channel. Its fields match the validation's `MspOrganisation`, so a
 * peer's MSP registry can be built from a config block as it is.
 */
export interface ChannelOrganisation {
  readonly mspId: string;
  /** The organisation's config group name (configtxgen uses the organisation's `Name`). */
  readonly groupName: string;
  /** PEM root CA certificates. */
  readonly rootCertificates: readonly string[];
  /** PEM intermediate CA certificates. */
  readonly intermediateCertificates: readonly string[];
  /** PEM TLS root CA certificates. */
  readonly tlsRootCertificates: readonly string[];
  /** Whether the MSP classifies identities by Node OU. */
  readonly nodeOUs: boolean;
}

/** What a config block says about the channel's members. */
export interface GenesisOrganisations {
  readonly channelId: string;
  /** The configuration's sequence: 0 in a genesis block. */
  readonly sequence: number;
  /** The peer organisations (the Application group's sub-groups), in group-name order. */
  readonly application: readonly ChannelOrganisation[];
  /** The ordering organisations (the Orderer group's sub-groups), in group-name order. */
  readonly orderer: readonly ChannelOrganisation[];
  /** The orderers' `host:port` endpoints: the organisations' `Endpoints`, else the channel's `OrdererAddresses`. */
  readonly ordererEndpoints: readonly string[];
  /** The Raft consenters' `host:port`, in the order of the ConsensusType metadata; empty unless `etcdraft`. */
  readonly raftConsenters: readonly string[];
}

/**
 * Reads the channel's organisations from a config block.
 *
 * @param block - a config block, such as block 0
 * @returns the channel id, configuration sequence, organisations and orderer endpoints
 * @throws {BootstrapError} `BOOTSTRAP_INVALID_CONFIG_BLOCK`, naming the part at fault, when the
 *   block is not a config block, an MSP is not a FABRIC MSP, or a structure does not decode
 * @example
 * ```ts
 * const members = readGenesisOrganisations(await blockStore.read(0));
 * const roots = new Map(members.application.map((org) => [org.mspId, org.rootCertificates]));
 * ```
 */
export function readGenesisOrganisations(block: common.Block): GenesisOrganisations {
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  if (envelopes.length !== 1) fail('data', `expected one envelope in a config block, found ${envelopes.length}`);
  const envelope = decode('data[0]', () => common.Envelope.deserializeBinary(envelopes[0] as Uint8Array));
  const payload = decode('data[0].payload', () => common.Payload.deserializeBinary(envelope.getPayload_asU8()));
  const header = payload.getHeader() ?? fail('data[0].payload.header', 'missing');
  const channelHeader = decode('data[0].payload.header.channel_header', () => common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()));
  if (channelHeader.getType() !== common.HeaderType.CONFIG) {
    fail('data[0].payload.header.channel_header.type', `expected CONFIG (${common.HeaderType.CONFIG}), got ${channelHeader.getType()}`);
  }
  const configEnvelope = decode('data[0].payload.data', () => common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()));
  const config = configEnvelope.getConfig() ?? fail('config', 'missing');
  const channel = config.getChannelGroup() ?? fail('config.channel_group', 'missing');
  const application = channel.getGroupsMap().get('Application') ?? fail('config.channel_group.groups.Application', 'missing');
  const ordererGroup = channel.getGroupsMap().get('Orderer') ?? fail('config.channel_group.groups.Orderer', 'missing');
  const ordererOrganisations = organisations(ordererGroup, 'Orderer');
  const endpoints = sortedEntries(ordererGroup.getGroupsMap()).flatMap(([name, group]) => addresses(group, `Orderer.groups.${name}.values.Endpoints`, 'Endpoints'));
  return {
    channelId: channelHeader.getChannelId(),
    sequence: config.getSequence(),
    application: organisations(application, 'Application'),
    orderer: ordererOrganisations,
    ordererEndpoints: endpoints.length > 0 ? endpoints : addresses(channel, 'values.OrdererAddresses', 'OrdererAddresses'),
    raftConsenters: raftConsenters(ordererGroup),
  };
}

function raftConsenters(ordererGroup: common.ConfigGroup): string[] {
  const at = 'config.channel_group.groups.Orderer.values.ConsensusType';
  const value = ordererGroup.getValuesMap().get('ConsensusType');
  if (!value) return [];
  const consensus = decode(at, () => orderer.ConsensusType.deserializeBinary(value.getValue_asU8()));
  if (consensus.getType() !== 'etcdraft') return [];
  const metadata = decode(`${at}.metadata`, () => orderer.etcdraft.ConfigMetadata.deserializeBinary(consensus.getMetadata_asU8()));
  return metadata.getConsentersList().map((consenter) => `${consenter.getHost()}:${consenter.getPort()}`);
}

function organisations(parent: common.ConfigGroup, parentName: string): ChannelOrganisation[] {
  return sortedEntries(parent.getGroupsMap()).map(([groupName, group]) => {
    const at = `config.channel_group.groups.${parentName}.groups.${groupName}.values.MSP`;
    const value = group.getValuesMap().get('MSP') ?? fail(at, 'missing');
    const mspConfig = decode(at, () => msp.MSPConfig.deserializeBinary(value.getValue_asU8()));
    if (mspConfig.getType() !== FABRIC_MSP) fail(`${at}.type`, `expected a FABRIC MSP (${FABRIC_MSP}), got ${mspConfig.getType()}`);
    const fabric = decode(`${at}.config`, () => msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8()));
    const pems = (list: Uint8Array[], field: string): string[] =>
      list.map((bytes, i) => {
        const pem = Buffer.from(bytes).toString('utf8');
        decode(`${at}.config.${field}[${i}]`, () => new X509Certificate(pem));
        return pem;
      });
    const mspId = fabric.getName();
    if (mspId.length === 0) fail(`${at}.config.name`, 'empty');
    return {
      mspId,
      groupName,
      rootCertificates: pems(fabric.getRootCertsList_asU8(), 'root_certs'),
      intermediateCertificates: pems(fabric.getIntermediateCertsList_asU8(), 'intermediate_certs'),
      tlsRootCertificates: pems(fabric.getTlsRootCertsList_asU8(), 'tls_root_certs'),
      nodeOUs: fabric.getFabricNodeOus()?.getEnable() ?? false,
    };
  });
}

function addresses(group: common.ConfigGroup, at: string, key: string): string[] {
  const value = group.getValuesMap().get(key);
  if (!value) return [];
  return decode(at, () => common.OrdererAddresses.deserializeBinary(value.getValue_asU8())).getAddressesList();
}

/** Group names in a stable order: a protobuf map's order is not part of its meaning. */
function sortedEntries<T>(map: ProtobufMap<string, T>): [string, T][] {
  const entries: [string, T][] = [];
  map.forEach((value, key) => entries.push([key, value]));
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function decode<T>(at: string, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    throw new BootstrapError(`config block: ${at}: does not decode`, { code: 'BOOTSTRAP_INVALID_CONFIG_BLOCK', field: at, cause });
  }
}

function fail(at: string, message: string): never {
  throw new BootstrapError(`config block: ${at}: ${message}`, { code: 'BOOTSTRAP_INVALID_CONFIG_BLOCK', field: at });
}
