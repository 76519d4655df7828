/**
 * The gateway's request log, read line by line: each request gives one JSON line with its
 * request id, the caller's department, the route pattern, status and duration, and no line
 * carries a bearer token, an idempotency key or a citizen's identity number, whatever the
 * request sent and however it failed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { formatCertificateId } from '@suitrust/chaincode';
import type { ConnectionProfile } from '@suitrust/network';
import { startTestGateway, type TestGateway } from '../shared/testGateway';

const ID_NUMBER = '11010519491231002X';
const WRONG_ID_NUMBER = '110105194912310021';
const IDEMPOTENCY_KEY = 'issue-log-test-0001';

describe('the request log', () => {
  let gateway: TestGateway;
  let profile: ConnectionProfile;
  let app: FastifyInstance;
  const lines: string[] = [];

  const tokenOf = (name: string): string => gateway.token(name);
  const entries = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.length > 0));
        done();
      },
    });
    gateway = await startTestGateway({ name: 'request-log', gateway: () => ({ logger: { level: 'info', stream } }) });
    ({ profile, app } = gateway);
  }, 60_000);

  afterAll(() => gateway?.close());

  it('writes one line per request with id, department, route, status and duration, and no secret', async () => {
    const market = profile.identities.find((identity) => identity.name.startsWith('issuer@'))?.dept ?? '';
    const certificateId = formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: 'LOG1', version: '001' });
    const headersOf = (name: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${tokenOf(name)}`, ...extra });
    const registered = await app.inject({ method: 'POST', url: '/certificate-types', headers: headersOf('admin', { 'x-request-id': 'client-chosen-id-1' }), payload: { typeCode: `${market}001`, name: '营业执照', issuers: [market] } });
    expect(registered.statusCode).toBe(201);
    expect(registered.headers['x-request-id']).toBe('client-chosen-id-1');
    const issue = { certificateId, holder: { idNumber: ID_NUMBER }, contentDigest: { algorithm: 'sm3', value: 'ab'.repeat(32) }, validFrom: '2026-01-01T00:00:00Z' };
    expect((await app.inject({ method: 'POST', url: '/certificates', headers: headersOf('issuer', { 'idempotency-key': IDEMPOTENCY_KEY }), payload: issue })).statusCode).toBe(201);
    const refused = await app.inject({ method: 'POST', url: '/certificates', headers: headersOf('issuer'), payload: { ...issue, holder: { idNumber: WRONG_ID_NUMBER } } });
    expect(refused.statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/views/holder-certificate-uses', headers: headersOf('officer'), payload: { idNumber: ID_NUMBER } })).statusCode).toBe(404);
    const forged = `st_${'f'.repeat(32)}`;
    expect((await app.inject({ method: 'GET', url: `/certificates/${certificateId}`, headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(401);

    const requests = entries().filter((entry) => entry['msg'] === 'request');
    expect(requests).toHaveLength(5);
    for (const entry of requests) {
      expect(entry).toMatchObject({ level: 30, requestId: expect.any(String), method: expect.any(String), route: expect.any(String), status: expect.any(Number), durationMs: expect.any(Number) });
    }
    expect(requests[0]).toMatchObject({ requestId: 'client-chosen-id-1', route: '/certificate-types', status: 201, department: profile.identities.find((identity) => identity.name.startsWith('admin@'))?.dept });
    expect(requests[1]).toMatchObject({ route: '/certificates', status: 201, department: market, identity: expect.stringMatching(/^issuer@/) });
    expect(requests[2]).toMatchObject({ route: '/certificates', status: 400 });
    expect(requests[3]).toMatchObject({ route: 'unknown', status: 404 });
    expect(requests[4]).toMatchObject({ route: '/certificates/:certificateId', status: 401 });
    expect(requests[4]).not.toHaveProperty('department');
    expect(new Set(requests.map((entry) => entry['requestId'])).size).toBe(5);

    const everything = lines.join('\n');
    for (const secret of [...profile.identities.map((identity) => gateway.token(identity.name)), forged, IDEMPOTENCY_KEY, ID_NUMBER, WRONG_ID_NUMBER]) expect(everything).not.toContain(secret);
  });
});
