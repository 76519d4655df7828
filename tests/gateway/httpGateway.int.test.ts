/**
 * The HTTP gateway over the embedded peer, through HTTP only: writes commit and answer receipts,
 * reads reflect them, and every bad request gets RFC 9457 problem details naming the field and
 * the rule, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { formatCertificateId } from '@suitrust/chaincode';
import { startTestGateway, type TestGateway } from '../shared/testGateway';

describe('the HTTP gateway over the embedded peer', () => {
  let gateway: TestGateway;
  let directory: string;
  let app: FastifyInstance;
  let market: string;
  let certificateId: string;

  const as = (name: string): { authorization: string } => gateway.as(name);
  const post = (who: string, url: string, payload: object) => gateway.post(who, url, payload);
  const get = (who: string, url: string) => gateway.get(who, url);

  beforeAll(async () => {
    gateway = await startTestGateway({ name: 'gateway' });
    ({ app, directory } = gateway);
    market = gateway.department('issuer');
    certificateId = formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: 'GW0001', version: '001' });
  }, 60_000);

  afterAll(() => gateway?.close());

  it('keeps its secrets in files only their owner can read', () => {
    expect(statSync(join(directory, 'gateway', 'credentials.json')).mode & 0o077).toBe(0);
    expect(statSync(join(directory, 'gateway', 'pseudonym.key')).mode & 0o077).toBe(0);
  });

  it('refuses requests without or with unknown credentials', async () => {
    const missing = await app.inject({ method: 'GET', url: `/certificates/${certificateId}` });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ type: '/problems/AUTH_REQUIRED', status: 401, code: 'AUTH_REQUIRED', field: 'Authorization' });
    const unknown = await app.inject({ method: 'GET', url: `/certificates/${certificateId}`, headers: { authorization: 'Bearer st_not-a-real-token' } });
    expect(unknown.json()).toMatchObject({ status: 401, code: 'AUTH_INVALID' });
  });

  it('registers a certificate type, answering 201 with the receipt and its location', async () => {
    const response = await post('admin', '/certificate-types', { typeCode: `${market}001`, name: '营业执照', issuers: [market] });
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe(`/certificate-types/${market}001`);
    expect(response.json()).toMatchObject({ transactionId: expect.stringMatching(/^[0-9a-f]{64}$/), record: { typeCode: `${market}001` } });
    const again = await post('admin', '/certificate-types', { typeCode: `${market}001`, name: 'again', issuers: [market] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CERTIFICATE_TYPE_EXISTS', field: 'typeCode', type: '/problems/CERTIFICATE_TYPE_EXISTS' });
  });

  it('issues a certificate to a holder named by identity number, which never reaches the ledger', async () => {
    const response = await post('issuer', '/certificates', {
      certificateId,
      holder: { idNumber: '11010519491231002X' },
      contentDigest: { algorithm: 'sm3', value: 'ab'.repeat(32) },
      validFrom: '2026-01-01T00:00:00+08:00',
    });
    expect(response.statusCode).toBe(201);
    const record = response.json().record as { holderPseudonym: string };
    expect(record.holderPseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(response.json())).not.toContain('11010519491231002X');
    const read = await get('tax-officer', `/certificates/${certificateId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ certificateId, status: 'valid', holderPseudonym: record.holderPseudonym });
  });

  it('refuses a wrong check digit in the holder\'s number, naming the field, and writes nothing', async () => {
    const other = formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: 'GW0002', version: '001' });
    const response = await post('issuer', '/certificates', { certificateId: other, holder: { idNumber: '110105194912310021' }, contentDigest: { algorithm: 'sm3', value: 'ab'.repeat(32) }, validFrom: '2026-01-01T00:00:00Z' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'RESIDENT_ID_CHECK', field: 'holder.idNumber' });
    expect((await get('issuer', `/certificates/${other}`)).json()).toMatchObject({ status: 404, code: 'CERTIFICATE_UNKNOWN' });
  });

  it('records a use by another department and lists it, and verifies before acting', async () => {
    const use = await post('tax-officer', `/certificates/${certificateId}/uses`, { matterCode: 'TAX-01', purpose: '税务登记' });
    expect(use.statusCode).toBe(201);
    const uses = await get('auditor', `/certificates/${certificateId}/uses`);
    expect(uses.json()).toEqual([expect.objectContaining({ matterCode: 'TAX-01', certificateId })]);
    const verified = await get('tax-officer', `/certificates/${certificateId}/verification?contentDigest=${'ab'.repeat(32)}`);
    expect(verified.json()).toMatchObject({ status: 'valid', digestMatches: true, trustworthy: true });
  });

  it('refuses a caller whose role may not change a certificate\'s status, with 403', async () => {
    const response = await post('tax-officer', `/certificates/${certificateId}/suspension`, { reason: 'x' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'ACCESS_ROLE', field: 'role' });
  });

  it('answers malformed bodies, unknown fields and unknown routes with 4xx problems', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/evidence', headers: { ...as('judge'), 'content-type': 'application/json' }, payload: '{"algorithm":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'REQUEST_BODY' });
    const extra = await post('judge', '/evidence', { algorithm: 'sm3', digest: 'cd'.repeat(32), colour: 'red' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: 'REQUEST_SCHEMA', field: 'body.colour' });
    const missing = await post('judge', '/evidence', { algorithm: 'sm3' });
    expect(missing.json()).toMatchObject({ code: 'REQUEST_SCHEMA', field: 'body.digest' });
    const badDigest = await post('judge', '/evidence', { algorithm: 'sm3', digest: 'XYZ' });
    expect(badDigest.json()).toMatchObject({ status: 400, code: 'DIGEST_FORMAT', field: 'digest' });
    const route = await get('judge', '/nowhere');
    expect(route.json()).toMatchObject({ status: 404, code: 'ROUTE_UNKNOWN' });
  });

  it('serves its health, readiness, metrics, problem registry and generated OpenAPI document', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/ready' })).json()).toEqual({ status: 'ready' });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).body).toContain('suitrust_http_requests_total');
    const problems = (await app.inject({ method: 'GET', url: '/problems' })).json() as { code: string; status: number }[];
    expect(problems.find((problem) => problem.code === 'CERTIFICATE_NOT_VALID')).toMatchObject({ status: 422 });
    const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/certificates', '/certificates/{certificateId}/uses', '/authorisations', '/enterprises/{creditCode}/credit-profile', '/evidence']));
  });
});
