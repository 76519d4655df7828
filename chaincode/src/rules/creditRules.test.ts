import { describe, expect, it } from 'vitest';
import {
  CREDIT_CATEGORIES,
  CREDIT_RULE_TABLES,
  CREDIT_SEVERITIES,
  displayWindow,
  ruleTableAt,
  severityFits,
  type CreditCategory,
  type CreditSeverity,
} from './creditRules';

const penalty = (severity: CreditSeverity, decisionDate: string, statedDisplayUntil?: string) =>
  displayWindow({ category: 'penalty', severity, decisionDate, effectiveFrom: decisionDate, statedDisplayUntil });

describe('credit rule tables', () => {
  it('lists the tables oldest first by the date they came into force', () => {
    expect(CREDIT_RULE_TABLES.map((table) => [table.version, table.inForceFrom])).toEqual([
      ['CR-2019', '2019-07-01'],
      ['CR-2023', '2023-05-01'],
      ['CR-2026', '2026-04-01'],
    ]);
  });

  it.each([
    ['2015-01-01', 'CR-2019'],
    ['2019-06-30', 'CR-2019'],
    ['2019-07-01', 'CR-2019'],
    ['2023-04-30', 'CR-2019'],
    ['2023-05-01', 'CR-2023'],
    ['2026-03-31', 'CR-2023'],
    ['2026-04-01', 'CR-2026'],
    ['2031-12-31', 'CR-2026'],
  ])('judges a decision dated %s by %s', (decisionDate, version) => {
    expect(ruleTableAt(decisionDate).version).toBe(version);
  });

  it('records the rule version that computed the window', () => {
    expect(penalty('ordinary', '2023-04-30')).toMatchObject({ ok: true, window: { ruleVersion: 'CR-2019' } });
    expect(penalty('ordinary', '2023-05-01')).toMatchObject({ ok: true, window: { ruleVersion: 'CR-2023' } });
    expect(penalty('ordinary', '2026-04-01')).toMatchObject({ ok: true, window: { ruleVersion: 'CR-2026' } });
  });
});

describe('display windows of graded entries', () => {
  it('displays an ordinary entry from its decision date for at most 1 year, repairable after 3 months', () => {
    expect(penalty('ordinary', '2026-04-10')).toEqual({
      ok: true,
      window: {
        ruleVersion: 'CR-2026',
        published: true,
        displayFrom: '2026-04-10',
        displayUntil: '2027-04-10',
        repairableFrom: '2026-07-10',
        earliestEnd: '2026-07-10',
        latestEnd: '2027-04-10',
      },
    });
  });

  it('displays a serious entry for at most 3 years, repairable after 1 year', () => {
    expect(penalty('serious', '2026-04-10')).toEqual({
      ok: true,
      window: {
        ruleVersion: 'CR-2026',
        published: true,
        displayFrom: '2026-04-10',
        displayUntil: '2029-04-10',
        repairableFrom: '2027-04-10',
        earliestEnd: '2027-04-10',
        latestEnd: '2029-04-10',
      },
    });
  });

  it('clamps the bounds to the end of a shorter month', () => {
    expect(penalty('ordinary', '2026-11-30')).toMatchObject({ ok: true, window: { earliestEnd: '2027-02-28', latestEnd: '2027-11-30' } });
  });

  it('does not publish a minor entry under CR-2023', () => {
    expect(penalty('minor', '2023-05-01')).toEqual({
      ok: true,
      window: { ruleVersion: 'CR-2023', published: false, displayFrom: '2023-05-01', displayUntil: '2023-05-01' },
    });
  });

  it('does not publish a minor entry under CR-2026', () => {
    expect(penalty('minor', '2026-04-01')).toEqual({
      ok: true,
      window: { ruleVersion: 'CR-2026', published: false, displayFrom: '2026-04-01', displayUntil: '2026-04-01' },
    });
  });

  it('gives an unpublished minor entry no repair date', () => {
    const result = penalty('minor', '2024-01-01');
    expect(result.ok && result.window.repairableFrom).toBeUndefined();
  });

  it('publishes a minor entry under CR-2019 with the ordinary bounds', () => {
    expect(penalty('minor', '2023-04-30')).toEqual({
      ok: true,
      window: {
        ruleVersion: 'CR-2019',
        published: true,
        displayFrom: '2023-04-30',
        displayUntil: '2024-04-30',
        repairableFrom: '2023-07-30',
        earliestEnd: '2023-07-30',
        latestEnd: '2024-04-30',
      },
    });
  });

  it('publishes a minor entry decided before 2019-07-01 under CR-2019', () => {
    expect(penalty('minor', '2018-05-31')).toMatchObject({
      ok: true,
      window: { ruleVersion: 'CR-2019', published: true, earliestEnd: '2018-08-31', latestEnd: '2019-05-31' },
    });
  });

  it('keeps an old entry\'s rule: the same minor penalty is published or not by its decision date alone', () => {
    expect(penalty('minor', '2023-04-30')).toMatchObject({ ok: true, window: { published: true } });
    expect(penalty('minor', '2023-05-01')).toMatchObject({ ok: true, window: { published: false } });
  });

  it('accepts a stated display end inside the bounds and displays until then', () => {
    expect(penalty('ordinary', '2026-04-10', '2026-10-01')).toMatchObject({
      ok: true,
      window: { displayUntil: '2026-10-01', repairableFrom: '2026-07-10', earliestEnd: '2026-07-10', latestEnd: '2027-04-10' },
    });
  });

  it('accepts a stated display end on either bound', () => {
    expect(penalty('ordinary', '2026-04-10', '2026-07-10')).toMatchObject({ ok: true, window: { displayUntil: '2026-07-10' } });
    expect(penalty('ordinary', '2026-04-10', '2027-04-10')).toMatchObject({ ok: true, window: { displayUntil: '2027-04-10' } });
    expect(penalty('serious', '2026-04-10', '2027-04-10')).toMatchObject({ ok: true, window: { displayUntil: '2027-04-10' } });
    expect(penalty('serious', '2026-04-10', '2029-04-10')).toMatchObject({ ok: true, window: { displayUntil: '2029-04-10' } });
  });

  it('refuses a stated display end before the minimum period with the bounds', () => {
    expect(penalty('ordinary', '2026-04-10', '2026-07-09')).toEqual({ ok: false, reason: 'out-of-bounds', earliestEnd: '2026-07-10', latestEnd: '2027-04-10' });
  });

  it('refuses a stated display end after the maximum period with the bounds', () => {
    expect(penalty('ordinary', '2026-04-10', '2027-04-11')).toEqual({ ok: false, reason: 'out-of-bounds', earliestEnd: '2026-07-10', latestEnd: '2027-04-10' });
  });

  it('refuses a serious entry\'s stated end inside the ordinary bounds but before 1 year', () => {
    expect(penalty('serious', '2026-04-10', '2027-04-09')).toEqual({ ok: false, reason: 'out-of-bounds', earliestEnd: '2027-04-10', latestEnd: '2029-04-10' });
  });

  it('refuses a serious entry\'s stated end after 3 years', () => {
    expect(penalty('serious', '2026-04-10', '2029-04-11')).toMatchObject({ ok: false, reason: 'out-of-bounds' });
  });

  it('applies the same bounds to dishonesty listings and court enforcement', () => {
    for (const category of ['dishonesty-listing', 'court-enforcement'] as const) {
      expect(displayWindow({ category, severity: 'serious', decisionDate: '2026-04-10', effectiveFrom: '2026-04-10' })).toMatchObject({
        ok: true,
        window: { earliestEnd: '2027-04-10', latestEnd: '2029-04-10', displayUntil: '2029-04-10' },
      });
    }
  });
});

describe('display windows of licences and honours', () => {
  it.each(['licence', 'honour'] as const)('displays an open-ended %s from its effective date without end', (category) => {
    const result = displayWindow({ category, severity: 'none', decisionDate: '2026-04-10', effectiveFrom: '2026-05-01' });
    expect(result).toEqual({ ok: true, window: { ruleVersion: 'CR-2026', published: true, displayFrom: '2026-05-01' } });
    expect(result.ok && 'displayUntil' in result.window).toBe(false);
  });

  it.each(['licence', 'honour'] as const)('displays a %s until it ends', (category) => {
    expect(displayWindow({ category, severity: 'none', decisionDate: '2026-04-10', effectiveFrom: '2026-05-01', effectiveUntil: '2031-04-30' })).toEqual({
      ok: true,
      window: { ruleVersion: 'CR-2026', published: true, displayFrom: '2026-05-01', displayUntil: '2031-04-30' },
    });
  });

  it('gives a licence no repair date and no bounds', () => {
    const result = displayWindow({ category: 'licence', severity: 'none', decisionDate: '2026-04-10', effectiveFrom: '2026-05-01' });
    expect(result.ok && [result.window.repairableFrom, result.window.earliestEnd, result.window.latestEnd]).toEqual([undefined, undefined, undefined]);
  });
});

describe('severityFits', () => {
  const allowed: Record<CreditCategory, readonly CreditSeverity[]> = {
    licence: ['none'],
    honour: ['none'],
    penalty: ['minor', 'ordinary', 'serious'],
    'dishonesty-listing': ['serious'],
    'court-enforcement': ['serious'],
  };
  const matrix = CREDIT_CATEGORIES.flatMap((category) =>
    CREDIT_SEVERITIES.map((severity) => [category, severity, allowed[category].includes(severity)] as const),
  );

  it('covers every category and severity', () => {
    expect(matrix).toHaveLength(20);
  });

  it.each(matrix)('lets %s carry severity %s: %s', (category, severity, fits) => {
    expect(severityFits(category, severity)).toBe(fits);
  });
});
