/**
 * An enterprise's credit status, computed by one pure, documented rule from its entries at an
 * instant (never the clock). An entry is *active* at `t` when it is published, its display has
 * begun (start of its first display day, China Standard Time) and not ended, and it has not been
 * repaired by `t`. Then, in order:
 *
 * 1. `dishonest` (严重失信) — an active serious entry;
 * 2. `attention` (一般失信, 关注) — an active ordinary or minor negative entry;
 * 3. `commended` (守信激励) — an active honour;
 * 4. `good` — none of these.
 */
import type { CreditEntryRecord } from '../model/records';
import { NEGATIVE_CATEGORIES } from './creditRules';
import { parseInstant, startOfDate } from './time';

/** The status levels, most severe first. */
export type CreditStatusLevel = 'dishonest' | 'attention' | 'commended' | 'good';

/** Where an entry stands at an instant. */
export type EntryStanding = 'active' | 'repaired' | 'expired' | 'pending' | 'unpublished';

/** An enterprise's status and its entries sorted into standings. */
export interface CreditProfile {
  readonly creditCode: string;
  readonly asOf: string;
  readonly status: CreditStatusLevel;
  readonly active: readonly string[];
  readonly repaired: readonly string[];
  readonly expired: readonly string[];
  readonly pending: readonly string[];
  readonly unpublished: readonly string[];
}

/** What the status rule reads of an entry (a credit record, or a read model's row of one). */
export type CreditEntryFacts = Pick<CreditEntryRecord, 'eventId' | 'category' | 'severity' | 'published' | 'displayFrom' | 'displayUntil'> & {
  readonly repair?: { readonly at: string } | undefined;
};

/** Where one entry stands at instant `at` (ms since the epoch). */
export function entryStanding(entry: CreditEntryFacts, at: number): EntryStanding {
  if (!entry.published) return 'unpublished';
  if (entry.repair !== undefined && (parseInstant(entry.repair.at) as number) <= at) return 'repaired';
  if (at < startOfDate(entry.displayFrom)) return 'pending';
  if (entry.displayUntil !== undefined && at >= startOfDate(entry.displayUntil)) return 'expired';
  return 'active';
}

/**
 * Computes an enterprise's credit profile.
 * @param creditCode - the enterprise
 * @param entries - all its entries, in any order (ids are sorted in the result)
 * @param asOf - the instant, canonical ISO 8601
 */
export function creditProfile(creditCode: string, entries: readonly CreditEntryFacts[], asOf: string): CreditProfile {
  const at = parseInstant(asOf) as number;
  const sorted = [...entries].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  const groups: Record<EntryStanding, string[]> = { active: [], repaired: [], expired: [], pending: [], unpublished: [] };
  let status: CreditStatusLevel = 'good';
  const rank: Record<CreditStatusLevel, number> = { dishonest: 3, attention: 2, commended: 1, good: 0 };
  for (const entry of sorted) {
    const standing = entryStanding(entry, at);
    groups[standing].push(entry.eventId);
    if (standing !== 'active') continue;
    const level: CreditStatusLevel = NEGATIVE_CATEGORIES.includes(entry.category)
      ? entry.severity === 'serious'
        ? 'dishonest'
        : 'attention'
      : entry.category === 'honour'
        ? 'commended'
        : 'good';
    if (rank[level] > rank[status]) status = level;
  }
  return { creditCode, asOf, status, ...groups };
}
