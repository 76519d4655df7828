/**
 * qscc, Fabric's query system chaincode: GetChainInfo, GetBlockByNumber, GetBlockByTxID,
 * GetBlockByHash and GetTransactionByID, with blocks hashed and linked as SuiTrust hashes them.
 */
import { expect, it } from 'vitest';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { common, orderer, peer } from '@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderHash } from '@suitrust/network';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { freshDigest } from './freshIdentifiers';
import { rejectionOf, submitCommitted } from './gatewayOutcomes';

/** `common.BlockMetadataIndex.TRANSACTIONS_FILTER`: the per-transaction validation codes. */
const TRANSACTIONS_FILTER = 2;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** qscc's block and transaction queries. */
export const qsccScenarios: ScenarioModule = {
  title: 'qscc',
  register(fixture: () => ConformanceFixture): void {
    it('answers blocks hashed and linked as SuiTrust hashes them, and the validation code of each transaction', async () => {
      const { profile, runTag } = fixture();
      const committed = await submitCommitted(fixture().network('judge'), fixture().contract('judge', 'evidence'), 'notarise', { algorithm: 'sm3', digest: freshDigest(runTag, 'qscc') });
      const qscc = fixture().network('admin').getContract('qscc');
      const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', profile.channel));
      expect(BigInt(info.getHeight())).toBeGreaterThan(committed.blockNumber);

      const blockAt = async (number: bigint | number): Promise<common.Block> => common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', profile.channel, String(number)));
      const last = await blockAt(info.getHeight() - 1);
      expect(hex(blockHeaderHash(last.getHeader() as common.BlockHeader))).toBe(hex(info.getCurrentblockhash_asU8()));
      expect(hex(last.getHeader()?.getPreviousHash_asU8() ?? new Uint8Array())).toBe(hex(info.getPreviousblockhash_asU8()));

      const block = await blockAt(committed.blockNumber);
      const previous = await blockAt(committed.blockNumber - 1n);
      const header = block.getHeader() as common.BlockHeader;
      expect(BigInt(header.getNumber())).toBe(committed.blockNumber);
      expect(hex(blockDataHash(block.getData()?.getDataList_asU8() ?? []))).toBe(hex(header.getDataHash_asU8()));
      expect(hex(blockHeaderHash(previous.getHeader() as common.BlockHeader))).toBe(hex(header.getPreviousHash_asU8()));

      const envelopes = block.getData()?.getDataList_asU8() ?? [];
      const index = envelopes.findIndex((bytes) => channelHeaderOf(bytes).getTxId() === committed.txId);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(channelHeaderOf(envelopes[index] as Uint8Array).getType()).toBe(common.HeaderType.ENDORSER_TRANSACTION);
      const filter = block.getMetadata()?.getMetadataList_asU8()[TRANSACTIONS_FILTER] ?? new Uint8Array();
      expect(filter).toHaveLength(envelopes.length);
      expect(filter[index]).toBe(peer.TxValidationCode.VALID);

      const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', profile.channel, committed.txId));
      expect(processed.getValidationcode()).toBe(peer.TxValidationCode.VALID);
      expect(hex(processed.getTransactionenvelope()?.serializeBinary() ?? new Uint8Array())).toBe(hex(envelopes[index] as Uint8Array));
      const byTx = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByTxID', profile.channel, committed.txId));
      expect(hex(byTx.serializeBinary())).toBe(hex(block.serializeBinary()));
      const byHash = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByHash', profile.channel, blockHeaderHash(header)));
      expect(hex(byHash.serializeBinary())).toBe(hex(block.serializeBinary()));
    });

    it('signs each block with its Raft consenters’ ids and a growing Raft index in the orderer metadata', async () => {
      const { profile, runTag } = fixture();
      const network = fixture().network('judge');
      const evidence = fixture().contract('judge', 'evidence');
      const first = await submitCommitted(network, evidence, 'notarise', { algorithm: 'sm3', digest: freshDigest(runTag, 'raft 1') });
      const second = await submitCommitted(network, evidence, 'notarise', { algorithm: 'sm3', digest: freshDigest(runTag, 'raft 2') });
      const qscc = network.getContract('qscc');
      const raftMetadataOf = async (number: bigint): Promise<orderer.etcdraft.BlockMetadata> => {
        const block = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', profile.channel, String(number)));
        const signatures = common.Metadata.deserializeBinary(block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array());
        const ordererMetadata = common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8());
        // Fabric's block writer wraps the consenter metadata in a common.Metadata.
        const consenterMetadata = common.Metadata.deserializeBinary(ordererMetadata.getConsenterMetadata_asU8());
        return orderer.etcdraft.BlockMetadata.deserializeBinary(consenterMetadata.getValue_asU8());
      };
      const [earlier, later] = [await raftMetadataOf(first.blockNumber), await raftMetadataOf(second.blockNumber)];
      // The default city's three orderers, numbered as a cluster formed from the genesis block numbers them.
      expect(earlier.getConsenterIdsList()).toEqual([1, 2, 3]);
      expect(earlier.getNextConsenterId()).toBe(4);
      expect(later.getConsenterIdsList()).toEqual([1, 2, 3]);
      expect(later.getRaftIndex()).toBeGreaterThan(earlier.getRaftIndex());
    });

    it('refuses in Fabric’s words what it does not hold and arguments it cannot read', async () => {
      const { profile, runTag } = fixture();
      const qscc = fixture().network('admin').getContract('qscc');
      const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', profile.channel));
      const past = String(info.getHeight() + 1000);
      const unknownTx = freshDigest(runTag, 'no such transaction');
      const unknownHash = Buffer.from(freshDigest(runTag, 'no such block').replace(/[89a-f]/g, '1'), 'hex');
      const cases: [readonly (string | Uint8Array)[], string][] = [
        [['GetBlockByNumber', profile.channel, past], `Failed to get block number ${past}, error no such block number [${past}] in index`],
        [['GetTransactionByID', profile.channel, unknownTx], `Failed to get transaction with id ${unknownTx}, error no such transaction ID [${unknownTx}] in index`],
        [['GetBlockByTxID', profile.channel, unknownTx], `Failed to get block for txID ${unknownTx}, error no such transaction ID [${unknownTx}] in index`],
        [['GetBlockByHash', profile.channel, unknownHash], `Failed to get block hash ${unknownHash.toString('utf8')}, error no such block hash [${unknownHash.toString('hex')}] in index`],
        [['GetBlockByNumber', profile.channel, '1e3'], 'Failed to parse block number with error strconv.ParseUint: parsing "1e3": invalid syntax'],
        [['GetBlockByNumber', profile.channel, '18446744073709551616'], 'Failed to parse block number with error strconv.ParseUint: parsing "18446744073709551616": value out of range'],
        [['GetBlockByNumber', profile.channel], 'missing 3rd argument for GetBlockByNumber'],
        [['GetChainInfo', 'nochannel'], 'Invalid chain ID, nochannel'],
        [['GetChainInfo'], 'Incorrect number of arguments, 1'],
        [['GetNothing', profile.channel, 'x'], `access denied for [GetNothing][${profile.channel}]: [Unmapped policy for qscc/GetNothing]`],
      ];
      for (const [[name, ...args], message] of cases) {
        const error = await rejectionOf(qscc.evaluateTransaction(name as string, ...args));
        expect(error, `${String(name)} ${args.length}`).toBeInstanceOf(GatewayError);
        const gatewayError = error as GatewayError;
        expect(gatewayError.code).toBe(GrpcStatus.UNKNOWN);
        expect(gatewayError.details.map((detail) => detail.message)).toEqual([`chaincode response 500, ${message}`]);
        expect(gatewayError.message).toBe(`2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, ${message}`);
      }
    });

    it('fails to answer for an unknown block hash that is not UTF-8, on every organisation’s peer, as Fabric cannot marshal its message', async () => {
      const { profile } = fixture();
      const error = await rejectionOf(fixture().network('admin').getContract('qscc').evaluateTransaction('GetBlockByHash', profile.channel, Buffer.from('ff00c3a9e282ac', 'hex')));
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ code: GrpcStatus.ABORTED, message: '10 ABORTED: failed to evaluate transaction, see attached details for more info' });
      const details = (error as GatewayError).details;
      // The gateway retries a failure outside the chaincode on each organisation's peer.
      expect(details.map((detail) => detail.mspId).sort()).toEqual([...new Set(profile.identities.map((identity) => identity.mspId))].sort());
      expect(new Set(details.map((detail) => detail.message))).toEqual(new Set(['error in simulation: transaction returned with failure: failed to marshal response: string field contains invalid UTF-8']));
    });

    it('starts the chain with a config block: number 0, no previous hash, one CONFIG envelope', async () => {
      const { profile } = fixture();
      const genesis = common.Block.deserializeBinary(await fixture().network('admin').getContract('qscc').evaluateTransaction('GetBlockByNumber', profile.channel, '0'));
      expect(genesis.getHeader()?.getNumber()).toBe(0);
      expect(genesis.getHeader()?.getPreviousHash_asU8()).toHaveLength(0);
      const envelopes = genesis.getData()?.getDataList_asU8() ?? [];
      expect(envelopes).toHaveLength(1);
      expect(channelHeaderOf(envelopes[0] as Uint8Array).getType()).toBe(common.HeaderType.CONFIG);
      expect(channelHeaderOf(envelopes[0] as Uint8Array).getChannelId()).toBe(profile.channel);
      // The organisation data's three Raft orderers are the channel's consenters and endpoints.
      const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopes[0] as Uint8Array).getPayload_asU8());
      const ordererGroup = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig()?.getChannelGroup()?.getGroupsMap().get('Orderer') as common.ConfigGroup;
      const consensus = orderer.ConsensusType.deserializeBinary(ordererGroup.getValuesMap().get('ConsensusType')?.getValue_asU8() ?? new Uint8Array());
      expect(consensus.getType()).toBe('etcdraft');
      const consenters = orderer.etcdraft.ConfigMetadata.deserializeBinary(consensus.getMetadata_asU8()).getConsentersList();
      expect(consenters).toHaveLength(3);
      const endpoints = common.OrdererAddresses.deserializeBinary(ordererGroup.getGroupsMap().get('OrdererMSP')?.getValuesMap().get('Endpoints')?.getValue_asU8() ?? new Uint8Array());
      expect(endpoints.getAddressesList()).toEqual(consenters.map((consenter) => `${consenter.getHost()}:${consenter.getPort()}`));
    });
  },
};

function channelHeaderOf(envelopeBytes: Uint8Array): common.ChannelHeader {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  return common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array());
}
