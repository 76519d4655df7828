/**
 * Group commit through HTTP: a department's concurrent writes share transactions, each write
 * keeps its own outcome (a refused one changes nothing and gets its problem), and a lone write
 * still goes as its own transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { suitrust } from '@suitrust/proto';
import { verifyBundle } from '@suitrust/verifier';
import { formatCertificateId } from '@suitrust/chaincode';
import { coalescingLedgerClient } from '@suitrust/gateway';
import { startTestGateway, type TestGateway } from '../shared/testGateway';

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('write batching (group commit) through the gateway', () => {
  let gateway: TestGateway;
  let app: FastifyInstance;
  let judge: { authorization: string };

  beforeAll(async () => {
    gateway = await startTestGateway({
      name: 'batching',
      batchTimeoutMs: 50,
      ledger: (fabric) => coalescingLedgerClient(fabric, { maxInFlight: 1, maxItems: 50 }),
      proofs: true,
    });
    app = gateway.app;
    judge = gateway.as('judge');
  }, 60_000);

  afterAll(() => gateway?.close());

  const notarise = (digest: string) => app.inject({ method: 'POST', url: '/evidence', headers: judge, payload: { algorithm: 'sm3', digest } });

  it('commits concurrent writes in shared transactions, each answered as if alone', async () => {
    const lone = await notarise(digestOf('lone'));
    expect(lone.statusCode).toBe(201);
    const digests = Array.from({ length: 40 }, (_, i) => digestOf(`concurrent-${i}`));
    // One of them repeats the lone write's digest: refused on its own, the rest commit.
    const responses = await Promise.all([...digests, digestOf('lone')].map((digest) => notarise(digest)));
    const created = responses.slice(0, 40);
    expect(created.map((response) => response.statusCode)).toEqual(digests.map(() => 201));
    expect(responses[40]?.json()).toMatchObject({ status: 409, code: 'EVIDENCE_DUPLICATE', field: 'digest' });
    const bodies = created.map((response) => { const body = response.json() as { transactionId: string; record: { digest: string } }; return { transactionId: body.transactionId, digest: body.record.digest }; });
    expect(bodies.map((body) => body.digest)).toEqual(digests);
    // With one transaction in flight, the writes that arrived meanwhile went together.
    const transactions = new Set(bodies.map((body) => body.transactionId));
    expect(transactions.size).toBeLessThan(10);
    expect(transactions.has(lone.json().transactionId)).toBe(false);
    // Every record is on the ledger, stamped with the transaction that wrote it, and has a proof
    // bundle of its own: the claim is its event among the batch's.
    const trust = suitrust.proofs.v1.TrustAnchors.fromObject((await app.inject({ method: 'GET', url: '/trust' })).json());
    for (const body of bodies.slice(0, 5)) {
      const found = await app.inject({ method: 'GET', url: `/evidence/sm3/${body.digest}`, headers: judge });
      expect(found.json()).toMatchObject({ digest: body.digest, notarised: { txId: body.transactionId } });
      const bundle = suitrust.proofs.v1.ProofBundle.fromObject((await app.inject({ method: 'GET', url: `/evidence/sm3/${body.digest}/proof`, headers: judge })).json());
      expect(bundle.claim?.recordId).toBe(`sm3:${body.digest}`);
      const outcome = verifyBundle(bundle, { trust });
      expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    }
  });

  it("puts at most one write per record in a transaction, so each use's proof names that use", async () => {
    const market = gateway.department('issuer');
    expect((await gateway.post('admin', '/certificate-types', { typeCode: `${market}001`, name: '营业执照', issuers: [market] })).statusCode).toBe(201);
    const certificates = ['BATCHUSE1', 'BATCHUSE2', 'BATCHUSE3', 'BATCHUSE4'].map((serial) => formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial, version: '001' }));
    for (const [i, certificateId] of certificates.entries()) {
      const issued = await gateway.post('issuer', '/certificates', { certificateId, holder: { idNumber: '11010519491231002X' }, contentDigest: { algorithm: 'sm3', value: `${i}d`.repeat(32) }, validFrom: '2026-01-01T00:00:00+08:00' });
      expect(issued.statusCode).toBe(201);
    }
    // Three uses of each certificate at once: a batch may take one use of each.
    const requests = certificates.flatMap((certificateId) => [0, 1, 2].map((n) => ({ certificateId, matterCode: `TAX-${certificateId.slice(-12, -6)}-${n}` })));
    const uses = await Promise.all(requests.map(({ certificateId, matterCode }) => gateway.post('tax-officer', `/certificates/${certificateId}/uses`, { matterCode, purpose: '税务登记' })));
    expect(uses.map((use) => use.statusCode)).toEqual(uses.map(() => 201));
    const transactions = uses.map((use) => (use.json() as { transactionId: string }).transactionId);
    expect(new Set(transactions).size).toBeLessThan(uses.length);
    for (const transaction of new Set(transactions)) {
      const certificatesInIt = requests.filter((_, i) => transactions[i] === transaction).map((use) => use.certificateId);
      expect(new Set(certificatesInIt).size, `transaction ${transaction}`).toBe(certificatesInIt.length);
    }

    const trust = suitrust.proofs.v1.TrustAnchors.fromObject((await app.inject({ method: 'GET', url: '/trust' })).json());
    for (const index of [0, 4, 11]) {
      const { certificateId, matterCode } = requests[index] as { certificateId: string; matterCode: string };
      const bundle = suitrust.proofs.v1.ProofBundle.fromObject((await gateway.get('auditor', `/certificates/${certificateId}/uses/${transactions[index]}/proof`)).json());
      expect(bundle.claim).toMatchObject({ kind: 'certificate-use', recordId: certificateId });
      expect(JSON.parse(bundle.claim?.statement ?? '{}')).toMatchObject({ certificateUsed: { certificateId, matterCode } });
      expect(verifyBundle(bundle, { trust }).checks.filter((check) => !check.ok)).toEqual([]);
    }
    const unknown = await gateway.get('auditor', `/certificates/${certificates[0]}/uses/${'0'.repeat(64)}/proof`);
    expect(unknown.json()).toMatchObject({ status: 404, code: 'PROOF_TRANSACTION_UNKNOWN', field: 'params.transactionId' });
  });
});
