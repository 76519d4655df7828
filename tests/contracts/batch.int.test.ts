import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { BATCHABLE_OPERATIONS, MAX_BATCH_ITEMS, STATE, batchItemAggregate, type BatchItemResult } from '@suitrust/chaincode';
import { startCity, DEPT, LICENCE_TYPE, licenceId, pseudonym, sm3Like, type CityMembers } from './cityNetwork';
import { accepted, eventBatch, expectRefused, req } from './outcomes';

/** Fabric's composite key: the object type and attributes, each after a U+0000. */
const compositeKey = (...parts: string[]): string => `\u0000${parts.join('\u0000')}\u0000`;

const issueRequest = (certificateId: string) => ({
  certificateId,
  holderPseudonym: pseudonym('bob'),
  contentDigest: { algorithm: 'sm3', value: sm3Like(certificateId) },
  validFrom: '2026-01-01T00:00:00+08:00',
});

describe('batch contract: several operations of one caller in one transaction', () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  const batch = (who: keyof CityMembers, items: object[]) => ledger.submit(m[who], 'batch:submit', [req({ items })]);
  const results = (payload: string): BatchItemResult[] => (JSON.parse(payload) as { results: BatchItemResult[] }).results;

  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
    accepted(await ledger.submit(m.admin, 'registry:registerCertificateType', [req({ typeCode: LICENCE_TYPE, name: '营业执照', issuers: [DEPT.market] })]));
  });
  afterAll(() => ledger.close());

  it('commits each item as its own transaction would, and reports a refused item in its place without its writes', async () => {
    const [a, b] = [sm3Like('batch-a'), sm3Like('batch-b')];
    const outcome = await batch('judge', [
      { operation: 'evidence:notarise', request: { algorithm: 'sm3', digest: a, caseReference: 'case-1' } },
      // The same digest again: the second item sees the first item's write and is refused.
      { operation: 'evidence:notarise', request: { algorithm: 'sm3', digest: a } },
      { operation: 'evidence:notarise', request: { algorithm: 'md5', digest: b } },
      { operation: 'evidence:notarise', request: { algorithm: 'sm3', digest: b } },
    ]);
    accepted(outcome);
    const outcomeResults = results(outcome.payload);
    expect(outcomeResults.map((result) => (result.ok ? 'ok' : result.refusal.rule))).toEqual(['ok', 'EVIDENCE_DUPLICATE', 'DIGEST_ALGORITHM', 'ok']);
    expect(outcomeResults[0]).toMatchObject({ ok: true, result: { digest: a, notarised: { txId: outcome.txId } } });
    expect(outcomeResults[1]).toMatchObject({ ok: false, refusal: { field: 'digest' } });
    // Two records written, in key order; two events, numbered in the transaction.
    expect([...outcome.readWriteSet.writes.keys()]).toEqual([compositeKey(STATE.evidence, 'sm3', a), compositeKey(STATE.evidence, 'sm3', b)].sort());
    const events = eventBatch(outcome);
    expect(events.function).toBe('batch:submit');
    expect(events.submitter).toMatchObject({ mspId: 'InternetCourtMSP', department: DEPT.court });
    expect(events.events.map((event) => [event.index, event.aggregateId])).toEqual([[0, `sm3:${a}`], [1, `sm3:${b}`]]);
    // What a sender keys its batches by is the aggregate the item's event names.
    expect([a, b].map((digest) => batchItemAggregate('evidence:notarise', { algorithm: 'sm3', digest }))).toEqual(events.events.map((event) => event.aggregateId));
    expect(accepted(await ledger.evaluate(m.auditor, 'evidence:get', ['sm3', b]))).toMatchObject({ digest: b, notarised: { txId: outcome.txId } });
  });

  it('gives every use in a batch its own record, also two uses of one certificate', async () => {
    const id = licenceId('BATCH01');
    accepted(await ledger.submit(m.marketIssuer, 'certificates:issue', [req(issueRequest(id))]));
    const use = { certificateId: id, matterCode: 'TAX-1', purpose: '税务登记' };
    const outcome = await batch('taxOfficer', [
      { operation: 'certificates:recordUse', request: use },
      { operation: 'certificates:recordUse', request: { ...use, matterCode: 'TAX-2' } },
      { operation: 'certificates:recordUse', request: { ...use, certificateId: licenceId('NOSUCH') } },
    ]);
    expect(results(outcome.payload).map((result) => result.ok)).toEqual([true, true, false]);
    expect(eventBatch(outcome).events.map((event) => event.aggregateId)).toEqual([id, id].map((certificateId) => batchItemAggregate('certificates:recordUse', { certificateId })));
    const uses = accepted<{ matterCode: string }[]>(await ledger.evaluate(m.auditor, 'certificates:listUses', [id]));
    expect(uses.map((u) => u.matterCode).sort()).toEqual(['TAX-1', 'TAX-2']);
  });

  it('refuses an item its caller may not do as that operation would, and commits the rest', async () => {
    const outcome = await batch('marketIssuer', [
      { operation: 'certificates:issue', request: issueRequest(licenceId('BATCH02')) },
      { operation: 'evidence:notarise', request: { algorithm: 'sm3', digest: sm3Like('issuer-evidence') } },
    ]);
    expect(results(outcome.payload)).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
    const auditor = await batch('auditor', [{ operation: 'evidence:notarise', request: { algorithm: 'sm3', digest: sm3Like('auditor') } }]);
    expect(results(auditor.payload)).toEqual([{ ok: false, refusal: expect.objectContaining({ rule: 'ACCESS_ROLE', field: 'role' }) }]);
    expect(auditor.readWriteSet.writes.size).toBe(0);
    expect(auditor.event).toBeUndefined();
  });

  it('refuses a malformed batch as a whole, writing nothing', async () => {
    expectRefused(await ledger.submit(m.judge, 'batch:submit', ['[']), 'INPUT_JSON');
    expectRefused(await batch('judge', []), 'INPUT_LENGTH', 'items');
    const tooMany = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) => ({ operation: 'evidence:notarise', request: { algorithm: 'sm3', digest: sm3Like(`many-${i}`) } }));
    expectRefused(await batch('judge', tooMany), 'INPUT_LENGTH', 'items');
    expectRefused(await batch('judge', [{ operation: 'authorisations:grant', request: {} }]), 'INPUT_ENUM', 'items.0.operation');
    expectRefused(await batch('judge', [{ operation: 'evidence:notarise', request: '{}' }]), 'INPUT_TYPE', 'items.0.request');
    expectRefused(await batch('judge', [{ operation: 'evidence:notarise', request: {}, extra: 1 }]), 'INPUT_UNKNOWN_FIELD', 'items.0.extra');
    expect(BATCHABLE_OPERATIONS).toEqual(['evidence:notarise', 'certificates:issue', 'certificates:recordUse']);
  });
});
