/** The certificates contract: issuance, status changes, uses, matters handled and verification. */
import { expect, it } from 'vitest';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { daysAgo, freshDigest } from './freshIdentifiers';
import { singleEvent, submitCommitted } from './gatewayOutcomes';
import type { HistoryEntry } from './historyEntry';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const seconds = (iso: string): number => Date.parse(iso) / 1000;

/** Every certificate operation, its result and its event. */
export const certificateScenarios: ScenarioModule = {
  title: 'certificates',
  register(fixture: () => ConformanceFixture): void {
    let certificateId = '';
    let holderPseudonym = '';
    let contentDigest = '';
    const changes: string[] = [];

    const issue = async (serial: string, extra: Record<string, unknown> = {}) => {
      const { runTag } = fixture();
      const id = await fixture().world.certificateId(serial);
      const request = { certificateId: id, holderPseudonym: freshDigest(runTag, 'holder'), contentDigest: { algorithm: 'sm3', value: freshDigest(runTag, `content ${serial}`) }, validFrom: '2026-01-01T00:00:00Z', ...extra };
      return { request, committed: await submitCommitted<Record<string, unknown>>(fixture().network('issuer'), fixture().contract('issuer', 'certificates'), 'issue', request) };
    };
    const change = async (transaction: string, reason: string) => {
      const committed = await submitCommitted<{ status: string; statusReason: string }>(fixture().network('issuer'), fixture().contract('issuer', 'certificates'), transaction, { certificateId, reason });
      changes.push(committed.txId);
      return committed;
    };

    it('issues a certificate, the issuer taken from the caller’s certificate: certificateIssued', async () => {
      const { departments } = fixture();
      const { request, committed } = await issue('CERTA', { validUntil: '2036-01-01T00:00:00+08:00' });
      ({ certificateId, holderPseudonym } = request);
      contentDigest = request.contentDigest.value;
      changes.push(committed.txId);
      const typeCode = await fixture().world.certificateType();
      const stamp = { txId: committed.txId, at: expect.stringMatching(/Z$/) };
      expect(committed.result).toEqual({ certificateId, typeCode, issuer: departments.market, holderPseudonym, contentDigest: request.contentDigest, validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2035-12-31T16:00:00.000Z', status: 'valid', issued: stamp, updated: stamp });
      const event = singleEvent(committed.batch);
      expect(event).toMatchObject({ aggregateType: 'certificate', aggregateId: certificateId });
      expect(event.certificateIssued).toMatchObject({ certificateId, typeCode, issuer: departments.market, holderPseudonym, contentDigestAlgorithm: 'sm3', contentDigest, previousCertificateId: '' });
      expect(Number(event.certificateIssued?.validity?.from?.seconds)).toBe(seconds('2026-01-01T00:00:00Z'));
      expect(Number(event.certificateIssued?.validity?.until?.seconds)).toBe(seconds('2035-12-31T16:00:00Z'));
    });

    it('verifies the certificate: trustworthy with its digest, not with another', async () => {
      const certificates = fixture().contract('auditor', 'certificates');
      expect(JSON.parse(utf8(await certificates.evaluateTransaction('verify', certificateId, contentDigest)))).toMatchObject({ certificateId, status: 'valid', digestMatches: true, trustworthy: true });
      expect(JSON.parse(utf8(await certificates.evaluateTransaction('verify', certificateId, '00'.repeat(32))))).toMatchObject({ status: 'valid', digestMatches: false, trustworthy: false });
    });

    it('records uses, one with an annotation and one under an authorisation: certificateUsed, and lists them', async () => {
      const { departments } = fixture();
      const annotated = await submitCommitted(fixture().network('officer'), fixture().contract('officer', 'certificates'), 'recordUse', {
        certificateId,
        matterCode: 'DATA-0001',
        purpose: 'licence check',
        annotation: { reason: 'original shown at the counter', expires: '2999-01-01T00:00:00Z' },
      });
      expect(annotated.result).toMatchObject({ certificateId, usingDepartment: departments.dataBureau, matterCode: 'DATA-0001', annotation: { reason: 'original shown at the counter', expires: '2999-01-01T00:00:00.000Z' }, used: { txId: annotated.txId } });
      expect(singleEvent(annotated.batch).certificateUsed).toMatchObject({ certificateId, holderPseudonym, usingDepartment: departments.dataBureau, matterCode: 'DATA-0001', purpose: 'licence check', authorisationId: '', annotationReason: 'original shown at the counter' });

      const { authorisationId } = await fixture().world.activeAuthorisation();
      const authorised = await submitCommitted(fixture().network('tax-officer'), fixture().contract('tax-officer', 'certificates'), 'recordUse', { certificateId, matterCode: 'TAX-0001', purpose: 'tax registration', authorisationId });
      expect(singleEvent(authorised.batch).certificateUsed).toMatchObject({ certificateId, usingDepartment: departments.tax, authorisationId, annotationReason: '' });

      const uses = JSON.parse(utf8(await fixture().contract('auditor', 'certificates').evaluateTransaction('listUses', certificateId))) as { used: { txId: string } }[];
      expect(uses.map((use) => use.used.txId).sort()).toEqual([annotated.txId, authorised.txId].sort());
    });

    it('suspends, reinstates and revokes it, each with its event, and answers its history', async () => {
      const suspended = await change('suspend', 'under investigation');
      expect(suspended.result).toMatchObject({ status: 'suspended', statusReason: 'under investigation' });
      expect(singleEvent(suspended.batch).certificateSuspended).toMatchObject({ certificateId, reason: 'under investigation' });
      expect(JSON.parse(utf8(await fixture().contract('auditor', 'certificates').evaluateTransaction('verify', certificateId, contentDigest)))).toMatchObject({ status: 'suspended', trustworthy: false });
      const reinstated = await change('reinstate', 'cleared');
      expect(reinstated.result.status).toBe('valid');
      expect(singleEvent(reinstated.batch).certificateReinstated).toMatchObject({ certificateId, reason: 'cleared' });
      const revoked = await change('revoke', 'obtained by fraud');
      expect(revoked.result.status).toBe('revoked');
      expect(singleEvent(revoked.batch).certificateRevoked).toMatchObject({ certificateId, reason: 'obtained by fraud' });

      const history = JSON.parse(utf8(await fixture().contract('auditor', 'certificates').evaluateTransaction('getHistory', certificateId))) as HistoryEntry[];
      expect(history.map((version) => version.txId)).toEqual(changes);
      expect(history.map((version) => version.record.status)).toEqual(['valid', 'suspended', 'valid', 'revoked']);
      expect(history.map((version) => version.record.updated)).toEqual(history.map((version) => ({ txId: version.txId, at: version.at })));
    });

    it('cancels a certificate and issues its renewal linked to it: certificateCancelled, then certificateIssued naming the previous one', async () => {
      const { committed: first } = await issue('CERTB');
      const previous = first.result.certificateId as string;
      const cancelled = await submitCommitted<{ status: string }>(fixture().network('issuer'), fixture().contract('issuer', 'certificates'), 'cancel', { certificateId: previous, reason: 'holder’s request' });
      expect(cancelled.result.status).toBe('cancelled');
      expect(singleEvent(cancelled.batch).certificateCancelled).toMatchObject({ certificateId: previous, reason: 'holder’s request' });
      const { committed: renewal } = await issue('CERTC', { previousCertificateId: previous });
      expect(renewal.result).toMatchObject({ previousCertificateId: previous, status: 'valid' });
      expect(singleEvent(renewal.batch).certificateIssued?.previousCertificateId).toBe(previous);
    });

    it('reports matters handled for a day, a later report replacing it: mattersHandledReported', async () => {
      const { departments } = fixture();
      const day = daysAgo(1);
      const report = (mattersHandled: number) => submitCommitted(fixture().network('officer@market'), fixture().contract('officer@market', 'certificates'), 'reportMattersHandled', { day, mattersHandled });
      const first = await report(120);
      expect(first.result).toEqual({ department: departments.market, day, mattersHandled: 120, reported: { txId: first.txId, at: expect.stringMatching(/Z$/) } });
      const event = singleEvent(first.batch);
      expect(event).toMatchObject({ aggregateType: 'department', aggregateId: departments.market });
      expect(event.mattersHandledReported).toMatchObject({ department: departments.market, day, mattersHandled: 120 });
      const second = await report(0);
      expect(second.result).toMatchObject({ mattersHandled: 0, reported: { txId: second.txId } });
      expect(singleEvent(second.batch).mattersHandledReported).toMatchObject({ day, mattersHandled: 0 });
    });
  },
};
