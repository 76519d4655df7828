/**
 * The claim of a log record: what an exchange report and an evidence record state, the leaf's one
 * canonical encoding, and the statement compared by meaning.
 */
import { describe, expect, it } from 'vitest';
import { suitrust } from '@suitrust/proto';
import { jsonEqual } from './jsonEqual';
import { logRecordClaim } from './logRecordClaim';
import { MalformedInputError } from './malformedInputError';

const encode = (record: suitrust.events.v1.ILogRecord): Uint8Array => suitrust.events.v1.LogRecord.encode(suitrust.events.v1.LogRecord.create(record)).finish();
const submitter = { mspId: 'MarketRegulationMSP', department: '11310000MB2F00003T', role: 'issuer' };
const appendedAt = { seconds: 1_780_000_000, nanos: 250_000_000 };

describe('logRecordClaim', () => {
  it('states an exchange report: provider and report id, appended-at, department, payload digest', () => {
    const leaf = encode({ schemaVersion: 1, appendedAt, submitter, exchangeReported: { authorisationId: 'auth-1', reportId: 'r-7', provider: submitter.department, consumer: 'C', resourceCode: 'RES', purpose: 'p', fields: ['a', 'b'], payloadDigest: `sm3:${'ab'.repeat(32)}` } });
    const claim = logRecordClaim(leaf);
    expect(claim).toMatchObject({ kind: 'exchange-report', recordId: `${submitter.department}/r-7`, recordedAt: appendedAt, recordedBy: submitter.department, documentDigestAlgorithm: 'sm3', documentDigest: 'ab'.repeat(32) });
    expect(claim.statement).toMatchObject({ schemaVersion: 1, appendedAt: { seconds: '1780000000' }, exchangeReported: { fields: ['a', 'b'] } });
  });

  it('states evidence by algorithm and digest, and a report without a payload digest with none', () => {
    expect(logRecordClaim(encode({ appendedAt, submitter: { mspId: 'InternetCourtMSP' }, evidenceLogged: { algorithm: 'sha256', digest: 'cd'.repeat(32) } }))).toMatchObject({
      kind: 'evidence',
      recordId: `sha256:${'cd'.repeat(32)}`,
      recordedBy: 'InternetCourtMSP',
      documentDigestAlgorithm: 'sha256',
      documentDigest: 'cd'.repeat(32),
    });
    expect(logRecordClaim(encode({ appendedAt, submitter, exchangeReported: { reportId: 'r-8', provider: 'P' } }))).toMatchObject({ recordId: 'P/r-8', documentDigestAlgorithm: '', documentDigest: '' });
  });

  it('refuses bytes that are not the record\'s one encoding, and records with no body', () => {
    const leaf = encode({ appendedAt, submitter, evidenceLogged: { algorithm: 'sm3', digest: 'ef'.repeat(32) } });
    // A field written after the body decodes to a record, but its encoding puts fields in number order.
    const padded = Uint8Array.of(...leaf, 0x08, 0x00);
    expect(() => logRecordClaim(padded)).toThrow(new MalformedInputError('the leaf is not the canonical encoding of its LogRecord'));
    expect(() => logRecordClaim(Uint8Array.of(0xff))).toThrow(/is not a LogRecord/);
    expect(() => logRecordClaim(encode({ appendedAt, submitter }))).toThrow(/no body/);
  });
});

describe('jsonEqual', () => {
  it('ignores the order of members, not of items', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(jsonEqual({ b: [1, 2] }, { b: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual({ a: '1' }, { a: 1 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
