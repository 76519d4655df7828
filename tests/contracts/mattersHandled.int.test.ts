import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { STATE } from '@suitrust/chaincode';
import { startCity, DEPT, type CityMembers } from './cityNetwork';
import { accepted, expectRefused, req, singleEvent } from './outcomes';

/** 2026-06-01 10:00 in China Standard Time. */
const AT = '2026-06-01T02:00:00Z';

describe("certificates contract: a department's daily count of matters handled", () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  const report = (who: keyof CityMembers, body: object, at = AT) => ledger.submit(m[who], 'certificates:reportMattersHandled', [req(body)], { at });

  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
  });
  afterAll(() => ledger.close());

  it("records the count under the caller's own department and day, and emits MattersHandledReported", async () => {
    const outcome = await report('taxOfficer', { day: '2026-05-31', mattersHandled: 120 });
    expect(accepted(outcome)).toEqual({ department: DEPT.tax, day: '2026-05-31', mattersHandled: 120, reported: { txId: outcome.txId, at: '2026-06-01T02:00:00.000Z' } });
    expect([...outcome.readWriteSet.writes.keys()]).toEqual([`\u0000${STATE.mattersHandled}\u0000${DEPT.tax}\u00002026-05-31\u0000`]);
    const event = singleEvent(outcome);
    expect(event.body).toBe('mattersHandledReported');
    expect(event.aggregateType).toBe('department');
    expect(event.aggregateId).toBe(DEPT.tax);
    expect(event.mattersHandledReported).toMatchObject({ department: DEPT.tax, day: '2026-05-31', mattersHandled: 120 });
  });

  it('replaces an earlier report of the same day with a later one (same key)', async () => {
    const outcome = await report('taxOfficer', { day: '2026-05-31', mattersHandled: 125 });
    expect(accepted(outcome)).toMatchObject({ mattersHandled: 125 });
    expect([...outcome.readWriteSet.writes.keys()]).toEqual([`\u0000${STATE.mattersHandled}\u0000${DEPT.tax}\u00002026-05-31\u0000`]);
  });

  it('accepts the current day in China Standard Time, and zero matters', async () => {
    // 2026-05-31T16:00Z is already 2026-06-01 in China Standard Time.
    expect(accepted(await report('marketIssuer', { day: '2026-06-01', mattersHandled: 0 }, '2026-05-31T16:00:00Z'))).toMatchObject({ department: DEPT.market, mattersHandled: 0 });
  });

  it('refuses a day that has not begun', async () => {
    expectRefused(await report('taxOfficer', { day: '2026-06-01', mattersHandled: 3 }, '2026-05-31T15:59:59Z'), 'MATTERS_DAY_IN_FUTURE', 'day');
  });

  it('refuses malformed requests, naming the field', async () => {
    expectRefused(await report('taxOfficer', { day: '2026-02-30', mattersHandled: 3 }), 'INPUT_DATE', 'day');
    expectRefused(await report('taxOfficer', { day: '2026-05-30' }), 'INPUT_REQUIRED', 'mattersHandled');
    expectRefused(await report('taxOfficer', { day: '2026-05-30', mattersHandled: -1 }), 'INPUT_FORMAT', 'mattersHandled');
    expectRefused(await report('taxOfficer', { day: '2026-05-30', mattersHandled: 1.5 }), 'INPUT_TYPE', 'mattersHandled');
    expectRefused(await report('taxOfficer', { day: '2026-05-30', mattersHandled: 10_000_001 }), 'INPUT_FORMAT', 'mattersHandled');
    expectRefused(await report('taxOfficer', { day: '2026-05-30', mattersHandled: 1, department: DEPT.market }), 'INPUT_UNKNOWN_FIELD', 'department');
  });

  it('refuses callers without an officer or issuer role', async () => {
    expectRefused(await report('auditor', { day: '2026-05-30', mattersHandled: 1 }), 'ACCESS_ROLE', 'role');
    expectRefused(await report('plainClient', { day: '2026-05-30', mattersHandled: 1 }), 'ACCESS_ROLE', 'role');
  });
});
