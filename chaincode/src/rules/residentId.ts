/**
 * Resident identity number (居民身份号码), GB 11643-1999: a 6-digit address code, an 8-digit
 * birth date, a 3-digit sequence and an ISO 7064 MOD 11-2 check character (`0`-`9` or `X`).
 * Checked in the gateway before the number becomes a keyed pseudonym; it never reaches the ledger.
 */
import { mod11_2 } from './iso7064';
import { Refusal } from './refusal';

/** How a candidate number fares. */
export type ResidentIdCheck = 'valid' | 'malformed' | 'check-mismatch' | 'bad-birth-date';

const SHAPE = /^\d{17}[\dX]$/;

/**
 * Checks a resident identity number's shape, embedded birth date and check character.
 * @param id - the 18-character number; a lower-case `x` is not accepted (normalise first)
 */
export function checkResidentId(id: string): ResidentIdCheck {
  if (!SHAPE.test(id)) return 'malformed';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isCalendarDate(year, month, day) || year < 1800) return 'bad-birth-date';
  return mod11_2(id.slice(0, 17)) === id.charAt(17) ? 'valid' : 'check-mismatch';
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

/**
 * Checks a resident identity number before it becomes a pseudonym (the gateway's step; the number
 * itself never reaches the ledger).
 * @param field - the request field that carried it, for the refusal
 * @throws {Refusal} RESIDENT_ID_FORMAT, RESIDENT_ID_BIRTH_DATE or RESIDENT_ID_CHECK
 */
export function requireResidentId(id: string, field: string): string {
  const check = checkResidentId(id);
  if (check === 'malformed') throw new Refusal('RESIDENT_ID_FORMAT', field);
  if (check === 'bad-birth-date') throw new Refusal('RESIDENT_ID_BIRTH_DATE', field);
  if (check === 'check-mismatch') throw new Refusal('RESIDENT_ID_CHECK', field);
  return id;
}
