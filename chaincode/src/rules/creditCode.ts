/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015 §4 and annex:
 * 18 characters of a 31-symbol alphabet; the 18th is a check character with weights
 * 3^(i-1) mod 31 and check = 31 - (Σ mod 31), where 31 becomes 0.
 */

/** The code's alphabet: digits and upper-case letters except I, O, Z, S, V. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** How a candidate code fares: well formed and checked, well formed with a wrong check, or malformed. */
export type CreditCodeCheck = 'valid' | 'check-mismatch' | 'malformed';

/**
 * The check character that completes the first 17 characters of a credit code.
 * @throws {RangeError} when `first17` is not 17 characters of the alphabet
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`first17: expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`first17: character ${i + 1} is outside the credit-code alphabet`);
    sum += value * (WEIGHTS[i] as number);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks a unified social credit code's shape and check character. A few legal pilot-era codes
 * fail the check: callers accept those from an explicit list rather than here.
 */
export function checkCreditCode(code: string): CreditCodeCheck {
  if (!SHAPE.test(code)) return 'malformed';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? 'valid' : 'check-mismatch';
}
