import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { startCity, DEPT, sm3Like, type CityMembers } from './cityNetwork';
import { accepted, expectRefused, req, singleEvent } from './outcomes';

describe('evidence contract: notarisation and lookup', () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  const notarise = (who: keyof CityMembers, body: object) => ledger.submit(m[who], 'evidence:notarise', [req(body)]);

  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
  });
  afterAll(() => ledger.close());

  it('notarises a digest with its provenance and finds it again', async () => {
    const digest = sm3Like('contract.pdf');
    const outcome = await notarise('judge', {
      algorithm: 'sm3',
      digest,
      caseReference: '(2026)沪0105民初1234号',
      provenance: { source: '原告提交', method: '网页取证', witness: '书记员 王某' },
      metadata: { pages: '12', fileName: 'contract.pdf' },
    });
    const record = accepted(outcome);
    expect(record).toMatchObject({ algorithm: 'sm3', digest, submitter: { mspId: 'InternetCourtMSP', department: DEPT.court }, notarised: { txId: outcome.txId } });
    expect(record['metadata']).toEqual([
      { key: 'fileName', value: 'contract.pdf' },
      { key: 'pages', value: '12' },
    ]);
    const event = singleEvent(outcome);
    expect(event.aggregateId).toBe(`sm3:${digest}`);
    expect(event.evidenceNotarised).toMatchObject({ digest, submitterMsp: 'InternetCourtMSP', caseReference: '(2026)沪0105民初1234号', witness: '书记员 王某' });

    const found = accepted(await ledger.evaluate(m.auditor, 'evidence:get', ['sm3', digest]));
    expect(found).toEqual(record);
  });

  it('refuses a digest already notarised, even by another department', async () => {
    expectRefused(await notarise('marketOfficer', { algorithm: 'sm3', digest: sm3Like('contract.pdf') }), 'EVIDENCE_DUPLICATE', 'digest');
  });

  it('treats the same hex under another algorithm as another record', async () => {
    accepted(await notarise('marketOfficer', { algorithm: 'sha256', digest: sm3Like('contract.pdf') }));
  });

  it('refuses digests of the wrong length or case, unknown algorithms and auditors', async () => {
    expectRefused(await notarise('judge', { algorithm: 'sm3', digest: sm3Like('x').slice(2) }), 'DIGEST_FORMAT', 'digest');
    expectRefused(await notarise('judge', { algorithm: 'sm3', digest: sm3Like('x').toUpperCase() }), 'DIGEST_FORMAT', 'digest');
    expectRefused(await notarise('judge', { algorithm: 'md5', digest: sm3Like('x') }), 'DIGEST_ALGORITHM', 'algorithm');
    expectRefused(await notarise('judge', { algorithm: 'sm3', digest: sm3Like('x'), provenance: { place: 'court' } }), 'INPUT_UNKNOWN_FIELD', 'provenance.place');
    expectRefused(await notarise('judge', { algorithm: 'sm3', digest: sm3Like('x'), metadata: { pages: 12 } }), 'INPUT_TYPE', 'metadata.pages');
    expectRefused(await notarise('auditor', { algorithm: 'sm3', digest: sm3Like('x') }), 'ACCESS_ROLE', 'role');
  });

  it('answers a lookup of an unknown digest with a rule code', async () => {
    expectRefused(await ledger.evaluate(m.auditor, 'evidence:get', ['sm3', sm3Like('never')]), 'EVIDENCE_UNKNOWN', 'digest');
    expectRefused(await ledger.evaluate(m.auditor, 'evidence:get', ['sm3', 'zz']), 'DIGEST_FORMAT');
  });
});
