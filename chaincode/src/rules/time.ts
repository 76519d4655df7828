/**
 * Instants and calendar dates, computed only from their inputs (never the clock), so every
 * endorsing organisation gets the same answer.
 *
 * Instants are ISO 8601 strings with a zone (stored normalised to UTC, millisecond precision).
 * Decision dates are calendar dates of China Standard Time (UTC+08:00, no daylight saving),
 * the zone in which administrative decisions are dated.
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** Milliseconds since the Unix epoch of a well-formed ISO 8601 instant, or `undefined`. */
export function parseInstant(text: string): number | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  if (!isCalendarDate(y as number, mo as number, d as number) || (h as number) > 23 || (mi as number) > 59 || (s as number) > 59) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The canonical form of an instant: UTC, millisecond precision. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** An instant as the event schema's Timestamp message carries it. */
export function timestampOf(instant: string): { seconds: number; nanos: number } {
  const ms = parseInstant(instant) as number;
  // Floor and a non-negative remainder: protobuf Timestamp nanos lie in [0, 1e9) also before 1970.
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** Whether `text` is a real calendar date `YYYY-MM-DD`. */
export function isDateText(text: string): boolean {
  const match = DATE.exec(text);
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The instant a calendar date begins in China Standard Time. */
export function startOfDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - CST_OFFSET_MS;
}

/**
 * The calendar date `months` months after `date`, clamped to the last day of the target month
 * (2026-11-30 plus 3 months is 2027-02-28).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar date (China Standard Time) on which an instant falls. */
export function dateOf(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
