/** The evidence contract: notarisation of a digest with its provenance, and its lookup. */
import { expect, it } from 'vitest';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { freshDigest } from './freshIdentifiers';
import { singleEvent, submitCommitted } from './gatewayOutcomes';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** Every evidence operation, its result and its event. */
export const evidenceScenarios: ScenarioModule = {
  title: 'evidence',
  register(fixture: () => ConformanceFixture): void {
    it('notarises a digest with its provenance and metadata for the court: evidenceNotarised, and looks it up', async () => {
      const { departments, runTag } = fixture();
      const digest = freshDigest(runTag, 'evidence scenarios');
      const request = { algorithm: 'sha256', digest, caseReference: '(2026)沪0192民初1号', provenance: { source: 'court e-filing', method: 'sha256 of the PDF' }, metadata: { pages: '12', clerk: 'C-07' } };
      const committed = await submitCommitted<Record<string, unknown>>(fixture().network('judge'), fixture().contract('judge', 'evidence'), 'notarise', request);
      const record = {
        algorithm: 'sha256',
        digest,
        submitter: { mspId: 'InternetCourtMSP', department: departments.court },
        caseReference: request.caseReference,
        provenance: request.provenance,
        metadata: [{ key: 'clerk', value: 'C-07' }, { key: 'pages', value: '12' }],
        notarised: { txId: committed.txId, at: expect.stringMatching(/Z$/) },
      };
      expect(committed.result).toEqual(record);
      const event = singleEvent(committed.batch);
      expect(event).toMatchObject({ aggregateType: 'evidence', aggregateId: `sha256:${digest}` });
      expect(event.evidenceNotarised).toMatchObject({ algorithm: 'sha256', digest, submitterDepartment: departments.court, submitterMsp: 'InternetCourtMSP', caseReference: request.caseReference, source: 'court e-filing', method: 'sha256 of the PDF', witness: '', metadata: record.metadata });
      expect(committed.batch.submitter).toMatchObject({ mspId: 'InternetCourtMSP', role: 'court' });

      const found = JSON.parse(utf8(await fixture().contract('auditor', 'evidence').evaluateTransaction('get', 'sha256', digest)));
      expect(found).toEqual(committed.result);
    });
  },
};
