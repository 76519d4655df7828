/**
 * Concurrent writers: approvals of exchanges under one authorisation with a use limit, each
 * endorsed before any commits, so all read the same version of the authorisation. The ledger
 * must commit one per round and mark the others MVCC_READ_CONFLICT, exactly the limit in all,
 * deliver no event of an invalid transaction and answer qscc with each one's validation code.
 */
import { expect, it } from 'vitest';
import { common, peer } from '@hyperledger/fabric-protos';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { expectEndorseRefusal, rejectionOf, submitCommitted, type ValidationCode } from './gatewayOutcomes';
import { GRANT_DEFAULTS, authorisationRequest } from './ledgerWorld';

const USE_LIMIT = 2;
const CONCURRENT = 3;

/** MVCC conflicts among concurrent approvals. */
export const mvccScenarios: ScenarioModule = {
  title: 'MVCC conflicts',
  register(fixture: () => ConformanceFixture): void {
    it(`commits exactly the use limit of ${CONCURRENT} concurrent approvals per round, the others MVCC_READ_CONFLICT on both ledgers`, async () => {
      const { departments, profile } = fixture();
      const network = fixture().network('officer@market');
      const authorisations = fixture().contract('officer@market', 'authorisations');
      const granted = await submitCommitted<{ authorisationId: string }>(network, authorisations, 'grant', authorisationRequest(departments.market, departments.tax, { useLimit: USE_LIMIT }));
      const authorisationId = granted.result.authorisationId;
      const approval = JSON.stringify({ authorisationId, consumer: departments.tax, resourceCode: GRANT_DEFAULTS.resourceCode, purpose: GRANT_DEFAULTS.purpose, fields: ['creditCode'] });

      const outcomes: { txId: string; code: ValidationCode; block: bigint }[] = [];
      for (let round = 0; round < USE_LIMIT; round++) {
        const endorsed = [];
        for (let i = 0; i < CONCURRENT; i++) endorsed.push(await authorisations.newProposal('approveExchange', { arguments: [approval] }).endorse());
        const submitted = await Promise.all(endorsed.map((transaction) => transaction.submit()));
        const statuses = await Promise.all(submitted.map((transaction) => transaction.getStatus()));
        expect(statuses.map((status) => status.code).sort((a, b) => a - b)).toEqual([peer.TxValidationCode.VALID, ...Array<ValidationCode>(CONCURRENT - 1).fill(peer.TxValidationCode.MVCC_READ_CONFLICT)]);
        expect(statuses.filter((status) => status.successful)).toHaveLength(1);
        outcomes.push(...statuses.map((status) => ({ txId: status.transactionId, code: status.code, block: status.blockNumber })));
      }

      expectEndorseRefusal(await rejectionOf(authorisations.submitTransaction('approveExchange', approval)), 'AUTHORISATION_USE_LIMIT', 'authorisationId');
      const record = JSON.parse(Buffer.from(await fixture().contract('auditor', 'authorisations').evaluateTransaction('get', authorisationId)).toString('utf8'));
      const valid = outcomes.filter((outcome) => outcome.code === peer.TxValidationCode.VALID);
      expect(record).toMatchObject({ uses: USE_LIMIT, useLimit: USE_LIMIT, updated: { txId: valid[valid.length - 1]?.txId } });

      // qscc answers each transaction's own validation code, valid or not.
      const qscc = fixture().network('auditor').getContract('qscc');
      for (const outcome of outcomes) {
        const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', profile.channel, outcome.txId));
        expect(processed.getValidationcode(), outcome.txId).toBe(outcome.code);
        const block = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByTxID', profile.channel, outcome.txId));
        expect(BigInt(block.getHeader()?.getNumber() ?? -1)).toBe(outcome.block);
      }

      // The event service delivers the events of valid transactions only.
      const first = outcomes.reduce((lowest, outcome) => (outcome.block < lowest ? outcome.block : lowest), outcomes[0]?.block ?? 0n);
      const last = outcomes.reduce((highest, outcome) => (outcome.block > highest ? outcome.block : highest), 0n);
      const events = await network.getChaincodeEvents(profile.chaincode, { startBlock: first });
      const delivered: string[] = [];
      try {
        for await (const event of events) {
          if (event.blockNumber > last) break;
          delivered.push(event.transactionId);
          if (valid.every((outcome) => delivered.includes(outcome.txId))) break;
        }
      } finally {
        events.close();
      }
      const invalid = outcomes.filter((outcome) => outcome.code !== peer.TxValidationCode.VALID).map((outcome) => outcome.txId);
      expect(delivered.filter((txId) => invalid.includes(txId))).toEqual([]);
      expect(valid.map((outcome) => outcome.txId).every((txId) => delivered.includes(txId))).toBe(true);
    });
  },
};
