/**
 * qscc, Fabric's query system chaincode: GetChainInfo, GetBlockByNumber, GetBlockByTxID,
 * GetBlockByHash and GetTransactionByID, with blocks hashed and linked as SuiTrust hashes them.
 */
import { expect, it } from 'vitest';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
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

    it('refuses what it does not hold: a block past the height, an unknown transaction id', async () => {
      const { profile, runTag } = fixture();
      const qscc = fixture().network('admin').getContract('qscc');
      const info = common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', profile.channel));
      const unknownTx = freshDigest(runTag, 'no such transaction');
      for (const query of [qscc.evaluateTransaction('GetBlockByNumber', profile.channel, String(info.getHeight() + 1000)), qscc.evaluateTransaction('GetTransactionByID', profile.channel, unknownTx), qscc.evaluateTransaction('GetBlockByTxID', profile.channel, unknownTx)]) {
        const error = await rejectionOf(query);
        expect(error).toBeInstanceOf(GatewayError);
        expect((error as GatewayError).details).toHaveLength(1);
        expect((error as GatewayError).message).toMatch(/^2 UNKNOWN: evaluate call to endorser returned error: /);
      }
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
    });
  },
};

function channelHeaderOf(envelopeBytes: Uint8Array): common.ChannelHeader {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  return common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array());
}
