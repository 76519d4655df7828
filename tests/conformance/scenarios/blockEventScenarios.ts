/**
 * Fabric's deliver service through fabric-gateway: full blocks identical to qscc's, filtered
 * blocks with each transaction's validation code and its chaincode event stripped of its
 * payload, and blocks with private data (SuiTrust keeps none).
 */
import { expect, it } from 'vitest';
import { common, peer } from '@hyperledger/fabric-protos';
import { EVENT_NAME } from '@suitrust/chaincode';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { freshDigest } from './freshIdentifiers';
import { submitCommitted } from './gatewayOutcomes';

/** Block events. */
export const blockEventScenarios: ScenarioModule = {
  title: 'block events',
  register(fixture: () => ConformanceFixture): void {
    it('delivers a committed transaction’s block as qscc answers it, filtered and with (no) private data', async () => {
      const { profile, runTag } = fixture();
      const network = fixture().network('judge');
      const committed = await submitCommitted(network, fixture().contract('judge', 'evidence'), 'notarise', { algorithm: 'sm3', digest: freshDigest(runTag, 'block events') });
      const stored = common.Block.deserializeBinary(await network.getContract('qscc').evaluateTransaction('GetBlockByNumber', profile.channel, String(committed.blockNumber)));

      const blocks = await network.getBlockEvents({ startBlock: committed.blockNumber });
      let delivered: common.Block | undefined;
      for await (const block of blocks) {
        delivered = block;
        break;
      }
      blocks.close();
      expect(Buffer.from(delivered?.serializeBinary() ?? []).equals(Buffer.from(stored.serializeBinary()))).toBe(true);

      const filteredBlocks = await network.getFilteredBlockEvents({ startBlock: committed.blockNumber });
      let filtered: peer.FilteredBlock | undefined;
      for await (const block of filteredBlocks) {
        filtered = block;
        break;
      }
      filteredBlocks.close();
      expect(filtered?.getChannelId()).toBe(profile.channel);
      expect(BigInt(filtered?.getNumber() ?? -1)).toBe(committed.blockNumber);
      const transaction = filtered?.getFilteredTransactionsList().find((candidate) => candidate.getTxid() === committed.txId);
      expect(transaction?.getType()).toBe(common.HeaderType.ENDORSER_TRANSACTION);
      expect(transaction?.getTxValidationCode()).toBe(peer.TxValidationCode.VALID);
      const actions = transaction?.getTransactionActions()?.getChaincodeActionsList() ?? [];
      expect(actions).toHaveLength(1);
      const event = actions[0]?.getChaincodeEvent();
      expect({ chaincodeId: event?.getChaincodeId(), txId: event?.getTxId(), eventName: event?.getEventName(), payload: event?.getPayload_asU8().length }).toEqual({ chaincodeId: profile.chaincode, txId: committed.txId, eventName: EVENT_NAME, payload: 0 });

      const privateBlocks = await network.getBlockAndPrivateDataEvents({ startBlock: committed.blockNumber });
      let withPrivateData: peer.BlockAndPrivateData | undefined;
      for await (const block of privateBlocks) {
        withPrivateData = block;
        break;
      }
      privateBlocks.close();
      expect(Buffer.from(withPrivateData?.getBlock()?.serializeBinary() ?? []).equals(Buffer.from(stored.serializeBinary()))).toBe(true);
      expect(withPrivateData?.getPrivateDataMapMap().getLength()).toBe(0);
    });
  },
};
