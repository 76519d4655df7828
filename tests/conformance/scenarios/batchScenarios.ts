/** The batch contract: several of one caller's operations in one transaction, each judged alone. */
import { expect, it } from 'vitest';
import { GatewayError } from '@hyperledger/fabric-gateway';
import type { BatchItemResult } from '@suitrust/chaincode';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { freshDigest } from './freshIdentifiers';
import { expectEvaluateRefusal, rejectionOf, submitCommitted } from './gatewayOutcomes';

/** A batch's results, its events and what it wrote. */
export const batchScenarios: ScenarioModule = {
  title: 'batch',
  register(fixture: () => ConformanceFixture): void {
    it('commits the accepted items of a batch, later items seeing earlier ones, and reports a refused item in its place', async () => {
      const { departments, runTag } = fixture();
      const certificateId = await fixture().world.certificateId('BATCHED');
      const digest = freshDigest(runTag, 'batched evidence');
      const items = [
        { operation: 'evidence:notarise', request: { algorithm: 'sm3', digest } },
        { operation: 'certificates:issue', request: { certificateId, holderPseudonym: freshDigest(runTag, 'batch holder'), contentDigest: { algorithm: 'sm3', value: digest }, validFrom: '2026-01-01T00:00:00Z' } },
        { operation: 'evidence:notarise', request: { algorithm: 'sm3', digest } },
        { operation: 'certificates:recordUse', request: { certificateId, matterCode: 'MKT-0001', purpose: 'same-batch use' } },
      ];
      const committed = await submitCommitted<{ results: BatchItemResult[] }>(fixture().network('issuer'), fixture().contract('issuer', 'batch'), 'submit', { items });
      const results = committed.result.results;
      expect(results.map((result) => result.ok)).toEqual([true, true, false, true]);
      expect(results[2]).toEqual({ ok: false, refusal: { rule: 'EVIDENCE_DUPLICATE', field: 'digest', message: expect.any(String) } });
      expect(results[1]).toMatchObject({ ok: true, result: { certificateId, issuer: departments.market, issued: { txId: committed.txId } } });
      expect(committed.batch.function).toBe('batch:submit');
      expect(committed.batch.events.map((event) => event.index)).toEqual([0, 1, 2]);
      expect(committed.batch.events.map((event) => event.aggregateType)).toEqual(['evidence', 'certificate', 'certificate']);
      expect(committed.batch.events[0]?.evidenceNotarised).toMatchObject({ digest, submitterDepartment: departments.market });
      expect(committed.batch.events[1]?.certificateIssued).toMatchObject({ certificateId });
      expect(committed.batch.events[2]?.certificateUsed).toMatchObject({ certificateId, matterCode: 'MKT-0001' });

      const stored = JSON.parse(Buffer.from(await fixture().contract('auditor', 'evidence').evaluateTransaction('get', 'sm3', digest)).toString('utf8'));
      expect(stored).toMatchObject({ notarised: { txId: committed.txId } });
    });

    it('refuses a batch whose shape is wrong as a whole', async () => {
      const batch = fixture().contract('issuer', 'batch');
      const refused = await rejectionOf(batch.evaluateTransaction('submit', JSON.stringify({ items: [{ operation: 'authorisations:grant', request: {} }] })));
      expect(refused).toBeInstanceOf(GatewayError);
      expectEvaluateRefusal(refused, 'INPUT_ENUM', 'items.0.operation');
      expectEvaluateRefusal(await rejectionOf(batch.evaluateTransaction('submit', JSON.stringify({ items: [] }))), 'INPUT_LENGTH', 'items');
    });
  },
};
