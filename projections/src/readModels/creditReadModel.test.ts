import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOfDate } from '@suitrust/chaincode';
import { openHarness, type ReadModelHarness } from '../../test/readModelHarness';
import type { EventToAppend } from '../eventStore/eventData';
import { creditQueries, creditReadModel } from './creditReadModel';

const ACME = '91310000MA1K000011';
const SOURCE = '11310000MB0000002X';
/** A calendar date (China Standard Time) as the chaincode's events carry it. */
const day = (date: string): { seconds: number; nanos: number } => ({ seconds: startOfDate(date) / 1000, nanos: 0 });

/** A chaincode event of the enterprise's stream, as the relay appends it. */
function creditEvent(type: string, data: Record<string, unknown>, txTime: string): EventToAppend {
  const transactionId = randomUUID().replaceAll('-', '');
  return { id: randomUUID(), type, data: { creditCode: ACME, ...data }, metadata: { transactionId, blockNumber: '1', index: '0', txTime, function: type, submitterMsp: 'MarketRegulationMSP', submitterDepartment: SOURCE } };
}

/** An ordinary penalty decided 2026-01-10: displayed to 2027-01-10, repairable from 2026-04-10 (CR-2019 and later). */
const penalty = (eventId: string, decision = '2026-01-10', until = '2027-01-10', repairable = '2026-04-10'): EventToAppend =>
  creditEvent(
    'creditEventRecorded',
    {
      eventId,
      category: 'penalty',
      severity: 'ordinary',
      legalBasis: '《行政处罚法》',
      sourceDepartment: SOURCE,
      decisionNumber: `沪市监罚〔2026〕${eventId}号`,
      decisionDate: day(decision),
      effective: { from: day(decision) },
      display: { from: day(decision), until: day(until) },
      ruleVersion: 'CR-2023',
      documentDigest: 'ab'.repeat(32),
      repairableFrom: day(repairable),
    },
    `${decision}T02:00:00.000Z`,
  );

describe('the credit read model', () => {
  let harness: ReadModelHarness;
  beforeEach(() => {
    harness = openHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it("sorts an enterprise's entries into active, repaired, expired and unpublished, with the chaincode's status", async () => {
    const stream = `enterprise-${ACME}`;
    await harness.append(stream, penalty('P1'));
    await harness.append(stream, penalty('P2', '2024-01-10', '2025-01-10', '2024-04-10'));
    await harness.append(stream, penalty('P3'));
    await harness.append(stream, creditEvent('creditEventRepaired', { eventId: 'P3', reason: '已整改', documentDigest: 'cd'.repeat(32), repairedAt: day('2026-05-01') }, '2026-04-30T16:00:00.000Z'));
    await harness.append(
      stream,
      creditEvent(
        'creditEventRecorded',
        { eventId: 'M1', category: 'penalty', severity: 'minor', sourceDepartment: SOURCE, decisionDate: day('2026-02-01'), display: { from: day('2026-02-01'), until: day('2026-02-01') }, ruleVersion: 'CR-2023', documentDigest: 'ef'.repeat(32) },
        '2026-02-01T02:00:00.000Z',
      ),
    );
    const views = await harness.project(creditReadModel);

    const profile = views.query((db) => creditQueries.profile(db, ACME, '2026-06-01T00:00:00.000Z'));
    expect(profile).toMatchObject({ creditCode: ACME, asOf: '2026-06-01T00:00:00.000Z', status: 'attention', active: ['P1'], repaired: ['P3'], expired: ['P2'], pending: [], unpublished: ['M1'] });
    expect(profile.entries.find((entry) => entry.eventId === 'P3')).toMatchObject({ repairedAt: '2026-04-30T16:00:00.000Z', repairReason: '已整改', decisionDate: '2026-01-10', displayUntil: '2027-01-10', published: true });
    expect(profile.entries.find((entry) => entry.eventId === 'M1')).toMatchObject({ published: false });

    // Before the repair took effect P3 was active; after P1's display window it has expired too.
    expect(views.query((db) => creditQueries.profile(db, ACME, '2026-04-30T15:59:59.000Z'))).toMatchObject({ active: ['P1', 'P3'], repaired: [] });
    expect(views.query((db) => creditQueries.profile(db, ACME, '2027-01-10T00:00:00.000Z'))).toMatchObject({ status: 'good', active: [], expired: ['P1', 'P2'] });
  });

  it('follows a correction: a penalty made serious makes the enterprise dishonest', async () => {
    const stream = `enterprise-${ACME}`;
    await harness.append(stream, penalty('P1'));
    await harness.append(
      stream,
      creditEvent(
        'creditEventCorrected',
        { eventId: 'P1', reason: '复核', severity: 'serious', legalBasis: '复核决定', effective: { from: day('2026-01-10') }, display: { from: day('2026-01-10'), until: day('2029-01-10') }, documentDigest: '12'.repeat(32), ruleVersion: 'CR-2023', repairableFrom: day('2027-01-10') },
        '2026-03-01T02:00:00.000Z',
      ),
    );
    const views = await harness.project(creditReadModel);
    const profile = views.query((db) => creditQueries.profile(db, ACME, '2028-01-01T00:00:00.000Z'));
    expect(profile).toMatchObject({ status: 'dishonest', active: ['P1'] });
    expect(profile.entries[0]).toMatchObject({ severity: 'serious', corrections: 1, displayUntil: '2029-01-10', repairableFrom: '2027-01-10' });
  });

  it('answers an enterprise with no entries as good', async () => {
    const views = await harness.project(creditReadModel);
    expect(views.query((db) => creditQueries.profile(db, ACME, '2026-06-01T00:00:00.000Z'))).toMatchObject({ status: 'good', active: [], entries: [] });
  });

  it('rebuilds from zero to exactly the same rows as the model kept up event by event', async () => {
    const live = harness.openViews('live');
    const stream = `enterprise-${ACME}`;
    for (const event of [penalty('P1'), penalty('P2'), creditEvent('creditEventRepaired', { eventId: 'P2', reason: 'r', repairedAt: day('2026-05-01') }, '2026-04-30T16:00:00.000Z')]) {
      await harness.append(stream, event);
      await harness.project(creditReadModel, live);
    }
    const rebuilt = await harness.project(creditReadModel);
    expect(harness.dump(rebuilt, ['credit_entry'])).toEqual(harness.dump(live, ['credit_entry']));
    expect((harness.dump(rebuilt, ['credit_entry']) as unknown[][])[0]).toHaveLength(2);
  });
});
