import { describe, expect, it } from 'vitest';
import type { CreditEntryRecord } from '../model/records';
import type { CreditCategory, CreditSeverity } from './creditRules';
import { creditProfile, entryStanding } from './creditStatus';

const CODE = '91350100M000100Y43';
const DIGEST = { algorithm: 'sm3', value: 'a'.repeat(64) } as const;
const STAMP = { txId: 'tx', at: '2026-04-10T02:00:00.000Z' };

function entry(eventId: string, category: CreditCategory, severity: CreditSeverity, overrides: Partial<CreditEntryRecord> = {}): CreditEntryRecord {
  return {
    creditCode: CODE,
    eventId,
    category,
    severity,
    legalBasis: '《中华人民共和国行政处罚法》',
    sourceDepartment: '914403001922038216',
    decisionNumber: `D-${eventId}`,
    decisionDate: '2026-04-10',
    effectiveFrom: '2026-04-10',
    ruleVersion: 'CR-2026',
    published: true,
    displayFrom: '2026-04-10',
    displayUntil: '2027-04-10',
    repairableFrom: '2026-07-10',
    documentDigest: DIGEST,
    corrections: [],
    recorded: STAMP,
    updated: STAMP,
    ...overrides,
  };
}

const AS_OF = '2026-06-01T00:00:00.000Z';
const at = (instant: string): number => Date.parse(instant);
const repairedAt = (instant: string) => ({ reason: '已完成整改', documentDigest: DIGEST, at: instant, txId: 'tx-repair' });

describe('credit status rule', () => {
  it('is good with no entries', () => {
    expect(creditProfile(CODE, [], AS_OF)).toEqual({
      creditCode: CODE,
      asOf: AS_OF,
      status: 'good',
      active: [],
      repaired: [],
      expired: [],
      pending: [],
      unpublished: [],
    });
  });

  it('is dishonest with an active serious entry', () => {
    expect(creditProfile(CODE, [entry('e1', 'dishonesty-listing', 'serious')], AS_OF).status).toBe('dishonest');
  });

  it('is dishonest with an active serious penalty', () => {
    expect(creditProfile(CODE, [entry('e1', 'penalty', 'serious')], AS_OF).status).toBe('dishonest');
  });

  it('is attention with an active ordinary entry', () => {
    expect(creditProfile(CODE, [entry('e1', 'penalty', 'ordinary')], AS_OF).status).toBe('attention');
  });

  it('is attention with an active published minor entry (CR-2019)', () => {
    const minor = entry('e1', 'penalty', 'minor', { decisionDate: '2022-06-01', displayFrom: '2022-06-01', displayUntil: '2023-06-01', ruleVersion: 'CR-2019' });
    expect(creditProfile(CODE, [minor], '2022-12-01T00:00:00.000Z').status).toBe('attention');
  });

  it('is commended with an active honour', () => {
    const honour = entry('e1', 'honour', 'none', { displayUntil: undefined, repairableFrom: undefined });
    expect(creditProfile(CODE, [honour], AS_OF).status).toBe('commended');
  });

  it('is good with only an active licence', () => {
    const licence = entry('e1', 'licence', 'none', { displayUntil: undefined, repairableFrom: undefined });
    const profile = creditProfile(CODE, [licence], AS_OF);
    expect([profile.status, profile.active]).toEqual(['good', ['e1']]);
  });

  it('ranks dishonest above attention and commended, whatever the order of entries', () => {
    const entries = [entry('e1', 'honour', 'none', { displayUntil: undefined }), entry('e2', 'penalty', 'ordinary'), entry('e3', 'court-enforcement', 'serious')];
    expect(creditProfile(CODE, entries, AS_OF).status).toBe('dishonest');
    expect(creditProfile(CODE, [...entries].reverse(), AS_OF).status).toBe('dishonest');
  });

  it('ranks attention above commended', () => {
    const entries = [entry('e1', 'honour', 'none', { displayUntil: undefined }), entry('e2', 'penalty', 'ordinary')];
    expect(creditProfile(CODE, entries, AS_OF).status).toBe('attention');
  });

  it('counts a repaired entry until the instant of its repair', () => {
    const repaired = entry('e1', 'penalty', 'serious', { repair: repairedAt('2026-08-01T00:00:00.000Z') });
    expect(creditProfile(CODE, [repaired], '2026-07-31T23:59:59.999Z')).toMatchObject({ status: 'dishonest', active: ['e1'], repaired: [] });
  });

  it('stops counting a repaired entry at the instant of its repair', () => {
    const repaired = entry('e1', 'penalty', 'serious', { repair: repairedAt('2026-08-01T00:00:00.000Z') });
    expect(creditProfile(CODE, [repaired], '2026-08-01T00:00:00.000Z')).toMatchObject({ status: 'good', active: [], repaired: ['e1'] });
  });

  it('reads a repair instant written with an offset', () => {
    const repaired = entry('e1', 'penalty', 'ordinary', { repair: repairedAt('2026-08-01T08:00:00+08:00') });
    expect(entryStanding(repaired, at('2026-08-01T00:00:00Z'))).toBe('repaired');
    expect(entryStanding(repaired, at('2026-07-31T23:59:59.999Z'))).toBe('active');
  });

  it('counts an entry from the start of its first display day in China Standard Time', () => {
    const later = entry('e1', 'penalty', 'serious', { displayFrom: '2026-07-01' });
    expect(entryStanding(later, at('2026-06-30T15:59:59.999Z'))).toBe('pending');
    expect(entryStanding(later, at('2026-06-30T16:00:00.000Z'))).toBe('active');
  });

  it('stops counting an entry at the start of its display end day in China Standard Time', () => {
    const ending = entry('e1', 'penalty', 'ordinary', { displayUntil: '2027-04-10' });
    expect(entryStanding(ending, at('2027-04-09T15:59:59.999Z'))).toBe('active');
    expect(entryStanding(ending, at('2027-04-09T16:00:00.000Z'))).toBe('expired');
  });

  it('does not count an expired entry', () => {
    expect(creditProfile(CODE, [entry('e1', 'penalty', 'serious')], '2027-05-01T00:00:00.000Z')).toMatchObject({ status: 'good', expired: ['e1'] });
  });

  it('does not count a pending entry', () => {
    const later = entry('e1', 'penalty', 'serious', { displayFrom: '2026-07-01' });
    expect(creditProfile(CODE, [later], AS_OF)).toMatchObject({ status: 'good', pending: ['e1'] });
  });

  it('never counts an unpublished entry', () => {
    const minor = entry('e1', 'penalty', 'minor', { published: false, displayUntil: '2026-04-10' });
    expect(creditProfile(CODE, [minor], AS_OF)).toMatchObject({ status: 'good', unpublished: ['e1'], active: [], expired: [] });
  });

  it('never counts an unpublished entry, even one whose display window would be open', () => {
    const hidden = entry('e1', 'penalty', 'serious', { published: false });
    expect(entryStanding(hidden, at(AS_OF))).toBe('unpublished');
  });

  it('keeps a repaired entry repaired after its display would have ended', () => {
    const repaired = entry('e1', 'penalty', 'ordinary', { repair: repairedAt('2026-08-01T00:00:00.000Z') });
    expect(entryStanding(repaired, at('2028-01-01T00:00:00Z'))).toBe('repaired');
  });

  it('sorts the entry ids of every standing', () => {
    const entries = [
      entry('e9', 'penalty', 'ordinary'),
      entry('e2', 'penalty', 'serious'),
      entry('e7', 'penalty', 'ordinary', { repair: repairedAt('2026-05-01T00:00:00.000Z') }),
      entry('e3', 'penalty', 'ordinary', { repair: repairedAt('2026-05-02T00:00:00.000Z') }),
      entry('e8', 'penalty', 'ordinary', { displayFrom: '2026-04-01', displayUntil: '2026-05-01' }),
      entry('e4', 'penalty', 'ordinary', { displayFrom: '2026-04-01', displayUntil: '2026-05-02' }),
      entry('e6', 'penalty', 'ordinary', { displayFrom: '2026-09-01' }),
      entry('e1', 'penalty', 'ordinary', { displayFrom: '2026-08-01' }),
      entry('e5', 'penalty', 'minor', { published: false }),
      entry('e0', 'penalty', 'minor', { published: false }),
    ];
    expect(creditProfile(CODE, entries, AS_OF)).toEqual({
      creditCode: CODE,
      asOf: AS_OF,
      status: 'dishonest',
      active: ['e2', 'e9'],
      repaired: ['e3', 'e7'],
      expired: ['e4', 'e8'],
      pending: ['e1', 'e6'],
      unpublished: ['e0', 'e5'],
    });
  });

  it('does not reorder the caller\'s entries', () => {
    const entries = [entry('b', 'penalty', 'ordinary'), entry('a', 'penalty', 'ordinary')];
    creditProfile(CODE, entries, AS_OF);
    expect(entries.map((e) => e.eventId)).toEqual(['b', 'a']);
  });
});
