/**
 * No request makes the gateway answer 5xx, and no bad request changes the ledger: every route of
 * the OpenAPI document (the gateway with everything `npm start` serves: views, the transparency
 * log, proofs, receipts) is sent missing credentials, malformed bodies, bodies of the wrong
 * shape, hostile path parameters and junk query strings. Each answer is a 4xx RFC 9457 problem
 * (or a success for a read), and the chain's height is the same afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@grpc/grpc-js';
import { common } from '@hyperledger/fabric-protos';
import { gatewayAs, grpcClient } from '../shared/profileClient';
import { startTestGateway, type TestGateway } from '../shared/testGateway';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
interface Operation {
  readonly method: Method;
  readonly path: string;
  readonly requiresBody: boolean;
}

/** Routes anyone may read: no credentials asked. */
const PUBLIC = /^\/(health|ready|metrics|openapi\.json|docs|problems|trust|verify)(\/|$)/;

const HOSTILE_PARAMETERS = ['%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(2000), '%E4%BD%A0%E5%A5%BD', "'%3B--", '-1', '1e309'];
const BAD_BODIES: readonly { readonly what: string; readonly payload: string }[] = [
  { what: 'not JSON', payload: '{"algorithm": ' },
  { what: 'a JSON array', payload: '[]' },
  { what: 'a JSON string', payload: '"x"' },
  { what: 'null', payload: 'null' },
  { what: 'an empty object', payload: '{}' },
  { what: 'an unknown member', payload: '{"unexpected": true}' },
  { what: 'members of the wrong types', payload: '{"algorithm": 1, "digest": [], "certificateId": {}, "reports": "x", "evidence": 7, "items": null}' },
  { what: 'deeply nested JSON', payload: `${'['.repeat(5000)}${']'.repeat(5000)}` },
];

describe('no request makes the gateway answer 5xx', () => {
  let gateway: TestGateway;
  let client: Client;
  let operations: Operation[];

  const height = async (): Promise<number> => {
    const qscc = gatewayAs(gateway.profile, client, 'auditor').getNetwork(gateway.profile.channel).getContract('qscc');
    return common.BlockchainInfo.deserializeBinary(await qscc.evaluateTransaction('GetChainInfo', gateway.profile.channel)).getHeight();
  };

  beforeAll(async () => {
    gateway = await startTestGateway({ name: 'no-5xx', projections: true, records: true, proofs: true });
    client = grpcClient(gateway.profile);
    const document = (await gateway.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'delete', 'patch'].includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase() as Method, path, requiresBody: operation.requestBody !== undefined })),
    );
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await gateway?.close();
  });

  /** The path with each `{parameter}` replaced. */
  const fill = (path: string, value: string): string => path.replace(/\{[^}]+\}/g, value);

  /** Asserts an answer is not a server error, and that a client error is a problem naming its type. */
  const expectNoServerError = (response: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string): void => {
    expect(response.statusCode, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
    if (response.statusCode >= 400) {
      expect(String(response.headers['content-type']), what).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body), what).toMatchObject({ status: response.statusCode, type: expect.stringMatching(/^\/problems\//), title: expect.any(String) });
    }
  };

  it('covers the documented routes', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.map((operation) => operation.path)).toEqual(expect.arrayContaining(['/certificates', '/exchange-reports', '/evidence/bulk', '/proofs/transactions/{txId}', '/views/exchange-exceptions']));
  });

  it('answers every protected route without credentials with 401, and bad requests with 4xx problems, writing nothing', async () => {
    const before = await height();
    let requests = 0;
    for (const operation of operations) {
      const url = fill(operation.path, 'unknown-id');
      if (!PUBLIC.test(operation.path)) {
        const anonymous = await gateway.app.inject({ method: operation.method, url, ...(operation.requiresBody ? { payload: {} } : {}) });
        expect(anonymous.statusCode, `${operation.method} ${url} without credentials`).toBe(401);
        expectNoServerError(anonymous, `${operation.method} ${url} without credentials`);
      }
      // A department's identity for reads and writes alike; the auditor's for the views it may read.
      for (const who of ['judge', 'auditor']) {
        for (const parameter of HOSTILE_PARAMETERS) {
          const hostile = await gateway.app.inject({ method: operation.method, url: `${fill(operation.path, parameter)}?limit=-1&cursor=%FF&from=yesterday&to=%00&leafIndex=x`, headers: gateway.as(who), ...(operation.requiresBody ? { payload: {} } : {}) });
          expectNoServerError(hostile, `${operation.method} ${operation.path} with ${parameter.slice(0, 20)} as ${who}`);
          requests++;
        }
        if (!operation.requiresBody) continue;
        for (const body of BAD_BODIES) {
          const response = await gateway.app.inject({ method: operation.method, url, headers: { ...gateway.as(who), 'content-type': 'application/json' }, payload: body.payload });
          expectNoServerError(response, `${operation.method} ${url} with ${body.what} as ${who}`);
          expect(response.statusCode, `${operation.method} ${url} with ${body.what}`).toBeGreaterThanOrEqual(400);
          requests++;
        }
      }
    }
    expect(requests).toBeGreaterThan(500);
    expect(await height()).toBe(before);
  }, 120_000);
});
