import { describe, expect, it } from 'vitest';
import { readEvidence, readExchangeReport } from './logRecordRules';
import { Refusal } from './refusal';

const PROVIDER = '91350100M000100Y43';
const CONSUMER = '914403001922038216';
const HEX = 'ab'.repeat(32);
const report = {
  authorisationId: 'auth-1',
  reportId: 'r-1',
  consumer: CONSUMER,
  resourceCode: 'RES-001',
  purpose: '企业开办',
  fields: ['name', 'address'],
  exchangedAt: '2026-06-01T08:00:00+08:00',
};

async function refusalOf(run: () => unknown): Promise<Pick<Refusal, 'rule' | 'field'>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Refusal) return { rule: error.rule, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('exchange reports', () => {
  it('are read with the caller as provider, fields sorted, time canonical, digest and subject as texts', async () => {
    await expect(readExchangeReport(JSON.stringify({ ...report, payloadDigest: { algorithm: 'sm3', value: HEX }, dataSubject: 'cd'.repeat(32) }), PROVIDER)).resolves.toEqual({
      ...report,
      provider: PROVIDER,
      fields: ['address', 'name'],
      exchangedAt: '2026-06-01T00:00:00.000Z',
      payloadDigest: `sm3:${HEX}`,
      dataSubject: 'cd'.repeat(32),
    });
    await expect(readExchangeReport(JSON.stringify(report), PROVIDER)).resolves.toMatchObject({ payloadDigest: '', dataSubject: '' });
  });

  it('are refused with the rule and field at fault; a provider field is not accepted', async () => {
    expect(await refusalOf(() => readExchangeReport(JSON.stringify({ ...report, provider: PROVIDER }), PROVIDER))).toEqual({ rule: 'INPUT_UNKNOWN_FIELD', field: 'provider' });
    expect(await refusalOf(() => readExchangeReport(JSON.stringify({ ...report, consumer: '914403001922038217' }), PROVIDER))).toEqual({ rule: 'CREDIT_CODE_CHECK', field: 'consumer' });
    expect(await refusalOf(() => readExchangeReport(JSON.stringify({ ...report, exchangedAt: '2026-06-01' }), PROVIDER))).toEqual({ rule: 'INPUT_TIME', field: 'exchangedAt' });
    expect(await refusalOf(() => readExchangeReport(JSON.stringify({ ...report, fields: ['a', 'a'] }), PROVIDER))).toEqual({ rule: 'INPUT_DUPLICATE_ITEM', field: 'fields' });
    expect(await refusalOf(() => readExchangeReport(JSON.stringify({ ...report, dataSubject: '110101199003074258' }), PROVIDER))).toEqual({ rule: 'PSEUDONYM_FORMAT', field: 'dataSubject' });
    expect(await refusalOf(() => readExchangeReport(JSON.stringify({ ...report, payloadDigest: { algorithm: 'sm3', value: 'AB' } }), PROVIDER))).toEqual({ rule: 'DIGEST_FORMAT', field: 'payloadDigest.value' });
  });
});

describe('evidence requests', () => {
  it('are read with absent texts empty and metadata sorted', () => {
    expect(readEvidence(JSON.stringify({ algorithm: 'sha256', digest: HEX, provenance: { witness: '书记员' }, metadata: { b: '2', a: '1' } }))).toEqual({
      algorithm: 'sha256',
      digest: HEX,
      caseReference: '',
      source: '',
      method: '',
      witness: '书记员',
      metadata: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ],
    });
  });

  it('are refused with the rule and field at fault', async () => {
    expect(await refusalOf(() => readEvidence(JSON.stringify({ algorithm: 'md5', digest: HEX })))).toEqual({ rule: 'DIGEST_ALGORITHM', field: 'algorithm' });
    expect(await refusalOf(() => readEvidence(JSON.stringify({ algorithm: 'sm3', digest: HEX.slice(2) })))).toEqual({ rule: 'DIGEST_FORMAT', field: 'digest' });
    expect(await refusalOf(() => readEvidence('[]'))).toEqual({ rule: 'INPUT_JSON', field: '' });
  });
});
