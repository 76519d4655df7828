// GB/T 36904-2018 electronic certificate identifier, as public implementations read it:
// 1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>, the check character
// ISO/IEC 7064 MOD 37,36 over type code + issuer code + serial + version without dots.
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_ID_PREFIX, formatCertificateId, parseCertificateId } from './certificateId';

// Defining agency 91350100M000100Y43 with sequence 001; issuer Huawei's code as a stand-in
// department code; both credit codes valid under GB 32100-2015.
const PARTS = { typeCode: '91350100M000100Y43001', issuerCode: '914403001922038216', serial: 'A0001', version: '001' };
// Check character computed independently with python-stdnum's mod_37_36.calc_check_digit over
// '91350100M000100Y43001914403001922038216A0001001' → 'K'.
const ID = '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0001.001.K';

describe('GB/T 36904-2018 certificate identifier', () => {
  it('formats an identifier with its MOD 37,36 check character', () => {
    expect(formatCertificateId(PARTS)).toBe(ID);
  });

  it('starts every identifier with the object-identifier arc 1.2.156.3005.2.', () => {
    expect(CERTIFICATE_ID_PREFIX).toBe('1.2.156.3005.2.');
    expect(formatCertificateId(PARTS).startsWith(CERTIFICATE_ID_PREFIX)).toBe(true);
  });

  it('extracts every part of a well-formed identifier', () => {
    expect(parseCertificateId(ID)).toEqual({
      ok: true,
      parts: {
        typeCode: '91350100M000100Y43001',
        definingAgency: '91350100M000100Y43',
        issuerCode: '914403001922038216',
        serial: 'A0001',
        version: '001',
        check: 'K',
      },
    });
  });

  it('parses what it formats, for serials of 1 to 40 characters', () => {
    for (const serial of ['0', 'Z', '3500001234567', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCD']) {
      for (const version of ['000', '001', '999']) {
        const parts = { ...PARTS, serial, version };
        const result = parseCertificateId(formatCertificateId(parts));
        expect(result).toEqual({ ok: true, parts: { ...parts, definingAgency: parts.typeCode.slice(0, 18), check: expect.any(String) } });
      }
    }
  });

  it('refuses every wrong check character as check-mismatch', () => {
    for (const wrong of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      if (wrong === 'K') continue;
      expect(parseCertificateId(ID.slice(0, -1) + wrong)).toEqual({ ok: false, reason: 'check-mismatch' });
    }
  });

  it('refuses a changed serial with the old check character as check-mismatch', () => {
    expect(parseCertificateId('1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0002.001.K')).toEqual({ ok: false, reason: 'check-mismatch' });
  });

  it('refuses a changed version with the old check character as check-mismatch', () => {
    expect(parseCertificateId('1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0001.002.K')).toEqual({ ok: false, reason: 'check-mismatch' });
  });

  it.each([
    ['a missing arc (no version)', '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0001.K'],
    ['a missing arc (no serial)', '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.001.K'],
    ['a lower-case serial', '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.a0001.001.K'],
    ['a 2-digit version', '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0001.01.K'],
    ['a 4-digit version', '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0001.0001.K'],
    ['a wrong prefix', '1.2.156.3005.3.91350100M000100Y43001.914403001922038216.A0001.001.K'],
    ['no prefix', '91350100M000100Y43001.914403001922038216.A0001.001.K'],
    ['a type code without its 3-digit sequence', '1.2.156.3005.2.91350100M000100Y43.914403001922038216.A0001.001.K'],
    ['a type code with a letter in its sequence', '1.2.156.3005.2.91350100M000100Y430A1.914403001922038216.A0001.001.K'],
    ['a forbidden letter in the issuer code', '1.2.156.3005.2.91350100M000100Y43001.9144030019220382I6.A0001.001.K'],
    ['a 17-character issuer code', '1.2.156.3005.2.91350100M000100Y43001.91440300192203821.A0001.001.K'],
    ['a 41-character serial', `1.2.156.3005.2.91350100M000100Y43001.914403001922038216.${'A'.repeat(41)}.001.K`],
    ['an empty serial', '1.2.156.3005.2.91350100M000100Y43001.914403001922038216..001.K'],
    ['a lower-case check character', '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0001.001.k'],
    ['a two-character check', '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0001.001.KK'],
    ['a trailing new line', `${ID}\n`],
    ['surrounding white space', ` ${ID}`],
  ])('refuses %s as malformed', (_name, id) => {
    expect(parseCertificateId(id)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('only shape-checks the credit codes inside, leaving their check characters to callers', () => {
    // 91350100M000100Y44 fails GB 32100's check but has the right shape.
    const id = formatCertificateId({ ...PARTS, issuerCode: '91350100M000100Y44' });
    expect(parseCertificateId(id)).toMatchObject({ ok: true, parts: { issuerCode: '91350100M000100Y44' } });
  });

  it('refuses to format a part outside 0-9A-Z with a RangeError', () => {
    expect(() => formatCertificateId({ ...PARTS, serial: 'a0001' })).toThrow(RangeError);
  });
});
