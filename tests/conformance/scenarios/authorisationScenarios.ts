/** The authorisations contract: grants, approvals of exchanges under them, and revocation. */
import { expect, it } from 'vitest';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { freshDigest } from './freshIdentifiers';
import { singleEvent, submitCommitted } from './gatewayOutcomes';
import type { HistoryEntry } from './historyEntry';
import { GRANT_DEFAULTS, authorisationRequest } from './ledgerWorld';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** Every authorisation operation, its result and its event. */
export const authorisationScenarios: ScenarioModule = {
  title: 'authorisations',
  register(fixture: () => ConformanceFixture): void {
    let departmentGrant = '';
    let subjectGrant = '';
    const exchange = (authorisationId: string, extra: Record<string, unknown> = {}) => ({
      authorisationId,
      consumer: fixture().departments.tax,
      resourceCode: GRANT_DEFAULTS.resourceCode,
      purpose: GRANT_DEFAULTS.purpose,
      fields: ['licenceNumber', 'creditCode'],
      ...extra,
    });

    it('grants a department authorisation with a use limit, its id the transaction id: authorisationGranted', async () => {
      const { departments } = fixture();
      const request = authorisationRequest(departments.market, departments.tax, { useLimit: 3, validFrom: '2026-01-01T00:00:00Z', validUntil: '2999-01-01T00:00:00+08:00' });
      const committed = await submitCommitted<Record<string, unknown>>(fixture().network('officer@market'), fixture().contract('officer@market', 'authorisations'), 'grant', request);
      departmentGrant = committed.txId;
      const stamp = { txId: committed.txId, at: expect.stringMatching(/Z$/) };
      expect(committed.result).toEqual({
        authorisationId: committed.txId,
        grantorKind: 'department',
        grantor: departments.market,
        provider: departments.market,
        consumer: departments.tax,
        resourceCode: GRANT_DEFAULTS.resourceCode,
        sharingClass: 'conditional',
        purpose: GRANT_DEFAULTS.purpose,
        fields: [...GRANT_DEFAULTS.fields].sort(),
        validFrom: '2026-01-01T00:00:00.000Z',
        validUntil: '2998-12-31T16:00:00.000Z',
        useLimit: 3,
        uses: 0,
        status: 'active',
        recordedBy: { mspId: 'MarketRegulationMSP', department: departments.market },
        granted: stamp,
        updated: stamp,
      });
      const event = singleEvent(committed.batch);
      expect(event).toMatchObject({ aggregateType: 'authorisation', aggregateId: committed.txId });
      expect(event.authorisationGranted).toMatchObject({ authorisationId: committed.txId, grantorKind: 'department', grantor: departments.market, provider: departments.market, consumer: departments.tax, useLimit: 3, consentDigest: '', sharingClass: 'conditional', fields: [...GRANT_DEFAULTS.fields].sort() });
    });

    it('approves exchanges under it, counting uses: exchangeApproved, and the authorisation’s history', async () => {
      const approvals = [];
      for (const payload of ['first', 'second']) {
        approvals.push(
          await submitCommitted<Record<string, unknown>>(fixture().network('officer@market'), fixture().contract('officer@market', 'authorisations'), 'approveExchange', exchange(departmentGrant, { payloadDigest: { algorithm: 'sha256', value: freshDigest(fixture().runTag, payload) } })),
        );
      }
      const [first, second] = approvals as [(typeof approvals)[0], (typeof approvals)[0]];
      expect(first.result).toMatchObject({ exchangeId: first.txId, authorisationId: departmentGrant, useNumber: 1, fields: ['creditCode', 'licenceNumber'], approved: { txId: first.txId } });
      expect(second.result).toMatchObject({ useNumber: 2 });
      const event = singleEvent(second.batch);
      expect(event).toMatchObject({ aggregateType: 'authorisation', aggregateId: departmentGrant });
      expect(event.exchangeApproved).toMatchObject({ exchangeId: second.txId, authorisationId: departmentGrant, provider: fixture().departments.market, consumer: fixture().departments.tax, useNumber: 2, payloadDigest: freshDigest(fixture().runTag, 'second') });

      const authorisations = fixture().contract('auditor', 'authorisations');
      expect(JSON.parse(utf8(await authorisations.evaluateTransaction('get', departmentGrant)))).toMatchObject({ uses: 2, updated: { txId: second.txId } });
      const history = JSON.parse(utf8(await authorisations.evaluateTransaction('getHistory', departmentGrant))) as HistoryEntry[];
      expect(history.map((version) => version.txId)).toEqual([departmentGrant, first.txId, second.txId]);
      expect(history.map((version) => version.record.uses)).toEqual([0, 1, 2]);
    });

    it('records a data subject’s grant by the consuming department with the consent digest, and approves unlimited exchanges without writing it', async () => {
      const { departments, runTag } = fixture();
      const subjectPseudonym = freshDigest(runTag, 'data subject');
      const consent = freshDigest(runTag, 'consent form');
      const committed = await submitCommitted<Record<string, unknown>>(
        fixture().network('tax-officer'),
        fixture().contract('tax-officer', 'authorisations'),
        'grant',
        authorisationRequest(departments.market, departments.tax, { grantorKind: 'subject', subjectPseudonym, sharingClass: 'unconditional', consentDigest: { algorithm: 'sm3', value: consent } }),
      );
      subjectGrant = committed.txId;
      expect(committed.result).toMatchObject({ grantorKind: 'subject', grantor: subjectPseudonym, useLimit: 0, consentDigest: { algorithm: 'sm3', value: consent }, recordedBy: { mspId: 'DataBureauMSP', department: departments.tax } });
      expect(singleEvent(committed.batch).authorisationGranted).toMatchObject({ grantorKind: 'subject', grantor: subjectPseudonym, consentDigest: consent, sharingClass: 'unconditional', useLimit: 0 });

      const approved = await submitCommitted(fixture().network('officer@market'), fixture().contract('officer@market', 'authorisations'), 'approveExchange', exchange(subjectGrant));
      expect(approved.result).toMatchObject({ useNumber: 0 });
      expect(singleEvent(approved.batch).exchangeApproved).toMatchObject({ useNumber: 0, payloadDigest: '' });
      expect(JSON.parse(utf8(await fixture().contract('auditor', 'authorisations').evaluateTransaction('get', subjectGrant)))).toMatchObject({ uses: 0, updated: { txId: subjectGrant } });
    });

    it('revokes the subject’s grant by the department that recorded it: authorisationRevoked', async () => {
      const committed = await submitCommitted(fixture().network('tax-officer'), fixture().contract('tax-officer', 'authorisations'), 'revoke', { authorisationId: subjectGrant, reason: 'consent withdrawn' });
      expect(committed.result).toMatchObject({ authorisationId: subjectGrant, status: 'revoked', revocationReason: 'consent withdrawn', updated: { txId: committed.txId } });
      expect(singleEvent(committed.batch).authorisationRevoked).toMatchObject({ authorisationId: subjectGrant, reason: 'consent withdrawn' });
    });
  },
};
