// GB 11643-1999 citizen identity number (公民身份号码): 6-digit address code, 8-digit birth
// date YYYYMMDD, 3-digit sequence, ISO 7064 MOD 11-2 check character (0-9 or X).
// Check: Σ a_i·W_i with W = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; the sum mod 11 → check
// 0→1 1→0 2→X 3→9 4→8 5→7 6→6 7→5 8→4 9→3 10→2.
import { describe, expect, it } from 'vitest';
import { checkResidentId } from './residentId';

describe('GB 11643-1999 resident identity number', () => {
  it('accepts the standard\'s own example 11010519491231002X', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167;
    // 167 mod 11 = 2 → 'X'.
    expect(checkResidentId('11010519491231002X')).toBe('valid');
  });

  it('accepts the standard\'s example 440524188001010014 with a digit check character', () => {
    // 4·7+4·9+0·10+5·5+2·8+4·4+1·2+8·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2 = 195;
    // 195 mod 11 = 8 → '4'. Born 1880-01-01.
    expect(checkResidentId('440524188001010014')).toBe('valid');
  });

  it('accepts a number whose check character is X', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+2·2+0·1+0·6+0·3+0·7+2·9+2·10+9·5+0·8+0·4+3·2 = 134;
    // 134 mod 11 = 2 → 'X'.
    expect(checkResidentId('11010520000229003X')).toBe('valid');
  });

  it('accepts a birth date of 29 February in a leap year', () => {
    // 2000 is a leap year (divisible by 400). 1·7+1·9+0·10+1·5+0·8+5·4+2·2+0·1+0·6+0·3+0·7
    // +2·9+2·10+9·5+0·8+0·4+1·2 = 130; 130 mod 11 = 9 → '3'.
    expect(checkResidentId('110105200002290013')).toBe('valid');
  });

  it('refuses a wrong check character as check-mismatch', () => {
    expect(checkResidentId('110105194912310021')).toBe('check-mismatch');
    expect(checkResidentId('440524188001010015')).toBe('check-mismatch');
  });

  it('refuses X where a digit check character is due as check-mismatch', () => {
    expect(checkResidentId('44052418800101001X')).toBe('check-mismatch');
  });

  it('refuses a birth date of 30 February as bad-birth-date', () => {
    expect(checkResidentId('110105194902300010')).toBe('bad-birth-date');
  });

  it('refuses 29 February of a year that is not a leap year as bad-birth-date', () => {
    expect(checkResidentId('110105190002290010')).toBe('bad-birth-date');
    expect(checkResidentId('110105202302290010')).toBe('bad-birth-date');
  });

  it('refuses month 13 and day 0 as bad-birth-date', () => {
    expect(checkResidentId('110105194913010010')).toBe('bad-birth-date');
    expect(checkResidentId('110105194912000010')).toBe('bad-birth-date');
  });

  it('refuses a birth year before 1800 as bad-birth-date', () => {
    expect(checkResidentId('110105179912310010')).toBe('bad-birth-date');
  });

  it('judges the birth date before the check character', () => {
    // Whatever the check character, a number born on 02-30 is refused for its date.
    for (const check of '0123456789X') expect(checkResidentId(`11010519490230001${check}`)).toBe('bad-birth-date');
  });

  it('refuses a lower-case x check character as malformed', () => {
    expect(checkResidentId('11010519491231002x')).toBe('malformed');
  });

  it('refuses X anywhere but the last position as malformed', () => {
    expect(checkResidentId('1101051949123100X2')).toBe('malformed');
  });

  it.each([
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X0'],
    ['the 15-digit first-generation form', '110105491231002'],
    ['a letter in the body', '1101051949123100A2'],
    ['white space', ' 11010519491231002X'],
  ])('refuses %s as malformed', (_name, id) => {
    expect(checkResidentId(id)).toBe('malformed');
  });
});
