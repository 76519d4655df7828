import { describe, expect, it } from 'vitest';
import type { CertificateRecord, CertificateStatus } from '../model/records';
import { effectiveStatus, statusAfter, type CertificateChange } from './certificateStatus';

const STAMP = { txId: 'tx', at: '2026-04-01T00:00:00.000Z' };

function certificate(status: CertificateStatus, validUntil: string | null = '2031-04-01T00:00:00.000Z'): CertificateRecord {
  const base: CertificateRecord = {
    certificateId: '1.2.156.3005.2.91350100M000100Y43001.914403001922038216.A0001.001.K',
    typeCode: '91350100M000100Y43001',
    issuer: '914403001922038216',
    holderPseudonym: 'b'.repeat(64),
    contentDigest: { algorithm: 'sm3', value: 'a'.repeat(64) },
    validFrom: '2026-04-01T00:00:00.000Z',
    status,
    issued: STAMP,
    updated: STAMP,
  };
  return validUntil === null ? base : { ...base, validUntil };
}

const at = (instant: string): number => Date.parse(instant);

describe('effective certificate status', () => {
  it('is not-yet-valid before validFrom', () => {
    expect(effectiveStatus(certificate('valid'), at('2026-03-31T23:59:59.999Z'))).toBe('not-yet-valid');
  });

  it('is valid from validFrom', () => {
    expect(effectiveStatus(certificate('valid'), at('2026-04-01T00:00:00.000Z'))).toBe('valid');
  });

  it('is valid until just before validUntil', () => {
    expect(effectiveStatus(certificate('valid'), at('2031-03-31T23:59:59.999Z'))).toBe('valid');
  });

  it('is expired from validUntil', () => {
    expect(effectiveStatus(certificate('valid'), at('2031-04-01T00:00:00.000Z'))).toBe('expired');
  });

  it('never expires without validUntil (长期)', () => {
    expect(effectiveStatus(certificate('valid', null), at('2099-01-01T00:00:00Z'))).toBe('valid');
  });

  it.each(['suspended', 'revoked', 'cancelled'] as const)('reports a stored %s status whatever the validity window says', (status) => {
    expect(effectiveStatus(certificate(status), at('2020-01-01T00:00:00Z'))).toBe(status);
    expect(effectiveStatus(certificate(status), at('2028-01-01T00:00:00Z'))).toBe(status);
    expect(effectiveStatus(certificate(status), at('2040-01-01T00:00:00Z'))).toBe(status);
  });
});

describe('certificate status transitions', () => {
  const table: readonly (readonly [CertificateStatus, CertificateChange, CertificateStatus | undefined])[] = [
    ['valid', 'suspend', 'suspended'],
    ['valid', 'reinstate', undefined],
    ['valid', 'revoke', 'revoked'],
    ['valid', 'cancel', 'cancelled'],
    ['suspended', 'suspend', undefined],
    ['suspended', 'reinstate', 'valid'],
    ['suspended', 'revoke', 'revoked'],
    ['suspended', 'cancel', 'cancelled'],
    ['revoked', 'suspend', undefined],
    ['revoked', 'reinstate', undefined],
    ['revoked', 'revoke', undefined],
    ['revoked', 'cancel', undefined],
    ['cancelled', 'suspend', undefined],
    ['cancelled', 'reinstate', undefined],
    ['cancelled', 'revoke', undefined],
    ['cancelled', 'cancel', undefined],
  ];

  it('covers every change from every stored status', () => {
    expect(table).toHaveLength(16);
  });

  it.each(table.filter(([, , to]) => to !== undefined))('turns a %s certificate, on %s, into %s', (from, change, to) => {
    expect(statusAfter(from, change)).toBe(to);
  });

  it.each(table.filter(([, , to]) => to === undefined).map(([from, change]) => [change, from] as const))('refuses to %s a %s certificate', (change, from) => {
    expect(statusAfter(from, change)).toBeUndefined();
  });
});
