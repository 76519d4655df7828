// ISO/IEC 7064 check characters, against vectors published with python-stdnum
// (stdnum/iso7064/mod_11_2.py, mod_37_36.py and tests/test_iso7064.doctest) and ORCID's
// documentation, and against independent implementations written here from other formulations.
import { describe, expect, it } from 'vitest';
import { mod11_2, mod37_36 } from './iso7064';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % below;
  };
}

function randomText(next: (below: number) => number, alphabet: string, maxLength: number): string {
  const length = 1 + next(maxLength);
  return Array.from({ length }, () => alphabet.charAt(next(alphabet.length))).join('');
}

/** python-stdnum's MOD 37,36 checksum: a string with its check character is valid iff this is 1. */
function stdnumChecksum3736(text: string): number {
  const m = ALPHANUMERIC.length;
  let checksum = Math.floor(m / 2);
  for (const char of text) checksum = ((((checksum || m) * 2) % (m + 1)) + ALPHANUMERIC.indexOf(char)) % m;
  return checksum;
}

/** MOD 11-2 by its weighted-sum formulation (GB 11643-1999): Σ a_i·2^(n−i+1) mod 11. */
function weightedMod11_2(digits: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const offset = weights.length - digits.length;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits.charAt(i)) * (weights[offset + i] as number);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** A MOD 11-2 string with its check character is valid iff Σ a_i·2^(n−i) ≡ 1 (mod 11). */
function mod11_2Holds(withCheck: string): boolean {
  let sum = 0;
  for (const char of withCheck) sum = (sum * 2 + (char === 'X' ? 10 : Number(char))) % 11;
  return sum === 1;
}

describe('ISO/IEC 7064 MOD 11-2', () => {
  it.each([
    ['0794', '0'], // python-stdnum test_iso7064.doctest
    ['079', 'X'], // python-stdnum test_iso7064.doctest
    ['000000021825009', '7'], // ORCID 0000-0002-1825-0097 (ORCID's documented example)
    ['000000021694233', 'X'], // ORCID 0000-0002-1694-233X (ORCID's documented example)
    ['11010519491231002', 'X'], // GB 11643-1999 example 11010519491231002X
  ])('gives %s the check character %s', (digits, check) => {
    expect(mod11_2(digits)).toBe(check);
  });

  it('agrees with the weighted-sum formulation (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) on 17-digit bodies', () => {
    const next = generator(11643);
    for (let n = 0; n < 5000; n++) {
      const digits = Array.from({ length: 17 }, () => String(next(10))).join('');
      expect(mod11_2(digits)).toBe(weightedMod11_2(digits));
    }
  });

  it('makes every digit string valid when its check character is appended', () => {
    const next = generator(7064);
    for (let n = 0; n < 5000; n++) {
      const digits = randomText(next, '0123456789', 40);
      expect(mod11_2Holds(digits + mod11_2(digits))).toBe(true);
    }
  });

  it('gives exactly one check character that validates', () => {
    const next = generator(2);
    for (let n = 0; n < 500; n++) {
      const digits = randomText(next, '0123456789', 20);
      const valid = [...'0123456789X'].filter((check) => mod11_2Holds(digits + check));
      expect(valid).toEqual([mod11_2(digits)]);
    }
  });

  it('detects every single-digit substitution', () => {
    const digits = '11010519491231002';
    const check = mod11_2(digits);
    for (let i = 0; i < digits.length; i++) {
      for (const other of '0123456789') {
        if (other === digits.charAt(i)) continue;
        const changed = digits.slice(0, i) + other + digits.slice(i + 1);
        expect(mod11_2(changed)).not.toBe(check);
      }
    }
  });
});

describe('ISO/IEC 7064 MOD 37,36', () => {
  it('gives A12425GABC1234002 the check character M (python-stdnum mod_37_36 example)', () => {
    expect(mod37_36('A12425GABC1234002')).toBe('M');
  });

  it('agrees with python-stdnum\'s checksum over random alphanumeric strings', () => {
    const next = generator(3736);
    for (let n = 0; n < 5000; n++) {
      const text = randomText(next, ALPHANUMERIC, 60);
      expect(stdnumChecksum3736(text + mod37_36(text))).toBe(1);
    }
  });

  it('gives exactly one check character that validates under python-stdnum\'s checksum', () => {
    const next = generator(36);
    for (let n = 0; n < 500; n++) {
      const text = randomText(next, ALPHANUMERIC, 30);
      const valid = [...ALPHANUMERIC].filter((check) => stdnumChecksum3736(text + check) === 1);
      expect(valid).toEqual([mod37_36(text)]);
    }
  });

  it('detects every single-character substitution and adjacent transposition', () => {
    const text = '91350100M000100Y43001914403001922038216A0001001';
    const check = mod37_36(text);
    for (let i = 0; i < text.length; i++) {
      for (const other of ALPHANUMERIC) {
        if (other === text.charAt(i)) continue;
        expect(mod37_36(text.slice(0, i) + other + text.slice(i + 1))).not.toBe(check);
      }
      if (i + 1 < text.length && text.charAt(i) !== text.charAt(i + 1)) {
        const swapped = text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2);
        expect(mod37_36(swapped)).not.toBe(check);
      }
    }
  });

  it('refuses a lower-case letter with a RangeError', () => {
    expect(() => mod37_36('a12425GABC1234002')).toThrow(RangeError);
  });

  it('refuses punctuation with a RangeError', () => {
    expect(() => mod37_36('A1242.5GABC1234002')).toThrow(RangeError);
  });
});
