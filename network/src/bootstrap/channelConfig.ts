/**
 * A channel's configuration tree (`common.Config`) shaped as Fabric 2.5's configtxgen makes it
 * (`internal/configtxgen/encoder/encoder.go`, `common/channelconfig/*`), mirroring the genesis
 * block of a real Fabric 2.5.4 network (test/fixtures/fabric-2.5-blocks/b0.block):
 *
 * ```
 * Channel           values HashingAlgorithm SHA256, BlockDataHashingStructure 2^32-1, Capabilities V2_0
 *                   policies Readers ANY Readers, Writers ANY Writers, Admins MAJORITY Admins
 * ├─ Application    values Capabilities V2_5; policies Readers, Writers, Admins (implicit meta),
 * │  │              Endorsement and LifecycleEndorsement: any one organisation's peer
 * │  └─ <MSP id>    values MSP, AnchorPeers; policies Readers, Writers, Admins, Endorsement (by role)
 * └─ Orderer        values ConsensusType etcdraft, BatchSize, BatchTimeout, Capabilities V2_0,
 *    │              ChannelRestrictions; policies Readers, Writers, Admins, BlockValidation
 *    └─ <MSP id>    values MSP, Endpoints; policies Readers, Writers (members), Admins (admins)
 * ```
 *
 * Orderer addresses are the orderer organisation's `Endpoints`, as Fabric 2.x writes them; the
 * channel-level `OrdererAddresses` value is deprecated since Fabric 1.4.2 and configtxgen omits
 * it when organisations name their endpoints (b0.block has none). Every MSP is a FABRIC MSP
 * with Node OUs enabled, the OU identifiers naming the organisation's CA certificate, as the
 * `config.yaml` cryptogen writes says.
 */
import { common, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from '../orderer/blockCutter';
import type { FabricIdentity } from '../identity/fabricIdentity';

type MspRole = msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap];
type ImplicitMetaRule = common.ImplicitMetaPolicy.RuleMap[keyof common.ImplicitMetaPolicy.RuleMap];
type PolicyType = common.Policy.PolicyTypeMap[keyof common.Policy.PolicyTypeMap];

/** Every group, value and policy of a configtxgen channel is modified by its Admins. */
const ADMINS = 'Admins';
/** Fabric's default (`common.BlockDataHashingStructure`): the width a Merkle tree never used. */
const BLOCK_DATA_HASHING_WIDTH = 4294967295;
/** configtxgen's sample AbsoluteMaxBytes (99 MB): one transaction may not exceed it. */
const ABSOLUTE_MAX_BYTES = 99 * 1024 * 1024;

/** An organisation's MSP, as the channel holds it. */
export interface ChannelMsp {
  readonly mspId: string;
  /** The organisation's CA certificate: the MSP's root and its Node OU certificate. */
  readonly caCertificatePem: string;
  /** The organisation's TLS CA certificate. */
  readonly tlsCaCertificatePem: string;
}

/** A peer organisation of the channel. */
export interface ApplicationOrganisation extends ChannelMsp {
  /** Its anchor peer, for cross-organisation gossip. */
  readonly peer?: { readonly host: string; readonly port: number };
}

/** An orderer as the channel lists it: its endpoint and its TLS certificate. */
export interface ConsenterNode {
  readonly host: string;
  readonly port: number;
  /** The orderer's TLS certificate: the consenter's client and server certificate. */
  readonly tls: { readonly certificatePem: string };
}

/** The ordering organisation, with the orderer that signs blocks and the channel's Raft consenters. */
export interface OrderingOrganisation extends ChannelMsp {
  readonly orderer: ConsenterNode & {
    /** Signs blocks. */
    readonly identity: FabricIdentity;
  };
  /** Every consenter, in order (endpoints and Raft metadata); `[orderer]` when absent. */
  readonly consenters?: readonly ConsenterNode[];
}

/** Options of {@link channelConfig}. */
export interface ChannelConfigOptions {
  readonly organisations: readonly ApplicationOrganisation[];
  readonly ordererOrganisation: OrderingOrganisation;
  /** Block cutting; 500 transactions, 512 KiB or 100 ms by default. */
  readonly limits?: BatchLimits;
}

/**
 * The configuration of a new channel.
 *
 * @param options - the organisations, the orderer organisation and the batch limits
 * @returns a `common.Config` at sequence 0, as a genesis block carries it
 */
export function channelConfig(options: Readonly<ChannelConfigOptions>): common.Config {
  const limits = options.limits ?? DEFAULT_BATCH_LIMITS;
  const application = group(
    {
      Capabilities: capabilities('V2_5'),
    },
    {
      Admins: implicitMeta(ADMINS, common.ImplicitMetaPolicy.Rule.MAJORITY),
      // Any one organisation endorses (DESIGN.md), written as b0.block's OR over the peers.
      Endorsement: anyPeer(options.organisations),
      LifecycleEndorsement: anyPeer(options.organisations),
      Readers: implicitMeta('Readers', common.ImplicitMetaPolicy.Rule.ANY),
      Writers: implicitMeta('Writers', common.ImplicitMetaPolicy.Rule.ANY),
    },
    Object.fromEntries(options.organisations.map((organisation) => [organisation.mspId, applicationOrganisation(organisation)])),
  );
  const ordering = options.ordererOrganisation;
  const ordererGroup = group(
    {
      BatchSize: batchSize(limits),
      BatchTimeout: batchTimeout(limits),
      Capabilities: capabilities('V2_0'),
      ChannelRestrictions: value(new orderer.ChannelRestrictions()),
      ConsensusType: consensusType(ordering),
    },
    {
      Admins: implicitMeta(ADMINS, common.ImplicitMetaPolicy.Rule.MAJORITY),
      BlockValidation: implicitMeta('Writers', common.ImplicitMetaPolicy.Rule.ANY),
      Readers: implicitMeta('Readers', common.ImplicitMetaPolicy.Rule.ANY),
      Writers: implicitMeta('Writers', common.ImplicitMetaPolicy.Rule.ANY),
    },
    { [ordering.mspId]: ordererOrganisation(ordering) },
  );
  const hashing = new common.HashingAlgorithm();
  hashing.setName('SHA256');
  const dataHashing = new common.BlockDataHashingStructure();
  dataHashing.setWidth(BLOCK_DATA_HASHING_WIDTH);
  const channel = group(
    {
      BlockDataHashingStructure: value(dataHashing),
      Capabilities: capabilities('V2_0'),
      HashingAlgorithm: value(hashing),
    },
    {
      Admins: implicitMeta(ADMINS, common.ImplicitMetaPolicy.Rule.MAJORITY),
      Readers: implicitMeta('Readers', common.ImplicitMetaPolicy.Rule.ANY),
      Writers: implicitMeta('Writers', common.ImplicitMetaPolicy.Rule.ANY),
    },
    { Application: application, Orderer: ordererGroup },
  );
  const config = new common.Config();
  config.setSequence(0);
  config.setChannelGroup(channel);
  return config;
}

/**
 * An organisation's `msp.MSPConfig`: a FABRIC MSP with Node OUs enabled.
 *
 * @param organisation - the MSP id and CA certificates
 * @returns the MSP configuration, as a channel's `MSP` value holds it
 */
export function fabricMspConfig(organisation: ChannelMsp): msp.MSPConfig {
  const caCertificate = Buffer.from(organisation.caCertificatePem, 'utf8');
  const config = new msp.FabricMSPConfig();
  config.setName(organisation.mspId);
  config.setRootCertsList([caCertificate]);
  config.setTlsRootCertsList([Buffer.from(organisation.tlsCaCertificatePem, 'utf8')]);
  const crypto = new msp.FabricCryptoConfig();
  crypto.setSignatureHashFamily('SHA2');
  crypto.setIdentityIdentifierHashFunction('SHA256');
  config.setCryptoConfig(crypto);
  const ouIdentifier = (ou: string): msp.FabricOUIdentifier => {
    const identifier = new msp.FabricOUIdentifier();
    identifier.setCertificate(caCertificate);
    identifier.setOrganizationalUnitIdentifier(ou);
    return identifier;
  };
  const nodeOus = new msp.FabricNodeOUs();
  nodeOus.setEnable(true);
  nodeOus.setClientOuIdentifier(ouIdentifier('client'));
  nodeOus.setPeerOuIdentifier(ouIdentifier('peer'));
  nodeOus.setAdminOuIdentifier(ouIdentifier('admin'));
  nodeOus.setOrdererOuIdentifier(ouIdentifier('orderer'));
  config.setFabricNodeOus(nodeOus);
  const mspConfig = new msp.MSPConfig();
  // 0 is FABRIC in msp.ProviderType (Fabric msp/msp.go); the protos declare no enum for it.
  mspConfig.setType(0);
  mspConfig.setConfig(config.serializeBinary());
  return mspConfig;
}

function applicationOrganisation(organisation: ApplicationOrganisation): common.ConfigGroup {
  const values: Record<string, common.ConfigValue> = {};
  if (organisation.peer) {
    const anchor = new peer.AnchorPeer();
    anchor.setHost(organisation.peer.host);
    anchor.setPort(organisation.peer.port);
    const anchors = new peer.AnchorPeers();
    anchors.setAnchorPeersList([anchor]);
    values.AnchorPeers = value(anchors);
  }
  values.MSP = value(fabricMspConfig(organisation));
  const { ADMIN, CLIENT, PEER } = msp.MSPRole.MSPRoleType;
  return group(values, {
    Admins: signedByAny(organisation.mspId, [ADMIN]),
    Endorsement: signedByAny(organisation.mspId, [PEER]),
    Readers: signedByAny(organisation.mspId, [ADMIN, PEER, CLIENT]),
    Writers: signedByAny(organisation.mspId, [ADMIN, CLIENT]),
  });
}

function ordererOrganisation(organisation: OrderingOrganisation): common.ConfigGroup {
  const endpoints = new common.OrdererAddresses();
  endpoints.setAddressesList(consentersOf(organisation).map((node) => `${node.host}:${node.port}`));
  const { ADMIN, MEMBER } = msp.MSPRole.MSPRoleType;
  return group(
    { Endpoints: value(endpoints), MSP: value(fabricMspConfig(organisation)) },
    {
      Admins: signedByAny(organisation.mspId, [ADMIN]),
      Readers: signedByAny(organisation.mspId, [MEMBER]),
      Writers: signedByAny(organisation.mspId, [MEMBER]),
    },
  );
}

function consensusType(organisation: OrderingOrganisation): common.ConfigValue {
  const consenters = consentersOf(organisation).map((node) => {
    const tlsCertificate = Buffer.from(node.tls.certificatePem, 'utf8');
    const consenter = new orderer.etcdraft.Consenter();
    consenter.setHost(node.host);
    consenter.setPort(node.port);
    consenter.setClientTlsCert(tlsCertificate);
    consenter.setServerTlsCert(tlsCertificate);
    return consenter;
  });
  // configtxgen's sample etcdraft options (sampleconfig/configtx.yaml).
  const options = new orderer.etcdraft.Options();
  options.setTickInterval('500ms');
  options.setElectionTick(10);
  options.setHeartbeatTick(1);
  options.setMaxInflightBlocks(5);
  options.setSnapshotIntervalSize(16 * 1024 * 1024);
  const metadata = new orderer.etcdraft.ConfigMetadata();
  metadata.setConsentersList(consenters);
  metadata.setOptions(options);
  const type = new orderer.ConsensusType();
  type.setType('etcdraft');
  type.setMetadata(metadata.serializeBinary());
  type.setState(orderer.ConsensusType.State.STATE_NORMAL);
  return value(type);
}

function batchSize(limits: BatchLimits): common.ConfigValue {
  const size = new orderer.BatchSize();
  size.setMaxMessageCount(limits.maxMessageCount);
  size.setAbsoluteMaxBytes(Math.max(ABSOLUTE_MAX_BYTES, limits.preferredMaxBytes));
  size.setPreferredMaxBytes(limits.preferredMaxBytes);
  return value(size);
}

function batchTimeout(limits: BatchLimits): common.ConfigValue {
  const timeout = new orderer.BatchTimeout();
  // A Go duration string, as the orderer parses it (time.ParseDuration).
  timeout.setTimeout(`${limits.batchTimeoutMs}ms`);
  return value(timeout);
}

function capabilities(name: string): common.ConfigValue {
  const capabilitiesValue = new common.Capabilities();
  capabilitiesValue.getCapabilitiesMap().set(name, new common.Capability());
  return value(capabilitiesValue);
}

/** A policy satisfied by one signature of the organisation's members in any of the roles. */
function signedByAny(mspId: string, roles: readonly MspRole[]): common.ConfigPolicy {
  return signaturePolicy(roles.map((role) => rolePrincipal(mspId, role)));
}

/** One peer of any of the organisations: `OR('A.peer', 'B.peer', ...)`. */
function anyPeer(organisations: readonly ChannelMsp[]): common.ConfigPolicy {
  return signaturePolicy(organisations.map((organisation) => rolePrincipal(organisation.mspId, msp.MSPRole.MSPRoleType.PEER)));
}

function rolePrincipal(mspId: string, role: MspRole): msp.MSPPrincipal {
  const mspRole = new msp.MSPRole();
  mspRole.setMspIdentifier(mspId);
  mspRole.setRole(role);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  principal.setPrincipal(mspRole.serializeBinary());
  return principal;
}

/** `OutOf(1, identities...)`, each rule `SignedBy(i)`: what Fabric's policy parser makes of an OR. */
function signaturePolicy(identities: readonly msp.MSPPrincipal[]): common.ConfigPolicy {
  const rules = identities.map((_, index) => {
    const rule = new common.SignaturePolicy();
    rule.setSignedBy(index);
    return rule;
  });
  const outOf = new common.SignaturePolicy.NOutOf();
  outOf.setN(1);
  outOf.setRulesList(rules);
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(outOf);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setRule(rule);
  envelope.setIdentitiesList([...identities]);
  return policy(common.Policy.PolicyType.SIGNATURE, envelope.serializeBinary());
}

function implicitMeta(subPolicy: string, rule: ImplicitMetaRule): common.ConfigPolicy {
  const meta = new common.ImplicitMetaPolicy();
  meta.setSubPolicy(subPolicy);
  meta.setRule(rule);
  return policy(common.Policy.PolicyType.IMPLICIT_META, meta.serializeBinary());
}

function policy(type: PolicyType, bytes: Uint8Array): common.ConfigPolicy {
  const inner = new common.Policy();
  inner.setType(type);
  inner.setValue(bytes);
  const configPolicy = new common.ConfigPolicy();
  configPolicy.setModPolicy(ADMINS);
  configPolicy.setPolicy(inner);
  return configPolicy;
}

function value(message: { serializeBinary(): Uint8Array }): common.ConfigValue {
  const configValue = new common.ConfigValue();
  configValue.setValue(message.serializeBinary());
  configValue.setModPolicy(ADMINS);
  return configValue;
}

/** A config group; entries added in sorted key order, as Go marshals maps deterministically. */
function group(
  values: Readonly<Record<string, common.ConfigValue>>,
  policies: Readonly<Record<string, common.ConfigPolicy>>,
  groups: Readonly<Record<string, common.ConfigGroup>> = {},
): common.ConfigGroup {
  const configGroup = new common.ConfigGroup();
  configGroup.setModPolicy(ADMINS);
  const sorted = <T>(record: Readonly<Record<string, T>>): [string, T][] => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, entry] of sorted(groups)) configGroup.getGroupsMap().set(key, entry);
  for (const [key, entry] of sorted(values)) configGroup.getValuesMap().set(key, entry);
  for (const [key, entry] of sorted(policies)) configGroup.getPoliciesMap().set(key, entry);
  return configGroup;
}

function consentersOf(organisation: OrderingOrganisation): readonly ConsenterNode[] {
  return organisation.consenters ?? [organisation.orderer];
}
