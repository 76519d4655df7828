/**
 * Check characters of ISO/IEC 7064: the pure system MOD 11-2 (resident identity numbers,
 * GB 11643-1999) and the hybrid system MOD 37,36 (certificate identifiers, GB/T 36904-2018).
 */

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * ISO/IEC 7064 MOD 11-2 check character of a digit string: `0`-`9` or `X`.
 * @param digits - the digits before the check character
 */
export function mod11_2(digits: string): string {
  let sum = 0;
  for (const digit of digits) sum = ((sum + Number(digit)) * 2) % 11;
  const check = (12 - sum) % 11;
  return check === 10 ? 'X' : String(check);
}

/**
 * ISO/IEC 7064 MOD 37,36 (hybrid system, M = 36) check character of an upper-case
 * alphanumeric string.
 * @param text - characters of `0-9A-Z` before the check character
 * @returns the check character, of `0-9A-Z`
 * @throws {RangeError} when `text` has a character outside `0-9A-Z`
 */
export function mod37_36(text: string): string {
  const m = ALPHANUMERIC.length;
  let product = m;
  for (const char of text) {
    const value = ALPHANUMERIC.indexOf(char);
    if (value < 0) throw new RangeError(`mod37_36: character ${JSON.stringify(char)} is outside 0-9A-Z`);
    const sum = (product + value) % m || m;
    product = (sum * 2) % (m + 1);
  }
  return ALPHANUMERIC.charAt((m + 1 - product) % m);
}
