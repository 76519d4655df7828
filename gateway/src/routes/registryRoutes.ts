/** Certificate types, their issuers, and accepted pilot-era credit codes (the administrator organisation). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LedgerClient } from '../ledger/ledgerClient';
import { ledgerRoute, schemas } from './ledgerRoute';

type Params = { typeCode: string };
const typeParams = { type: 'object', required: ['typeCode'], properties: { typeCode: { type: 'string', minLength: 1, maxLength: 32 } } } as const;
const tags = ['registry'];

/** Registers the registry routes. */
export async function registryRoutes(app: FastifyInstance, options: { ledger: LedgerClient }): Promise<void> {
  const { ledger } = options;
  const params = (request: FastifyRequest): Params => request.params as Params;

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/certificate-types',
    contract: 'registry',
    transaction: 'registerCertificateType',
    write: true,
    schema: {
      tags,
      summary: 'Register a certificate type and the departments that may issue it',
      body: { type: 'object', required: ['typeCode', 'name', 'issuers'], additionalProperties: false, properties: { typeCode: { type: 'string' }, name: { type: 'string' }, issuers: { type: 'array', items: { type: 'string' } } } },
      response: { 201: schemas.receipt },
    },
    args: (request) => [JSON.stringify(request.body)],
    location: (record) => `/certificate-types/${String(record['typeCode'])}`,
  });

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/certificate-types/:typeCode/issuers',
    contract: 'registry',
    transaction: 'authoriseIssuer',
    write: true,
    schema: { tags, summary: 'Authorise one more department to issue the type', params: typeParams, body: { type: 'object', required: ['issuer'], additionalProperties: false, properties: { issuer: { type: 'string' } } }, response: { 201: schemas.receipt } },
    args: (request) => [JSON.stringify({ typeCode: params(request).typeCode, ...(request.body as object) })],
    location: (_record, request) => `/certificate-types/${params(request).typeCode}`,
  });

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/certificate-types/:typeCode/issuers/:issuer/withdrawal',
    contract: 'registry',
    transaction: 'withdrawIssuer',
    write: true,
    schema: {
      tags,
      summary: "Withdraw a department's authority to issue the type",
      params: { type: 'object', required: ['typeCode', 'issuer'], properties: { typeCode: { type: 'string', maxLength: 32 }, issuer: { type: 'string', maxLength: 32 } } },
      body: schemas.reason,
      response: { 200: schemas.receipt },
    },
    args: (request) => {
      const { typeCode, issuer } = request.params as { typeCode: string; issuer: string };
      return [JSON.stringify({ typeCode, issuer, ...(request.body as object) })];
    },
  });

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/legacy-credit-codes',
    contract: 'registry',
    transaction: 'acceptLegacyCreditCode',
    write: true,
    schema: {
      tags,
      summary: 'Accept a legal pilot-era credit code whose check character fails',
      body: { type: 'object', required: ['creditCode', 'reason'], additionalProperties: false, properties: { creditCode: { type: 'string' }, reason: { type: 'string' } } },
      response: { 201: schemas.receipt },
    },
    args: (request) => [JSON.stringify(request.body)],
    location: (record) => `/legacy-credit-codes/${String(record['creditCode'])}`,
  });

  for (const [suffix, transaction, summary] of [
    ['', 'getCertificateType', 'A certificate type and its issuers'],
    ['/history', 'getCertificateTypeHistory', "Every version of a certificate type's record"],
  ] as const) {
    ledgerRoute(app, ledger, {
      method: 'GET',
      url: `/certificate-types/:typeCode${suffix}`,
      contract: 'registry',
      transaction,
      write: false,
      schema: { tags, summary, params: typeParams },
      args: (request) => [params(request).typeCode],
    });
  }
}
