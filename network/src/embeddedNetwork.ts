/**
 * The embedded Fabric-compatible network: one process holding the channel's ordering service,
 * a peer per organisation's endorsement, the committer and the durable ledger, serving Fabric's
 * Gateway and Deliver gRPC services over TLS, so the stock `@hyperledger/fabric-gateway` client
 * reaches it exactly as it reaches a real peer. On first start it creates the organisations'
 * material and the channel's genesis block; on every start it checks the ledger's hash chain
 * and rebuilds the world state from the blocks.
 */
import { join } from 'node:path';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { common } from '@hyperledger/fabric-protos';
import { GatewayService } from '@hyperledger/fabric-protos/lib/gateway/gateway_grpc_pb';
import { DeliverService } from '@hyperledger/fabric-protos/lib/peer/events_grpc_pb';
import { loadOrCreateNetworkMaterial, type NetworkMaterial } from './bootstrap/networkMaterial';
import { createGenesisBlock } from './bootstrap/genesisBlock';
import { readGenesisOrganisations } from './bootstrap/genesisOrganisations';
import { CONNECTION_PROFILE_FILE, SUITRUST_CHAINCODE, SUITRUST_CHANNEL, connectionProfileFor, writeConnectionProfile } from './bootstrap/connectionProfile';
import type { CityOrganisations } from './bootstrap/cityOrganisations';
import { startInProcessChaincode } from './chaincode/inProcessChaincode';
import type { ChaincodeConnection } from './chaincode/chaincodeConnection';
import { openFileBlockStore, type TailRecovery } from './ledger/fileBlockStore';
import { MemoryWorldState } from './ledger/memoryWorldState';
import { setMetadata } from './orderer/blockSigning';
import { Orderer } from './orderer/orderer';
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from './orderer/blockCutter';
import { Committer } from './peer/committer';
import { deliverService } from './peer/deliverService';
import { Endorser, type CreatorVerifier } from './peer/endorser';
import { gatewayService, type OrganisationEndorser } from './peer/gatewayService';
import { replayLedger } from './peer/ledgerReplay';
import { QuerySystemChaincode } from './peer/qscc';
import { ReadWriteLock } from './peer/readWriteLock';
import { validateBlock } from './validation/blockValidator';
import { computeCommitHash } from './validation/commitHash';
import { evaluateEndorsementPolicy, type EndorsementPolicy } from './validation/endorsementPolicy';
import { mspRegistry } from './validation/mspRegistry';
import { blockUpdates } from './validation/updateBatch';

/** Options of {@link startEmbeddedNetwork}. */
export interface EmbeddedNetworkOptions {
  /** Where the material, the ledger and the connection profile live. */
  readonly directory: string;
  /** The chaincode's contract classes, run in this process inside the unmodified fabric-shim. */
  readonly contracts: readonly unknown[];
  /** Version of the chaincode definition; `1.0` by default. */
  readonly chaincodeVersion?: string;
  /** Listening host; `127.0.0.1` by default. */
  readonly host?: string;
  /** Listening port; the first organisation's peer port (7051) by default, `0` for any free port. */
  readonly port?: number;
  /** The chaincode's endorsement policy; any one organisation by default. */
  readonly endorsementPolicy?: EndorsementPolicy;
  /** Block cutting; {@link DEFAULT_BATCH_LIMITS} (500 transactions, 512 KiB or 20 ms) by default. */
  readonly limits?: BatchLimits;
  /** The organisations to create on first start; the city's by default. */
  readonly organisations?: CityOrganisations;
}

/** A running embedded network. */
export interface EmbeddedNetwork {
  /** `host:port` of the Gateway and Deliver services. */
  readonly endpoint: string;
  /** The connection profile written for this run (endpoint, TLS root, identities). */
  readonly connectionProfilePath: string;
  readonly material: NetworkMaterial;
  /** A torn last block removed when the ledger was opened, if there was one. */
  readonly recovered: TailRecovery | undefined;
  /** The channel's height when it started. */
  readonly startHeight: number;
  /** Stops accepting work, commits what was ordered, and closes the ledger. */
  close(): Promise<void>;
}

/**
 * Starts the embedded network and writes its connection profile.
 * @example
 * ```ts
 * const network = await startEmbeddedNetwork({ directory: '.suitrust', contracts });
 * console.log(`peer at ${network.endpoint}, profile ${network.connectionProfilePath}`);
 * ```
 */
export async function startEmbeddedNetwork(options: Readonly<EmbeddedNetworkOptions>): Promise<EmbeddedNetwork> {
  const channelId = SUITRUST_CHANNEL;
  const chaincodeName = SUITRUST_CHAINCODE;
  const material = await loadOrCreateNetworkMaterial({ directory: options.directory, ...(options.organisations ? { organisations: options.organisations } : {}) });
  const blockStore = await openFileBlockStore({ directory: join(options.directory, 'ledger', channelId) });
  const chaincodeInstances: ChaincodeConnection[] = [];
  let server: Server | undefined;
  try {
    if (blockStore.height === 0) await blockStore.append(genesisBlock(material, channelId, options.limits));
    const genesis = await blockStore.blockByNumber(0);
    if (!genesis) throw new Error('the ledger has no genesis block');
    const channel = readGenesisOrganisations(genesis);
    const msps = mspRegistry({ organisations: [...channel.application, ...channel.orderer] });
    const applicationMspIds = channel.application.map((organisation) => organisation.mspId);
    const verifyCreator: CreatorVerifier = (creator, message, signature) => {
      const check = msps.verifySignature(creator, message, signature);
      return check.ok ? { ok: true, mspId: check.identity.mspId } : { ok: false, reason: check.reason };
    };

    const state = new MemoryWorldState();
    const { lastCommitHash } = await replayLedger(blockStore, state);
    const stateLock = new ReadWriteLock();
    const version = options.chaincodeVersion ?? '1.0';
    const systemChaincodes = new Map([['qscc', new QuerySystemChaincode({ channelId, blockStore })]]);
    const host = options.host ?? '127.0.0.1';
    const endorsers: OrganisationEndorser[] = [];
    for (const organisation of material.organisations) {
      // Each organisation's peer runs its own chaincode instance and simulates on its own, as
      // in Fabric; the gateway then checks that their results agree.
      const connection = await startInProcessChaincode({ name: chaincodeName, version, contracts: options.contracts });
      chaincodeInstances.push(connection);
      const chaincodes = new Map([[chaincodeName, { connection, version }]]);
      endorsers.push({
        mspId: organisation.mspId,
        address: `${organisation.peer.hostName}:${organisation.peer.port}`,
        endorser: new Endorser({ channelId, identity: organisation.peer.identity, verifyCreator, state, stateLock, chaincodes, systemChaincodes, isCommitted: (txId) => blockStore.transactionLocation(txId) !== undefined }),
      });
    }
    const policy = options.endorsementPolicy ?? { rule: 'any' };
    const requiredEndorsements = endorsersNeeded(policy, applicationMspIds, endorsers);

    const committer = new Committer({
      blockStore,
      state,
      stateLock,
      previousCommitHash: lastCommitHash,
      validate: async (block) =>
        validateBlock({
          blockNumber: block.getHeader()?.getNumber() ?? 0,
          envelopes: block.getData()?.getDataList_asU8() ?? [],
          channelId,
          chaincodeName,
          msps,
          endorsementPolicy: policy,
          applicationOrganisations: applicationMspIds,
          state,
          txIdExists: (txId) => blockStore.transactionLocation(txId) !== undefined,
        }),
      commitHash: ({ previous, filter, validations, blockNumber }) =>
        computeCommitHash({ previous, transactionsFilter: filter, writes: blockUpdates(blockNumber, validations) }),
    });
    const chain = blockStore.chainInfo();
    const orderer = new Orderer({
      channelId,
      identity: material.ordererOrganisation.orderer.identity,
      limits: options.limits ?? DEFAULT_BATCH_LIMITS,
      verifyCreator,
      next: { number: chain.height, previousHash: chain.currentBlockHash },
      raftConsenters: channel.raftConsenters.length,
      deliver: async (block) => {
        await committer.commit(block);
      },
      onFailure: (error) => {
        // The ledger can no longer be trusted to be written: stop taking transactions.
        process.emitWarning(`the embedded orderer stopped: ${error.message}`);
      },
    });

    server = new Server({ 'grpc.max_receive_message_length': 100 * 1024 * 1024, 'grpc.max_send_message_length': 100 * 1024 * 1024 });
    server.addService(GatewayService, gatewayService({ channelId, endorsers, requiredEndorsements, orderer, blockStore, committer, verifyCreator }));
    server.addService(DeliverService, deliverService({ channelId, blockStore, committer, verifyCreator }));
    const tls = material.peerTls;
    const credentials = ServerCredentials.createSsl(null, [{ private_key: Buffer.from(tls.privateKeyPem), cert_chain: Buffer.from(tls.certificatePem) }], false);
    const port = await bind(server, `${host}:${options.port ?? material.organisations[0]?.peer.port ?? 7051}`, credentials);
    const endpoint = `${host}:${port}`;

    const profile = connectionProfileFor(material);
    const connectionProfilePath = join(options.directory, CONNECTION_PROFILE_FILE);
    // One listener serves every organisation's peer here: each is reached, and its TLS checked, as the first.
    const embeddedPeer = { ...profile.peer, endpoint };
    await writeConnectionProfile(connectionProfilePath, {
      ...profile,
      peer: embeddedPeer,
      ...(profile.organisations ? { organisations: profile.organisations.map((organisation) => ({ ...organisation, peer: { ...embeddedPeer, mspDirectory: organisation.peer.mspDirectory } })) } : {}),
    });

    const running = { server };
    return {
      endpoint,
      connectionProfilePath,
      material,
      recovered: blockStore.recovered,
      startHeight: chain.height,
      close: async () => {
        await new Promise<void>((resolve) => running.server.tryShutdown(() => resolve()));
        await orderer.stop();
        for (const connection of chaincodeInstances) connection.close();
        await blockStore.close();
      },
    };
  } catch (error) {
    server?.forceShutdown();
    for (const connection of chaincodeInstances) connection.close();
    await blockStore.close();
    throw error;
  }
}

/** Block 0: the channel's configuration, marked valid as a joining peer records it. */
function genesisBlock(material: NetworkMaterial, channelId: string, limits: BatchLimits | undefined): common.Block {
  const block = createGenesisBlock({
    channelId,
    organisations: material.organisations.map((organisation) => ({
      mspId: organisation.mspId,
      caCertificatePem: organisation.caCertificatePem,
      tlsCaCertificatePem: organisation.tlsCaCertificatePem,
      peer: { host: organisation.peer.host, port: organisation.peer.port },
    })),
    ordererOrganisation: {
      mspId: material.ordererOrganisation.mspId,
      caCertificatePem: material.ordererOrganisation.caCertificatePem,
      tlsCaCertificatePem: material.ordererOrganisation.tlsCaCertificatePem,
      orderer: {
        host: material.ordererOrganisation.orderer.host,
        port: material.ordererOrganisation.orderer.port,
        identity: material.ordererOrganisation.orderer.identity,
        tls: { certificatePem: material.ordererOrganisation.orderer.tls.certificatePem },
      },
      // The whole Raft cluster of the organisation data, as a real network's genesis block names it.
      consenters: material.ordererOrganisation.consenters.map((node) => ({ host: node.host, port: node.port, tls: { certificatePem: node.tls.certificatePem } })),
    },
    ...(limits ? { limits } : {}),
  });
  setMetadata(block, common.BlockMetadataIndex.TRANSACTIONS_FILTER, Uint8Array.of(0));
  return block;
}

/** The fewest organisations, own first, whose endorsements satisfy the policy. */
function endorsersNeeded(policy: EndorsementPolicy, channelMspIds: readonly string[], endorsers: readonly OrganisationEndorser[]): number {
  for (let count = 1; count <= endorsers.length; count++) {
    if (evaluateEndorsementPolicy(policy, channelMspIds, endorsers.slice(0, count).map((endorser) => endorser.mspId)).ok) return count;
  }
  throw new Error('the endorsement policy cannot be satisfied by the network\'s organisations');
}

function bind(server: Server, address: string, credentials: ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => server.bindAsync(address, credentials, (error, port) => (error ? reject(error) : resolve(port))));
}

