import { describe, expect, it } from 'vitest';
import type { AuthorisationRecord } from '../model/records';
import { authorisationAsOf, authorisationInForce, judgeExchange, type ExchangeRequest } from './authorisationRules';
import { RULES } from './ruleCodes';

const STAMP = { txId: 'tx', at: '2026-04-01T00:00:00.000Z' };
const PROVIDER = '91350100M000100Y43';
const CONSUMER = '914403001922038216';

function authorisation(overrides: Partial<AuthorisationRecord> = {}): AuthorisationRecord {
  return {
    authorisationId: 'auth-1',
    grantorKind: 'department',
    grantor: PROVIDER,
    provider: PROVIDER,
    consumer: CONSUMER,
    resourceCode: 'RES-001',
    sharingClass: 'conditional',
    purpose: '企业开办',
    fields: ['address', 'name', 'registeredCapital'],
    validFrom: '2026-04-01T00:00:00.000Z',
    validUntil: '2026-10-01T00:00:00.000Z',
    useLimit: 3,
    uses: 0,
    status: 'active',
    recordedBy: { mspId: 'AdminMSP', department: PROVIDER },
    granted: STAMP,
    updated: STAMP,
    ...overrides,
  };
}

const EXCHANGE: ExchangeRequest = { consumer: CONSUMER, resourceCode: 'RES-001', purpose: '企业开办', fields: ['name', 'address'] };
const DURING = Date.parse('2026-06-01T00:00:00Z');

describe('judging an exchange under an authorisation', () => {
  it('allows a matching exchange in force and under its limit', () => {
    expect(judgeExchange(authorisation(), EXCHANGE, DURING)).toEqual({ ok: true });
  });

  it('allows an exchange of every authorised field', () => {
    expect(judgeExchange(authorisation(), { ...EXCHANGE, fields: ['registeredCapital', 'name', 'address'] }, DURING)).toEqual({ ok: true });
  });

  it('refuses under a revoked authorisation', () => {
    expect(judgeExchange(authorisation({ status: 'revoked' }), EXCHANGE, DURING)).toMatchObject({ ok: false, rule: 'AUTHORISATION_REVOKED', field: 'authorisationId' });
  });

  it('refuses before validFrom, naming when it starts', () => {
    expect(judgeExchange(authorisation(), EXCHANGE, Date.parse('2026-03-31T23:59:59.999Z'))).toEqual({
      ok: false,
      rule: 'AUTHORISATION_NOT_YET_VALID',
      field: 'authorisationId',
      detail: 'the authorisation is valid from 2026-04-01T00:00:00.000Z',
    });
  });

  it('allows from the instant validFrom', () => {
    expect(judgeExchange(authorisation(), EXCHANGE, Date.parse('2026-04-01T00:00:00Z'))).toEqual({ ok: true });
  });

  it('refuses from the instant validUntil, naming when it expired', () => {
    expect(judgeExchange(authorisation(), EXCHANGE, Date.parse('2026-10-01T00:00:00Z'))).toEqual({
      ok: false,
      rule: 'AUTHORISATION_EXPIRED',
      field: 'authorisationId',
      detail: 'the authorisation expired at 2026-10-01T00:00:00.000Z',
    });
  });

  it('allows until just before validUntil', () => {
    expect(judgeExchange(authorisation(), EXCHANGE, Date.parse('2026-09-30T23:59:59.999Z'))).toEqual({ ok: true });
  });

  it('refuses another consumer', () => {
    expect(judgeExchange(authorisation(), { ...EXCHANGE, consumer: '91440300708461136T' }, DURING)).toMatchObject({
      ok: false,
      rule: 'AUTHORISATION_CONSUMER_MISMATCH',
      field: 'consumer',
    });
  });

  it('refuses another data resource, naming the authorised one', () => {
    expect(judgeExchange(authorisation(), { ...EXCHANGE, resourceCode: 'RES-002' }, DURING)).toEqual({
      ok: false,
      rule: 'AUTHORISATION_RESOURCE_MISMATCH',
      field: 'resourceCode',
      detail: 'the authorisation covers RES-001',
    });
  });

  it('refuses another purpose', () => {
    expect(judgeExchange(authorisation(), { ...EXCHANGE, purpose: '市场营销' }, DURING)).toMatchObject({
      ok: false,
      rule: 'AUTHORISATION_PURPOSE_MISMATCH',
      field: 'purpose',
    });
  });

  it('refuses fields outside the scope, listing each of them', () => {
    expect(judgeExchange(authorisation(), { ...EXCHANGE, fields: ['name', 'legalRepresentative', 'phone'] }, DURING)).toEqual({
      ok: false,
      rule: 'AUTHORISATION_SCOPE_EXCEEDED',
      field: 'fields',
      detail: 'outside the authorised scope: legalRepresentative, phone',
    });
  });

  it('refuses once the use limit is reached', () => {
    expect(judgeExchange(authorisation({ useLimit: 3, uses: 3 }), EXCHANGE, DURING)).toEqual({
      ok: false,
      rule: 'AUTHORISATION_USE_LIMIT',
      field: 'authorisationId',
      detail: 'all 3 uses have been made',
    });
  });

  it('allows the last use under the limit', () => {
    expect(judgeExchange(authorisation({ useLimit: 3, uses: 2 }), EXCHANGE, DURING)).toEqual({ ok: true });
  });

  it('counts the uses the caller states instead of the stored count', () => {
    const record = authorisation({ useLimit: 3, uses: 0 });
    expect(judgeExchange(record, EXCHANGE, DURING, 3)).toMatchObject({ ok: false, rule: 'AUTHORISATION_USE_LIMIT' });
    expect(judgeExchange(authorisation({ useLimit: 3, uses: 3 }), EXCHANGE, DURING, 2)).toEqual({ ok: true });
  });

  it('treats a use limit of 0 as unlimited', () => {
    expect(judgeExchange(authorisation({ useLimit: 0, uses: 0 }), EXCHANGE, DURING, 1_000_000)).toEqual({ ok: true });
  });

  it('judges revocation before the validity window', () => {
    expect(judgeExchange(authorisation({ status: 'revoked' }), EXCHANGE, Date.parse('2030-01-01T00:00:00Z'))).toMatchObject({ rule: 'AUTHORISATION_REVOKED' });
  });

  it('judges the validity window before the consumer', () => {
    expect(judgeExchange(authorisation(), { ...EXCHANGE, consumer: 'other' }, Date.parse('2030-01-01T00:00:00Z'))).toMatchObject({ rule: 'AUTHORISATION_EXPIRED' });
  });

  it('judges consumer, resource, purpose, scope and use limit in that order', () => {
    const everythingWrong: ExchangeRequest = { consumer: 'other', resourceCode: 'RES-002', purpose: 'other', fields: ['phone'] };
    const exhausted = authorisation({ useLimit: 1, uses: 1 });
    expect(judgeExchange(exhausted, everythingWrong, DURING)).toMatchObject({ rule: 'AUTHORISATION_CONSUMER_MISMATCH' });
    expect(judgeExchange(exhausted, { ...everythingWrong, consumer: CONSUMER }, DURING)).toMatchObject({ rule: 'AUTHORISATION_RESOURCE_MISMATCH' });
    expect(judgeExchange(exhausted, { ...everythingWrong, consumer: CONSUMER, resourceCode: 'RES-001' }, DURING)).toMatchObject({ rule: 'AUTHORISATION_PURPOSE_MISMATCH' });
    expect(judgeExchange(exhausted, { ...EXCHANGE, fields: ['phone'] }, DURING)).toMatchObject({ rule: 'AUTHORISATION_SCOPE_EXCEEDED' });
    expect(judgeExchange(exhausted, EXCHANGE, DURING)).toMatchObject({ rule: 'AUTHORISATION_USE_LIMIT' });
  });

  it('names only rules that are in the registry', () => {
    const verdicts = [
      judgeExchange(authorisation({ status: 'revoked' }), EXCHANGE, DURING),
      judgeExchange(authorisation(), EXCHANGE, 0),
      judgeExchange(authorisation(), { ...EXCHANGE, fields: ['phone'] }, DURING),
    ];
    for (const verdict of verdicts) expect(!verdict.ok && verdict.rule in RULES).toBe(true);
  });
});

describe('authorisation in force', () => {
  it('is in force between validFrom and validUntil when active', () => {
    expect(authorisationInForce(authorisation(), DURING)).toEqual({ ok: true });
  });

  it('is not in force once revoked, even inside its window', () => {
    expect(authorisationInForce(authorisation({ status: 'revoked' }), DURING)).toMatchObject({ ok: false, rule: 'AUTHORISATION_REVOKED' });
  });

  it('ignores the exchange details and the use limit', () => {
    expect(authorisationInForce(authorisation({ useLimit: 1, uses: 5 }), DURING)).toEqual({ ok: true });
  });
});

describe('a reported exchange', () => {
  it('is judged against the provider it names', () => {
    expect(judgeExchange(authorisation(), { ...EXCHANGE, provider: PROVIDER }, DURING)).toEqual({ ok: true });
    expect(judgeExchange(authorisation(), { ...EXCHANGE, provider: CONSUMER }, DURING)).toEqual({
      ok: false,
      rule: 'ACCESS_NOT_PROVIDER',
      field: 'provider',
      detail: 'the provider is not the one the authorisation names',
    });
  });

  it('judges the validity window before the provider', () => {
    expect(judgeExchange(authorisation(), { ...EXCHANGE, provider: CONSUMER }, 0)).toMatchObject({ rule: 'AUTHORISATION_NOT_YET_VALID' });
  });
});

describe('an authorisation as it stood at an instant', () => {
  const REVOKED_AT = '2026-06-01T00:00:00.000Z';

  it('was active before its revocation, and is judged so', () => {
    const before = authorisationAsOf(authorisation({ status: 'revoked' }), REVOKED_AT, Date.parse(REVOKED_AT) - 1, 0);
    expect(before.status).toBe('active');
    expect(judgeExchange(before, EXCHANGE, Date.parse(REVOKED_AT) - 1)).toEqual({ ok: true });
  });

  it('is revoked from the instant of its revocation', () => {
    const at = Date.parse(REVOKED_AT);
    expect(judgeExchange(authorisationAsOf(authorisation(), REVOKED_AT, at, 0), EXCHANGE, at)).toMatchObject({ ok: false, rule: 'AUTHORISATION_REVOKED' });
  });

  it('stays active when it was never revoked', () => {
    expect(authorisationAsOf(authorisation(), undefined, DURING, 0).status).toBe('active');
  });

  it('carries the uses made so far, which the use limit is judged on', () => {
    const stood = authorisationAsOf(authorisation({ useLimit: 2, uses: 0 }), undefined, DURING, 2);
    expect(stood.uses).toBe(2);
    expect(judgeExchange(stood, EXCHANGE, DURING)).toMatchObject({ ok: false, rule: 'AUTHORISATION_USE_LIMIT' });
  });
});
