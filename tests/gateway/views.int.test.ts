/**
 * Writes through HTTP show up in the read-model views shortly after commit: the relay and the
 * certificates view run beside the gateway, as `npm start` runs them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { formatCertificateId } from '@suitrust/chaincode';
import { startTestGateway, type TestGateway } from '../shared/testGateway';

const HOLDER_ID = '11010519491231002X';

describe('read-model views through the gateway', () => {
  let gateway: TestGateway;
  let app: FastifyInstance;
  let market: string;
  let certificateId: string;
  const as = (name: string): { authorization: string } => gateway.as(name);
  const eventually = (request: () => ReturnType<FastifyInstance['inject']>, done: (body: unknown) => boolean): Promise<unknown> => gateway.eventually(request, done);

  beforeAll(async () => {
    gateway = await startTestGateway({ name: 'views', projections: true });
    app = gateway.app;
    market = gateway.department('issuer');
    certificateId = formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: 'VW1', version: '001' });
  }, 60_000);

  afterAll(() => gateway?.close());

  it('shows a holder every use of their certificates, found by identity number', async () => {
    expect((await app.inject({ method: 'POST', url: '/certificate-types', headers: as('admin'), payload: { typeCode: `${market}001`, name: '营业执照', issuers: [market] } })).statusCode).toBe(201);
    const issued = await app.inject({ method: 'POST', url: '/certificates', headers: as('issuer'), payload: { certificateId, holder: { idNumber: HOLDER_ID }, contentDigest: { algorithm: 'sm3', value: 'ab'.repeat(32) }, validFrom: '2026-01-01T00:00:00Z' } });
    expect(issued.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: `/certificates/${certificateId}/uses`, headers: as('tax-officer'), payload: { matterCode: 'TAX-9', purpose: '税务登记' } })).statusCode).toBe(201);

    const body = (await eventually(
      () => app.inject({ method: 'POST', url: '/views/holder-certificate-uses', headers: as('officer'), payload: { idNumber: HOLDER_ID } }),
      (view) => ((view as { items: unknown[] }).items ?? []).length > 0,
    )) as { items: { certificateId: string; matterCode: string }[] };
    expect(body.items).toEqual([expect.objectContaining({ certificateId, matterCode: 'TAX-9' })]);
    const byCertificate = (await app.inject({ method: 'GET', url: `/views/certificates/${certificateId}/uses?limit=10`, headers: as('auditor') })).json() as { items: unknown[]; limit: number };
    expect(byCertificate).toMatchObject({ limit: 10, nextCursor: null, items: [expect.objectContaining({ matterCode: 'TAX-9' })] });
    const counts = (await app.inject({ method: 'GET', url: '/views/certificate-use-counts?from=2000-01-01&to=2100-12-31', headers: as('auditor') })).json() as { items: { uses: number }[] };
    expect(counts.items).toEqual([expect.objectContaining({ uses: 1 })]);
    const status = await app.inject({ method: 'GET', url: `/views/certificates/${certificateId}`, headers: as('officer') });
    expect(status.json()).toMatchObject({ certificateId, status: 'valid', issuedTx: issued.json().transactionId });
  });

  it('lists the evidence of a court case', async () => {
    const notarised = await app.inject({ method: 'POST', url: '/evidence', headers: as('judge'), payload: { algorithm: 'sm3', digest: '5e'.repeat(32), caseReference: '(2026)沪0105民初1号' } });
    expect(notarised.statusCode).toBe(201);
    const body = (await eventually(
      () => app.inject({ method: 'GET', url: `/views/evidence?caseReference=${encodeURIComponent('(2026)沪0105民初1号')}`, headers: as('judge') }),
      (view) => ((view as { items: unknown[] }).items ?? []).length > 0,
    )) as { items: unknown[] };
    expect(body.items).toEqual([expect.objectContaining({ digest: '5e'.repeat(32), submitterMsp: 'InternetCourtMSP', transactionId: notarised.json().transactionId })]);
  });

  it('answers bad view requests with problems and no 5xx', async () => {
    const badId = await app.inject({ method: 'POST', url: '/views/holder-certificate-uses', headers: as('officer'), payload: { idNumber: '110105194912310021' } });
    expect(badId.json()).toMatchObject({ status: 400, code: 'RESIDENT_ID_CHECK', field: 'idNumber' });
    const reversed = await app.inject({ method: 'GET', url: '/views/certificate-use-counts?from=2026-02-01&to=2026-01-01', headers: as('auditor') });
    expect(reversed.json()).toMatchObject({ status: 400, code: 'REQUEST_SCHEMA', field: 'querystring.to' });
    const badPage = await app.inject({ method: 'GET', url: `/views/certificates/${certificateId}/uses?limit=0`, headers: as('auditor') });
    expect(badPage.json()).toMatchObject({ status: 400, code: 'REQUEST_SCHEMA' });
    const unknown = await app.inject({ method: 'GET', url: '/views/certificates/no-such-certificate', headers: as('auditor') });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'CERTIFICATE_UNKNOWN', field: 'params.certificateId' });
  });
});
