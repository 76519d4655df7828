/** Chaincode-event replay: from a block, and resumed from a checkpoint with no gap and no duplicate. */
import { expect, it } from 'vitest';
import { checkpointers, type ChaincodeEvent } from '@hyperledger/fabric-gateway';
import { EVENT_NAME } from '@suitrust/chaincode';
import { suitrust } from '@suitrust/proto';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { freshDigest } from './freshIdentifiers';
import { submitCommitted } from './gatewayOutcomes';

/** Replay of chaincode events. */
export const chaincodeEventScenarios: ScenarioModule = {
  title: 'chaincode-event replay',
  register(fixture: () => ConformanceFixture): void {
    it('replays from a block in commit order, one EventBatch per transaction, and resumes from a checkpoint past what it saw', async () => {
      const { profile, runTag } = fixture();
      const network = fixture().network('judge');
      const evidence = fixture().contract('judge', 'evidence');
      const committed = [];
      for (const label of ['replay 1', 'replay 2', 'replay 3']) committed.push(await submitCommitted(network, evidence, 'notarise', { algorithm: 'sm3', digest: freshDigest(runTag, label) }));
      const [first, second, third] = committed as [(typeof committed)[0], (typeof committed)[0], (typeof committed)[0]];
      expect(second.blockNumber).toBeGreaterThan(first.blockNumber);

      // Another client may write between ours: look for ours, in order, from the first one's block.
      const checkpointer = checkpointers.inMemory();
      const replay = await network.getChaincodeEvents(profile.chaincode, { startBlock: first.blockNumber });
      const seen: ChaincodeEvent[] = [];
      for await (const event of replay) {
        seen.push(event);
        await checkpointer.checkpointChaincodeEvent(event);
        if (event.transactionId === second.txId) break;
      }
      replay.close();
      const ours = seen.filter((event) => event.transactionId === first.txId || event.transactionId === second.txId);
      expect(ours.map((event) => event.transactionId)).toEqual([first.txId, second.txId]);
      expect(ours.map((event) => event.blockNumber)).toEqual([first.blockNumber, second.blockNumber]);
      for (const event of seen) {
        expect(event.eventName).toBe(EVENT_NAME);
        expect(event.chaincodeName).toBe(profile.chaincode);
        expect(suitrust.events.v1.EventBatch.decode(event.payload).txId).toBe(event.transactionId);
      }
      expect(suitrust.events.v1.EventBatch.decode(ours[0]?.payload ?? new Uint8Array()).events[0]?.evidenceNotarised?.digest).toBe(freshDigest(runTag, 'replay 1'));
      expect(checkpointer.getBlockNumber()).toBe(second.blockNumber);
      expect(checkpointer.getTransactionId()).toBe(second.txId);

      // Resumed from the checkpoint (its block wins over startBlock): never what was seen, and the third next among ours.
      const resumed = await network.getChaincodeEvents(profile.chaincode, { checkpoint: checkpointer, startBlock: 0n });
      const after: string[] = [];
      for await (const event of resumed) {
        after.push(event.transactionId);
        expect(event.blockNumber).toBeGreaterThanOrEqual(second.blockNumber);
        if (event.transactionId === third.txId) break;
      }
      resumed.close();
      expect(after.filter((txId) => seen.some((event) => event.transactionId === txId))).toEqual([]);
      expect(new Set(after).size).toBe(after.length);
      expect(after).toContain(third.txId);
    });
  },
};
