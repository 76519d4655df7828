/**
 * Display windows of credit entries (信用信息公示期限) and when they can be repaired (信用修复).
 *
 * Each entry is judged by the rule table in force at its decision date, and carries that table's
 * version, so old entries keep their old rule when the rules change. The tables:
 *
 * | version | in force from | minor | ordinary | serious |
 * | --- | --- | --- | --- | --- |
 * | CR-2019 | 2019-07-01 | as ordinary | 3 months to 1 year | 1 to 3 years |
 * | CR-2023 | 2023-05-01 | not published | 3 months to 1 year | 1 to 3 years |
 * | CR-2026 | 2026-04-01 | not published | 3 months to 1 year | 1 to 3 years |
 *
 * CR-2026 is as DESIGN.md states it. CR-2019 follows NDRC notice 发改办财金〔2019〕527号 (which
 * had no minor grade) and CR-2023 the NDRC measures on credit repair in force from 2023-05-01;
 * an entry decided before 2019-07-01 is judged by CR-2019, the earliest table kept.
 * Windows count from the decision date; repair is possible once the minimum has passed and
 * display stops at the maximum, or at an earlier end the source department states within bounds.
 * Licences and honours are not graded: they are displayed while they are in effect.
 */
import { addMonths } from './time';

/** Credit entry categories. */
export const CREDIT_CATEGORIES = ['licence', 'honour', 'penalty', 'dishonesty-listing', 'court-enforcement'] as const;
/** A credit entry category. */
export type CreditCategory = (typeof CREDIT_CATEGORIES)[number];

/** Severity grades; `none` for licences and honours. */
export const CREDIT_SEVERITIES = ['none', 'minor', 'ordinary', 'serious'] as const;
/** A severity grade. */
export type CreditSeverity = (typeof CREDIT_SEVERITIES)[number];

/** Categories that describe a breach of trust and are graded. */
export const NEGATIVE_CATEGORIES: readonly CreditCategory[] = ['penalty', 'dishonesty-listing', 'court-enforcement'];

interface GradeRule {
  readonly published: boolean;
  readonly minMonths: number;
  readonly maxMonths: number;
}

interface RuleTable {
  readonly version: string;
  readonly inForceFrom: string;
  readonly grades: Readonly<Record<'minor' | 'ordinary' | 'serious', GradeRule>>;
}

const ORDINARY: GradeRule = { published: true, minMonths: 3, maxMonths: 12 };
const SERIOUS: GradeRule = { published: true, minMonths: 12, maxMonths: 36 };
const UNPUBLISHED: GradeRule = { published: false, minMonths: 0, maxMonths: 0 };

/** The rule tables, oldest first. */
export const CREDIT_RULE_TABLES: readonly RuleTable[] = [
  { version: 'CR-2019', inForceFrom: '2019-07-01', grades: { minor: ORDINARY, ordinary: ORDINARY, serious: SERIOUS } },
  { version: 'CR-2023', inForceFrom: '2023-05-01', grades: { minor: UNPUBLISHED, ordinary: ORDINARY, serious: SERIOUS } },
  { version: 'CR-2026', inForceFrom: '2026-04-01', grades: { minor: UNPUBLISHED, ordinary: ORDINARY, serious: SERIOUS } },
];

/** Which severities each category may carry. */
export function severityFits(category: CreditCategory, severity: CreditSeverity): boolean {
  if (category === 'licence' || category === 'honour') return severity === 'none';
  if (category === 'penalty') return severity !== 'none';
  return severity === 'serious';
}

/** What the rules make of one entry. Dates are calendar dates, China Standard Time. */
export interface DisplayWindow {
  readonly ruleVersion: string;
  /** Whether the entry is displayed at all (minor entries are not, from CR-2023). */
  readonly published: boolean;
  /** First day of display: the decision date (licences, honours: the effective date). */
  readonly displayFrom: string;
  /** First day the entry is no longer displayed; absent means while in effect, open-ended. */
  readonly displayUntil?: string;
  /** First day a repair may take effect; absent when the entry cannot be repaired. */
  readonly repairableFrom?: string;
  /** Bounds a stated display end must lie within. */
  readonly earliestEnd?: string;
  readonly latestEnd?: string;
}

/** An entry's display window, or why the stated end is out of bounds. */
export type DisplayWindowResult =
  | { readonly ok: true; readonly window: DisplayWindow }
  | { readonly ok: false; readonly reason: 'out-of-bounds'; readonly earliestEnd: string; readonly latestEnd: string };

/** The rule table in force at a decision date. */
export function ruleTableAt(decisionDate: string): RuleTable {
  let table = CREDIT_RULE_TABLES[0] as RuleTable;
  for (const candidate of CREDIT_RULE_TABLES) if (candidate.inForceFrom <= decisionDate) table = candidate;
  return table;
}

/**
 * Computes an entry's display window from its grade, decision date and the rule in force then.
 * @param entry.statedDisplayUntil - an earlier display end chosen by the source department
 * @param entry.effectiveFrom - for licences and honours, when they take effect
 * @param entry.effectiveUntil - for licences and honours, when they end (absent: open-ended)
 */
export function displayWindow(entry: {
  readonly category: CreditCategory;
  readonly severity: CreditSeverity;
  readonly decisionDate: string;
  readonly effectiveFrom: string;
  readonly effectiveUntil?: string | undefined;
  readonly statedDisplayUntil?: string | undefined;
}): DisplayWindowResult {
  const table = ruleTableAt(entry.decisionDate);
  if (entry.severity === 'none') {
    const window: DisplayWindow = { ruleVersion: table.version, published: true, displayFrom: entry.effectiveFrom };
    return { ok: true, window: entry.effectiveUntil === undefined ? window : { ...window, displayUntil: entry.effectiveUntil } };
  }
  const grade = table.grades[entry.severity];
  if (!grade.published) {
    return { ok: true, window: { ruleVersion: table.version, published: false, displayFrom: entry.decisionDate, displayUntil: entry.decisionDate } };
  }
  const earliestEnd = addMonths(entry.decisionDate, grade.minMonths);
  const latestEnd = addMonths(entry.decisionDate, grade.maxMonths);
  const end = entry.statedDisplayUntil ?? latestEnd;
  if (end < earliestEnd || end > latestEnd) return { ok: false, reason: 'out-of-bounds', earliestEnd, latestEnd };
  return {
    ok: true,
    window: {
      ruleVersion: table.version,
      published: true,
      displayFrom: entry.decisionDate,
      displayUntil: end,
      repairableFrom: earliestEnd,
      earliestEnd,
      latestEnd,
    },
  };
}
