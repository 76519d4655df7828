/**
 * One transaction id twice: a proposal endorsed again after its transaction committed (a replay
 * or a client's retry), and one endorsed transaction submitted twice. The peer refuses the first
 * before running any chaincode; the ledger orders both copies of the second and commits the later
 * one as DUPLICATE_TXID, answering for the id with the first.
 */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { freshDigest } from './freshIdentifiers';
import { rejectionOf, submitCommitted } from './gatewayOutcomes';

/** Duplicate transaction ids. */
export const duplicateTransactionScenarios: ScenarioModule = {
  title: 'duplicate transactions',
  register(fixture: () => ConformanceFixture): void {
    it('refuses to endorse or evaluate a proposal whose transaction committed: duplicate transaction found, naming the creator', async () => {
      const { profile, runTag } = fixture();
      const evidence = fixture().contract('judge', 'evidence');
      const proposal = evidence.newProposal('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest: freshDigest(runTag, 'replayed proposal') })] });
      const committed = await (await (await proposal.endorse()).submit()).getStatus();
      expect(committed.code).toBe(peer.TxValidationCode.VALID);

      const judge = profile.identities.find((identity) => identity.name.startsWith('judge@'));
      const creator = new msp.SerializedIdentity();
      creator.setMspid(judge?.mspId ?? '');
      creator.setIdBytes(readFileSync(judge?.certPath ?? ''));
      const message = `duplicate transaction found [${proposal.getTransactionId()}]. Creator [${Buffer.from(creator.serializeBinary()).toString('hex')}]`;

      const endorsed = await rejectionOf(proposal.endorse());
      expect(endorsed).toBeInstanceOf(EndorseError);
      expect(endorsed).toMatchObject({ code: GrpcStatus.ABORTED, message: '10 ABORTED: failed to endorse transaction, see attached details for more info' });
      expect((endorsed as EndorseError).details.map((detail) => detail.message)).toEqual([message]);

      const evaluated = await rejectionOf(proposal.evaluate());
      expect(evaluated).toBeInstanceOf(GatewayError);
      expect(evaluated).toMatchObject({ code: GrpcStatus.FAILED_PRECONDITION, message: `9 FAILED_PRECONDITION: evaluate call to endorser returned error: ${message}` });
      expect((evaluated as GatewayError).details.map((detail) => detail.message)).toEqual([message]);
    });

    it('commits one endorsed transaction submitted twice once: the copy is DUPLICATE_TXID, the id answers VALID, one event', async () => {
      const { profile, runTag } = fixture();
      const network = fixture().network('judge');
      const evidence = fixture().contract('judge', 'evidence');
      const transaction = await evidence.newProposal('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest: freshDigest(runTag, 'submitted twice') })] }).endorse();
      const txId = transaction.getTransactionId();
      const submitted = await Promise.all([transaction.submit(), transaction.submit()]);
      const statuses = await Promise.all(submitted.map((commit) => commit.getStatus()));
      expect(statuses.map((status) => status.code)).toEqual([peer.TxValidationCode.VALID, peer.TxValidationCode.VALID]);
      const first = statuses[0]?.blockNumber ?? 0n;
      expect(statuses[1]?.blockNumber).toBe(first);
      // A later commit, so every block that may hold the copy is on the ledger.
      const later = await submitCommitted(network, evidence, 'notarise', { algorithm: 'sm3', digest: freshDigest(runTag, 'after the duplicate') });

      const qscc = fixture().network('auditor').getContract('qscc');
      const codes: number[] = [];
      for (let number = first; number <= later.blockNumber; number++) {
        const block = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByNumber', profile.channel, String(number)));
        const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
        (block.getData()?.getDataList_asU8() ?? []).forEach((envelope, index) => {
          if (txIdOf(envelope) === txId) codes.push(filter[index] as number);
        });
      }
      expect(codes).toEqual([peer.TxValidationCode.VALID, peer.TxValidationCode.DUPLICATE_TXID]);
      const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', profile.channel, txId));
      expect(processed.getValidationcode()).toBe(peer.TxValidationCode.VALID);
      const byTx = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByTxID', profile.channel, txId));
      expect(BigInt(byTx.getHeader()?.getNumber() ?? -1)).toBe(first);

      const events = await network.getChaincodeEvents(profile.chaincode, { startBlock: first });
      const seen: string[] = [];
      try {
        for await (const event of events) {
          seen.push(event.transactionId);
          if (event.transactionId === later.txId) break;
        }
      } finally {
        events.close();
      }
      expect(seen.filter((id) => id === txId)).toHaveLength(1);
    });
  },
};

function txIdOf(envelopeBytes: Uint8Array): string {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  return common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array()).getTxId();
}
