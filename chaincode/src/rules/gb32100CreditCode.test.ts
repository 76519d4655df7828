// GB 32100-2015 unified social credit code (统一社会信用代码): alphabet 0-9A-HJ-NPQRTUWXY
// (values 0-30), weights 3^(i-1) mod 31 = 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28,
// check = 31 - (Σ mod 31), where 31 becomes 0.
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, checkCreditCode, creditCodeCheckCharacter } from './creditCode';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Independent reading of the standard's formula, used to cross-check generated codes. */
function referenceCheck(first17: string): string {
  const values = [...first17].map((char) => '0123456789ABCDEFGHJKLMNPQRTUWXY'.indexOf(char));
  const sum = values.reduce((total, value, i) => total + value * (WEIGHTS[i] as number), 0);
  return '0123456789ABCDEFGHJKLMNPQRTUWXY'.charAt((31 - (sum % 31)) % 31);
}

// Published codes; each check character recomputed by hand (value × weight, summed):
// 91350100M000100Y43 (the standard's commonly cited example):
//   9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13+1·8+0·24+0·10+Y(30)·30+4·28
//   = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → '3'.
// 914403001922038216 Huawei Technologies Co., Ltd. (华为技术有限公司):
//   9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831; 831 mod 31 = 25; 31 − 25 = 6 → '6'.
// 91440300708461136T Shenzhen Tencent Computer Systems Co., Ltd. (深圳市腾讯计算机系统有限公司):
//   9+3+36+108+0+78+0+0+140+0+200+52+48+24+10+90+168 = 966; 966 mod 31 = 5; 31 − 5 = 26 → 'T'.
// 91330100799655058B Alibaba (China) Co., Ltd. (阿里巴巴（中国）有限公司):
//   9+3+27+81+0+26+0+0+140+261+225+78+40+120+0+150+224 = 1384; 1384 mod 31 = 20; 31 − 20 = 11 → 'B'.
// 91520000214434146R Kweichow Moutai Co., Ltd. (贵州茅台酒股份有限公司):
//   9+3+45+54+0+0+0+0+40+29+100+52+24+96+10+120+168 = 750; 750 mod 31 = 6; 31 − 6 = 25 → 'R'.
// (Also recomputed with an independent Python script before being written here.)
const PUBLISHED = ['91350100M000100Y43', '914403001922038216', '91440300708461136T', '91330100799655058B', '91520000214434146R'];

describe('GB 32100-2015 unified social credit code', () => {
  it('has a 31-symbol alphabet without I, O, Z, S or V', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(CREDIT_CODE_ALPHABET).size).toBe(31);
    for (const letter of 'IOZSV') expect(CREDIT_CODE_ALPHABET).not.toContain(letter);
  });

  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(checkCreditCode(code)).toBe('valid');
  });

  it.each(PUBLISHED)('computes the check character of %s', (code) => {
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('gives check character 0 when the weighted sum is a multiple of 31 (31 becomes 0)', () => {
    // 91350100M000100Y3: 1640 − 4·28 + 3·28 = 1612 = 31 · 52.
    expect(creditCodeCheckCharacter('91350100M000100Y3')).toBe('0');
    expect(checkCreditCode('91350100M000100Y30')).toBe('valid');
  });

  it('gives check character Y when the weighted sum is 1 mod 31', () => {
    // 91350100M000100YD: 1528 + D(13)·28 = 1892; 1892 mod 31 = 1; 31 − 1 = 30 → 'Y'.
    expect(creditCodeCheckCharacter('91350100M000100YD')).toBe('Y');
    expect(checkCreditCode('91350100M000100YDY')).toBe('valid');
  });

  it.each(PUBLISHED)('refuses %s with every other check character as check-mismatch', (code) => {
    for (const wrong of CREDIT_CODE_ALPHABET) {
      if (wrong === code.charAt(17)) continue;
      expect(checkCreditCode(code.slice(0, 17) + wrong)).toBe('check-mismatch');
    }
  });

  it('refuses a code with two adjacent characters swapped as check-mismatch', () => {
    // 9135 0100 → 9153 0100: the weighted sum changes by (3−5)·(9−27) = 36, not a multiple of 31.
    expect(checkCreditCode('91530100M000100Y43')).toBe('check-mismatch');
  });

  it('agrees with the standard formula on random 17-character prefixes', () => {
    let seed = 20150901;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 31;
    for (let n = 0; n < 2000; n++) {
      const first17 = Array.from({ length: 17 }, () => CREDIT_CODE_ALPHABET.charAt(next())).join('');
      const check = creditCodeCheckCharacter(first17);
      expect(check).toBe(referenceCheck(first17));
      expect(checkCreditCode(first17 + check)).toBe('valid');
    }
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the forbidden letter %s as malformed', (letter) => {
    expect(checkCreditCode(`91350100${letter}000100Y43`)).toBe('malformed');
  });

  it('refuses a forbidden letter in the check position as malformed', () => {
    expect(checkCreditCode('91350100M000100Y4S')).toBe('malformed');
  });

  it('refuses lower-case letters as malformed', () => {
    expect(checkCreditCode('91350100m000100y43')).toBe('malformed');
    expect(checkCreditCode('91440300708461136t')).toBe('malformed');
  });

  it.each([
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y430'],
    ['empty', ''],
  ])('refuses a code of the wrong length (%s) as malformed', (_name, code) => {
    expect(checkCreditCode(code)).toBe('malformed');
  });

  it('refuses surrounding white space as malformed', () => {
    expect(checkCreditCode(' 91350100M000100Y43')).toBe('malformed');
    expect(checkCreditCode('91350100M000100Y43\n')).toBe('malformed');
  });

  it('refuses to compute a check character for a prefix that is not 17 characters', () => {
    expect(() => creditCodeCheckCharacter('91350100M000100Y')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('91350100M000100Y43')).toThrow(RangeError);
  });

  it('refuses to compute a check character for a prefix outside the alphabet', () => {
    expect(() => creditCodeCheckCharacter('91350100I000100Y4')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('91350100m000100Y4')).toThrow(RangeError);
  });
});
