/** The demo's identifiers pass the chaincode's own checks, and are stable and distinct. */
import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkResidentId, parseCertificateId } from '@suitrust/chaincode';
import { demoCertificateId, demoDigest, demoEnterpriseCode, demoResidentId, demoTypeCode } from './demoIdentifiers';

describe('demo identifiers', () => {
  it('makes valid, distinct resident identity numbers (GB 11643)', () => {
    const ids = Array.from({ length: 5000 }, (_, index) => demoResidentId(index));
    for (const id of ids) expect(checkResidentId(id), id).toBe('valid');
    expect(new Set(ids).size).toBe(ids.length);
    expect(demoResidentId(42)).toBe(demoResidentId(42));
  });

  it('makes valid, distinct enterprise credit codes (GB 32100)', () => {
    const codes = Array.from({ length: 5000 }, (_, index) => demoEnterpriseCode(index));
    for (const code of codes) expect(checkCreditCode(code), code).toBe('valid');
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('makes certificate identifiers the chaincode parses (GB/T 36904), and SM3 digests', () => {
    const agency = demoEnterpriseCode(0);
    const id = demoCertificateId(demoTypeCode(agency, 1), agency, 17);
    expect(parseCertificateId(id)).toMatchObject({ ok: true, parts: { typeCode: `${agency}001`, issuerCode: agency, serial: 'DEMO0000017', version: '001' } });
    expect(demoDigest('a')).toMatch(/^[0-9a-f]{64}$/);
  });
});
