/** The registry contract: certificate types, their issuers, and accepted pilot-era credit codes. */
import { expect, it } from 'vitest';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { failingCreditCode, unusedTypeCode } from './freshIdentifiers';
import { singleEvent, submitCommitted } from './gatewayOutcomes';
import type { HistoryEntry } from './historyEntry';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');


/** Every registry operation, its result and its event. */
export const registryScenarios: ScenarioModule = {
  title: 'registry',
  register(fixture: () => ConformanceFixture): void {
    let typeCode = '';
    const txIds: string[] = [];

    it('registers a certificate type as the administrator: its record, and one certificateTypeRegistered event', async () => {
      const { departments, runTag } = fixture();
      const registry = fixture().contract('admin', 'registry');
      typeCode = await unusedTypeCode(registry, departments.dataBureau, runTag, 'registry');
      const committed = await submitCommitted(fixture().network('admin'), registry, 'registerCertificateType', { typeCode, name: '营业执照', issuers: [departments.market, departments.court] });
      txIds.push(committed.txId);
      const stamp = { txId: committed.txId, at: expect.stringMatching(/Z$/) };
      expect(committed.result).toEqual({ typeCode, name: '营业执照', definingAgency: departments.dataBureau, issuers: [departments.market, departments.court].sort(), registered: stamp, updated: stamp });
      expect(committed.batch.submitter).toMatchObject({ mspId: 'DataBureauMSP', department: departments.dataBureau, role: 'admin' });
      expect(committed.batch.channelId).toBe(fixture().profile.channel);
      const event = singleEvent(committed.batch);
      expect(event).toMatchObject({ aggregateType: 'certificate-type', aggregateId: typeCode });
      expect(event.certificateTypeRegistered).toMatchObject({ typeCode, name: '营业执照', definingAgency: departments.dataBureau, issuers: [departments.market, departments.court].sort() });
    });

    it('authorises one more issuer: certificateIssuerAuthorised, the issuers kept sorted', async () => {
      const { departments } = fixture();
      const committed = await submitCommitted<{ issuers: string[] }>(fixture().network('admin'), fixture().contract('admin', 'registry'), 'authoriseIssuer', { typeCode, issuer: departments.tax });
      txIds.push(committed.txId);
      expect(committed.result.issuers).toEqual([departments.market, departments.court, departments.tax].sort());
      expect(singleEvent(committed.batch).certificateIssuerAuthorised).toMatchObject({ typeCode, issuer: departments.tax });
    });

    it('withdraws an issuer with a reason: certificateIssuerWithdrawn', async () => {
      const { departments } = fixture();
      const committed = await submitCommitted<{ issuers: string[] }>(fixture().network('admin'), fixture().contract('admin', 'registry'), 'withdrawIssuer', { typeCode, issuer: departments.court, reason: 'reorganised' });
      txIds.push(committed.txId);
      expect(committed.result.issuers).toEqual([departments.market, departments.tax].sort());
      expect(singleEvent(committed.batch).certificateIssuerWithdrawn).toMatchObject({ typeCode, issuer: departments.court, reason: 'reorganised' });
    });

    it('answers the type and its history, every version stamped with its transaction', async () => {
      const registry = fixture().contract('auditor', 'registry');
      const current = JSON.parse(utf8(await registry.evaluateTransaction('getCertificateType', typeCode)));
      expect(current).toMatchObject({ typeCode, registered: { txId: txIds[0] }, updated: { txId: txIds[2] } });
      const history = JSON.parse(utf8(await registry.evaluateTransaction('getCertificateTypeHistory', typeCode))) as HistoryEntry[];
      expect(history.map((version) => version.txId)).toEqual(txIds);
      expect(history.map((version) => version.deleted)).toEqual([false, false, false]);
      // Fabric's history answers each write with its transaction's timestamp: the time the chaincode stamped.
      expect(history.map((version) => version.record.updated)).toEqual(history.map((version) => ({ txId: version.txId, at: version.at })));
    });

    it('accepts a pilot-era credit code that fails its check character: legacyCreditCodeAccepted, and the code is then accepted', async () => {
      const { runTag } = fixture();
      const creditCode = failingCreditCode(runTag, 'registry-legacy');
      const committed = await submitCommitted(fixture().network('admin'), fixture().contract('admin', 'registry'), 'acceptLegacyCreditCode', { creditCode, reason: 'issued in the 2015 pilot' });
      expect(committed.result).toEqual({ creditCode, reason: 'issued in the 2015 pilot', accepted: { txId: committed.txId, at: expect.stringMatching(/Z$/) } });
      const event = singleEvent(committed.batch);
      expect(event).toMatchObject({ aggregateType: 'enterprise', aggregateId: creditCode });
      expect(event.legacyCreditCodeAccepted).toMatchObject({ creditCode, reason: 'issued in the 2015 pilot' });
      const profile = JSON.parse(utf8(await fixture().contract('auditor', 'credit').evaluateTransaction('getProfile', creditCode, '')));
      expect(profile).toMatchObject({ creditCode, entries: [] });
    });
  },
};
