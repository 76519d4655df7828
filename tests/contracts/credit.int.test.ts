import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { startCity, ENTERPRISE, DEPT, sm3Like, type CityMembers } from './cityNetwork';
import { accepted, expectRefused, req, singleEvent } from './outcomes';

const doc = (name: string) => ({ algorithm: 'sm3', value: sm3Like(name) });
const penalty = (decisionNumber: string, extra: object = {}) => ({
  creditCode: ENTERPRISE.acme,
  category: 'penalty',
  severity: 'ordinary',
  legalBasis: '《中华人民共和国广告法》第五十五条',
  decisionNumber,
  decisionDate: '2026-05-10',
  documentDigest: doc(decisionNumber),
  ...extra,
});

interface Profile {
  status: string;
  active: string[];
  repaired: string[];
  expired: string[];
  pending: string[];
  unpublished: string[];
}

describe('credit contract: entries, correction, repair and the credit status rule', () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  const record = (who: keyof CityMembers, body: object, at = '2026-06-01T10:00:00+08:00') =>
    ledger.submit(m[who], 'credit:record', [req(body)], { at });
  const profile = async (code: string, asOf = ''): Promise<Profile> =>
    accepted<Profile>(await ledger.evaluate(m.auditor, 'credit:getProfile', [code, asOf], { at: '2026-06-02T00:00:00Z' }));

  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
  });
  afterAll(() => ledger.close());

  it('records an ordinary penalty with the CR-2026 window computed from its decision date', async () => {
    const outcome = await record('marketOfficer', penalty('沪市监罚〔2026〕1号'));
    const entry = accepted(outcome);
    expect(entry).toMatchObject({
      eventId: outcome.txId,
      sourceDepartment: DEPT.market,
      ruleVersion: 'CR-2026',
      published: true,
      displayFrom: '2026-05-10',
      displayUntil: '2027-05-10',
      repairableFrom: '2026-08-10',
    });
    const event = singleEvent(outcome);
    expect(event.aggregateType).toBe('enterprise');
    expect(event.aggregateId).toBe(ENTERPRISE.acme);
    expect(event.creditEventRecorded).toMatchObject({ category: 'penalty', severity: 'ordinary', ruleVersion: 'CR-2026', decisionNumber: '沪市监罚〔2026〕1号' });
    expect(await profile(ENTERPRISE.acme)).toMatchObject({ status: 'attention', active: [outcome.txId] });
  });

  it('keeps old entries under the rule in force at their decision date', async () => {
    const old = accepted(await record('marketOfficer', penalty('沪市监罚〔2020〕7号', { severity: 'minor', decisionDate: '2020-03-01' })));
    expect(old).toMatchObject({ ruleVersion: 'CR-2019', published: true, displayUntil: '2021-03-01', repairableFrom: '2020-06-01' });
    const minor = accepted(await record('marketOfficer', penalty('沪市监罚〔2026〕2号', { severity: 'minor' })));
    expect(minor).toMatchObject({ ruleVersion: 'CR-2026', published: false });
    const p = await profile(ENTERPRISE.acme);
    expect(p.expired).toContain(old['eventId']);
    expect(p.unpublished).toContain(minor['eventId']);
    expect(p.status).toBe('attention');
  });

  it('accepts a stated display end within the rule\'s bounds and refuses one outside', async () => {
    expect(accepted(await record('marketOfficer', penalty('沪市监罚〔2026〕3号', { displayUntil: '2026-09-01' })))).toMatchObject({ displayUntil: '2026-09-01' });
    expectRefused(await record('marketOfficer', penalty('沪市监罚〔2026〕4号', { displayUntil: '2026-07-01' })), 'CREDIT_DISPLAY_BOUNDS', 'displayUntil');
    expectRefused(await record('marketOfficer', penalty('沪市监罚〔2026〕4号', { displayUntil: '2027-06-01' })), 'CREDIT_DISPLAY_BOUNDS', 'displayUntil');
  });

  it('refuses a severity that does not fit the category, a future decision and a decision recorded twice', async () => {
    expectRefused(await record('marketOfficer', penalty('L-1', { category: 'licence', severity: 'serious' })), 'CREDIT_SEVERITY_CATEGORY', 'severity');
    expectRefused(await record('marketOfficer', penalty('L-1', { category: 'dishonesty-listing', severity: 'ordinary' })), 'CREDIT_SEVERITY_CATEGORY');
    expectRefused(await record('marketOfficer', penalty('F-1', { decisionDate: '2026-06-02' })), 'CREDIT_DECISION_IN_FUTURE', 'decisionDate');
    expectRefused(await record('marketOfficer', penalty('沪市监罚〔2026〕1号')), 'CREDIT_DECISION_EXISTS', 'decisionNumber');
    expectRefused(await record('marketOfficer', penalty('D-1', { decisionDate: '2026-02-30' })), 'INPUT_DATE', 'decisionDate');
    expectRefused(await record('marketOfficer', penalty('D-2', { creditCode: 'ACME' })), 'INPUT_LENGTH', 'creditCode');
    expectRefused(await record('auditor', penalty('D-3')), 'ACCESS_ROLE');
  });

  it('ranks a serious entry above everything, and an honour only when nothing negative is active', async () => {
    const honour = accepted(
      await record('marketOfficer', { ...penalty('荣誉-1'), creditCode: ENTERPRISE.bolt, category: 'honour', severity: 'none', effectiveUntil: '2028-01-01' }),
    );
    expect(honour).toMatchObject({ published: true, displayFrom: '2026-05-10', displayUntil: '2028-01-01' });
    expect(await profile(ENTERPRISE.bolt)).toMatchObject({ status: 'commended' });
    accepted(await record('taxOfficer', { ...penalty('税务-失信-1'), creditCode: ENTERPRISE.bolt, category: 'dishonesty-listing', severity: 'serious', decisionDate: '2026-04-15' }));
    expect(await profile(ENTERPRISE.bolt)).toMatchObject({ status: 'dishonest' });
    expect(await profile(ENTERPRISE.bolt, '2029-05-01T00:00:00Z')).toMatchObject({ status: 'good' });
  });

  it('repairs only the source department\'s published negative entry, after the minimum period', async () => {
    const entry = accepted<{ eventId: string; creditCode: string }>(await record('marketOfficer', penalty('沪市监罚〔2026〕9号')));
    const body = { creditCode: entry.creditCode, eventId: entry.eventId, reason: '已履行行政处罚决定并完成整改', documentDigest: doc('repair application') };
    const repair = (who: keyof CityMembers, at: string, extra: object = {}) =>
      ledger.submit(m[who], 'credit:repair', [req({ ...body, ...extra })], { at });
    expectRefused(await repair('marketOfficer', '2026-08-09T23:59:59+08:00'), 'CREDIT_REPAIR_TOO_EARLY', 'eventId');
    expectRefused(await repair('taxOfficer', '2026-08-10T00:00:00+08:00'), 'ACCESS_NOT_SOURCE', 'dept');
    expectRefused(await repair('marketOfficer', '2026-08-10T00:00:00+08:00', { eventId: 'unknown' }), 'CREDIT_EVENT_UNKNOWN', 'eventId');
    const repaired = await repair('marketOfficer', '2026-08-10T00:00:00+08:00');
    expect(accepted(repaired)).toMatchObject({ repair: { reason: '已履行行政处罚决定并完成整改', at: '2026-08-09T16:00:00.000Z' } });
    expect(singleEvent(repaired).creditEventRepaired).toMatchObject({ eventId: entry.eventId, creditCode: ENTERPRISE.acme });
    expectRefused(await repair('marketOfficer', '2026-09-01T00:00:00Z'), 'CREDIT_ALREADY_REPAIRED');

    const before = await profile(ENTERPRISE.acme, '2026-08-01T00:00:00Z');
    const after = await profile(ENTERPRISE.acme, '2026-08-11T00:00:00Z');
    expect(before.active).toContain(entry.eventId);
    expect(after.repaired).toContain(entry.eventId);
    expect(after.active).not.toContain(entry.eventId);
  });

  it('refuses to repair licences, honours and unpublished entries', async () => {
    const licence = accepted<{ eventId: string }>(await record('marketOfficer', { ...penalty('许可-1'), category: 'licence', severity: 'none' }));
    const minor = accepted<{ eventId: string }>(await record('marketOfficer', penalty('沪市监罚〔2026〕10号', { severity: 'minor' })));
    for (const eventId of [licence.eventId, minor.eventId]) {
      const outcome = await ledger.submit(m.marketOfficer, 'credit:repair', [req({ creditCode: ENTERPRISE.acme, eventId, reason: 'x', documentDigest: doc('x') })], { at: '2027-06-01T00:00:00Z' });
      expectRefused(outcome, 'CREDIT_NOT_REPAIRABLE');
    }
  });

  it('corrects an entry with a reason, recomputing its window and keeping every version', async () => {
    const entry = accepted<{ eventId: string }>(await record('marketOfficer', penalty('沪市监罚〔2026〕11号', { severity: 'serious' })));
    expect(entry).toMatchObject({ displayUntil: '2029-05-10', repairableFrom: '2027-05-10' });
    const correction = { creditCode: ENTERPRISE.acme, eventId: entry.eventId, reason: '复议决定变更为一般失信', severity: 'ordinary' };
    expectRefused(await ledger.submit(m.taxOfficer, 'credit:correct', [req(correction)]), 'ACCESS_NOT_SOURCE');
    expectRefused(await ledger.submit(m.marketOfficer, 'credit:correct', [req({ ...correction, severity: 'none' })]), 'CREDIT_SEVERITY_CATEGORY');
    const corrected = await ledger.submit(m.marketOfficer, 'credit:correct', [req(correction)], { at: '2026-06-05T00:00:00Z' });
    expect(accepted(corrected)).toMatchObject({ severity: 'ordinary', displayUntil: '2027-05-10', repairableFrom: '2026-08-10', corrections: [{ reason: '复议决定变更为一般失信' }] });
    expect(singleEvent(corrected).creditEventCorrected).toMatchObject({ severity: 'ordinary', reason: '复议决定变更为一般失信', ruleVersion: 'CR-2026' });
    const history = accepted<{ record: { severity: string } }[]>(await ledger.evaluate(m.auditor, 'credit:getHistory', [ENTERPRISE.acme, entry.eventId]));
    expect(history.map((version) => version.record.severity)).toEqual(['serious', 'ordinary']);
  });
});
