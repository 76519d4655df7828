/** The credit contract: entries, their correction and repair, and an enterprise's profile. */
import { expect, it } from 'vitest';
import { creditProfile, type CreditEntryRecord } from '@suitrust/chaincode';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { daysAgo, freshCreditCode, freshDigest } from './freshIdentifiers';
import { singleEvent, submitCommitted } from './gatewayOutcomes';
import type { HistoryEntry } from './historyEntry';
import { creditRequest } from './ledgerWorld';

const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
/** The chaincode's day (China Standard Time) as the event's timestamp: its first instant. */
const dayStart = (date: string): number => Date.parse(`${date}T00:00:00+08:00`) / 1000;

/** Every credit operation, its result and its event. */
export const creditScenarios: ScenarioModule = {
  title: 'credit',
  register(fixture: () => ConformanceFixture): void {
    let creditCode = '';
    let recent = '';
    let old = '';
    const submit = (transaction: string, request: object) => submitCommitted<CreditEntryRecord>(fixture().network('officer@market'), fixture().contract('officer@market', 'credit'), transaction, request);

    it('records a penalty, its display window from the rule in force: creditEventRecorded', async () => {
      const { departments, runTag } = fixture();
      creditCode = freshCreditCode(runTag, 'credit scenarios');
      const decisionDate = daysAgo(10);
      const committed = await submit('record', creditRequest(creditCode, `CONF-${runTag}-credit-1`, { decisionDate }));
      recent = committed.txId;
      expect(committed.result).toMatchObject({ creditCode, eventId: committed.txId, category: 'penalty', severity: 'ordinary', sourceDepartment: departments.market, decisionDate, effectiveFrom: decisionDate, published: true, displayFrom: decisionDate, corrections: [] });
      const event = singleEvent(committed.batch);
      expect(event).toMatchObject({ aggregateType: 'enterprise', aggregateId: creditCode });
      expect(event.creditEventRecorded).toMatchObject({ creditCode, eventId: committed.txId, category: 'penalty', severity: 'ordinary', sourceDepartment: departments.market, ruleVersion: committed.result.ruleVersion });
      expect(Number(event.creditEventRecorded?.decisionDate?.seconds)).toBe(dayStart(decisionDate));
      expect(Number(event.creditEventRecorded?.display?.until?.seconds)).toBe(dayStart(committed.result.displayUntil as string));
      expect(Number(event.creditEventRecorded?.repairableFrom?.seconds)).toBe(dayStart(committed.result.repairableFrom as string));
    });

    it('corrects it by its source department with a reason: creditEventCorrected', async () => {
      const committed = await submit('correct', { creditCode, eventId: recent, reason: 'graded wrongly', severity: 'serious' });
      expect(committed.result).toMatchObject({ eventId: recent, severity: 'serious', corrections: [{ reason: 'graded wrongly', txId: committed.txId }], updated: { txId: committed.txId } });
      expect(singleEvent(committed.batch).creditEventCorrected).toMatchObject({ creditCode, eventId: recent, reason: 'graded wrongly', severity: 'serious', ruleVersion: committed.result.ruleVersion });
    });

    it('repairs an old penalty after its minimum display: creditEventRepaired', async () => {
      const { runTag } = fixture();
      const recorded = await submit('record', creditRequest(creditCode, `CONF-${runTag}-credit-2`, { decisionDate: '2025-01-06' }));
      old = recorded.txId;
      expect(recorded.result).toMatchObject({ ruleVersion: 'CR-2023', repairableFrom: '2025-04-06', displayUntil: '2026-01-06' });
      const documentDigest = { algorithm: 'sm3', value: freshDigest(runTag, 'repair decision') };
      const repaired = await submit('repair', { creditCode, eventId: old, reason: 'fine paid, rectified', documentDigest });
      expect(repaired.result).toMatchObject({ eventId: old, repair: { reason: 'fine paid, rectified', documentDigest, txId: repaired.txId } });
      const event = singleEvent(repaired.batch);
      expect(event.creditEventRepaired).toMatchObject({ creditCode, eventId: old, reason: 'fine paid, rectified', documentDigest: documentDigest.value });
      expect(Number(event.creditEventRepaired?.repairedAt?.seconds)).toBe(Math.floor(Date.parse(repaired.result.repair?.at as string) / 1000));
    });

    it('answers the profile as the status rule computes it, at the transaction time and at a stated instant, and an entry’s history', async () => {
      const credit = fixture().contract('auditor', 'credit');
      const now = JSON.parse(utf8(await credit.evaluateTransaction('getProfile', creditCode, ''))) as ReturnType<typeof creditProfile> & { entries: CreditEntryRecord[] };
      expect(now.entries.map((entry) => entry.eventId).sort()).toEqual([recent, old].sort());
      expect(now).toMatchObject(creditProfile(creditCode, now.entries, now.asOf));
      expect(now.repaired).toEqual([old]);
      expect(now.active).toEqual([recent]);
      const before = JSON.parse(utf8(await credit.evaluateTransaction('getProfile', creditCode, '2025-02-01T00:00:00+08:00'))) as typeof now;
      expect(before.asOf).toBe('2025-01-31T16:00:00.000Z');
      expect(before).toMatchObject(creditProfile(creditCode, before.entries, before.asOf));
      const history = JSON.parse(utf8(await credit.evaluateTransaction('getHistory', creditCode, recent))) as HistoryEntry[];
      expect(history.map((version) => version.record.severity)).toEqual(['ordinary', 'serious']);
    });
  },
};
