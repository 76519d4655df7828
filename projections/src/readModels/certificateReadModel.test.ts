import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type ReadModelHarness } from '../../test/readModelHarness';
import type { EventToAppend } from '../eventStore/eventData';
import { certificateQueries, certificateReadModel } from './certificateReadModel';

const TAX = '11310000MB0000003X';
const HEALTH = '11310000MB0000004X';
const ALICE = 'a1'.repeat(32);
const BOB = 'b0'.repeat(32);

function chaincodeEvent(type: string, data: Record<string, unknown>, txTime: string): EventToAppend {
  return { id: randomUUID(), type, data, metadata: { transactionId: randomUUID().replaceAll('-', ''), blockNumber: '1', index: '0', txTime, function: type, submitterMsp: 'DataBureauMSP', submitterDepartment: TAX } };
}

/** A certificate use by `department` for `matterCode` and `holder`, at `txTime`. */
const use = (certificateId: string, holder: string, department: string, matterCode: string, txTime: string): EventToAppend =>
  chaincodeEvent('certificateUsed', { certificateId, typeCode: 'T', holderPseudonym: holder, usingDepartment: department, matterCode, purpose: 'p' }, txTime);
const matters = (department: string, day: string, mattersHandled: number): EventToAppend =>
  chaincodeEvent('mattersHandledReported', { department, day, ...(mattersHandled === 0 ? {} : { mattersHandled }) }, `${day}T12:00:00.000Z`);

describe('the certificates view: use rate and paging', () => {
  let harness: ReadModelHarness;
  beforeEach(() => {
    harness = openHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it("divides the matters that used a certificate (distinct day, matter, holder) by the department's reported matters", async () => {
    // 2026-03-01 (China Standard Time): Alice's licence and ID card for one matter count once; Bob's adds one.
    await harness.append('certificate-L1', use('L1', ALICE, TAX, 'TAX-1', '2026-03-01T02:00:00.000Z'));
    await harness.append('certificate-I1', use('I1', ALICE, TAX, 'TAX-1', '2026-03-01T03:00:00.000Z'));
    await harness.append('certificate-L2', use('L2', BOB, TAX, 'TAX-1', '2026-03-01T04:00:00.000Z'));
    // 2026-03-02 in China Standard Time (18:00Z on the 1st).
    await harness.append('certificate-L1', use('L1', ALICE, TAX, 'TAX-2', '2026-03-01T18:00:00.000Z'));
    await harness.append(`department-${TAX}`, matters(TAX, '2026-03-01', 10));
    await harness.append(`department-${TAX}`, matters(TAX, '2026-03-01', 4));
    await harness.append(`department-${TAX}`, matters(TAX, '2026-03-02', 4));
    await harness.append('certificate-L1', use('L1', ALICE, HEALTH, 'MED-1', '2026-03-01T02:00:00.000Z'));
    const views = await harness.project(certificateReadModel);

    const rates = views.query((db) => certificateQueries.useRates(db, '2026-03-01', '2026-03-02', undefined, { limit: 10 }));
    expect(rates).toEqual({
      items: [
        // The later report of 2026-03-01 (4) replaced the earlier (10): 3 matters of 8.
        { department: '11310000MB0000003X', from: '2026-03-01', to: '2026-03-02', mattersHandled: 8, mattersUsingCertificates: 3, rate: 3 / 8 },
        { department: '11310000MB0000004X', from: '2026-03-01', to: '2026-03-02', mattersHandled: 0, mattersUsingCertificates: 1, rate: null },
      ].sort((a, b) => a.department.localeCompare(b.department)),
      nextCursor: null,
    });
    expect(views.query((db) => certificateQueries.useRates(db, '2026-03-01', '2026-03-01', TAX, { limit: 10 })).items).toEqual([
      { department: TAX, from: '2026-03-01', to: '2026-03-01', mattersHandled: 4, mattersUsingCertificates: 2, rate: 0.5 },
    ]);
    const first = views.query((db) => certificateQueries.useRates(db, '2026-03-01', '2026-03-02', undefined, { limit: 1 }));
    expect(first.items).toHaveLength(1);
    const second = views.query((db) => certificateQueries.useRates(db, '2026-03-01', '2026-03-02', undefined, { limit: 1, cursor: first.nextCursor ?? '' }));
    expect([...first.items, ...second.items].map((row) => row.department)).toEqual(rates.items.map((row) => row.department));
    expect(second.nextCursor).toBeNull();
  });

  it('pages uses and counts by cursor; a cursor of another list is refused', async () => {
    for (let hour = 0; hour < 5; hour++) await harness.append('certificate-L1', use('L1', ALICE, TAX, `M${hour}`, `2026-03-01T0${hour}:00:00.000Z`));
    const views = await harness.project(certificateReadModel);
    const first = views.query((db) => certificateQueries.usesOfCertificate(db, 'L1', { limit: 3 }));
    expect(first.items.map((row) => row.matterCode)).toEqual(['M0', 'M1', 'M2']);
    expect(first.items[0]).not.toHaveProperty('position');
    const rest = views.query((db) => certificateQueries.usesOfCertificate(db, 'L1', { limit: 3, cursor: first.nextCursor ?? '' }));
    expect(rest).toMatchObject({ items: [{ matterCode: 'M3' }, { matterCode: 'M4' }], nextCursor: null });
    expect(() => views.query((db) => certificateQueries.usesOfHolder(db, ALICE, { limit: 3, cursor: first.nextCursor ?? '' }))).toThrow(/another view/);
    expect(() => views.query((db) => certificateQueries.usesOfHolder(db, ALICE, { limit: 501 }))).toThrow(RangeError);
    const counts = views.query((db) => certificateQueries.useCounts(db, '2026-03-01', '2026-03-01', { limit: 1 }));
    expect(counts).toEqual({ items: [{ usingDepartment: TAX, typeCode: 'T', day: '2026-03-01', uses: 5 }], nextCursor: null });
  });

  it('rebuilds from zero to exactly the same rows', async () => {
    const live = harness.openViews('live');
    for (const event of [use('L1', ALICE, TAX, 'M', '2026-03-01T02:00:00.000Z'), matters(TAX, '2026-03-01', 3), matters(TAX, '2026-03-01', 5)]) {
      await harness.append('certificate-L1', event);
      await harness.project(certificateReadModel, live);
    }
    const rebuilt = await harness.project(certificateReadModel);
    const tables = ['certificate_use', 'matters_handled'];
    expect(harness.dump(rebuilt, tables)).toEqual(harness.dump(live, tables));
  });
});
