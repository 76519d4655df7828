/** Business-environment credit: record, correct and repair entries; an enterprise's credit profile. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LedgerClient } from '../ledger/ledgerClient';
import { ledgerRoute, schemas } from './ledgerRoute';

type Params = { creditCode: string; eventId: string };
const codeParams = { type: 'object', required: ['creditCode'], properties: { creditCode: { type: 'string', minLength: 1, maxLength: 32 } } } as const;
const entryParams = { type: 'object', required: ['creditCode', 'eventId'], properties: { creditCode: { type: 'string', maxLength: 32 }, eventId: { type: 'string', maxLength: 128 } } } as const;
const tags = ['credit'];

/** Registers the credit routes. */
export async function creditRoutes(app: FastifyInstance, options: { ledger: LedgerClient }): Promise<void> {
  const { ledger } = options;
  const params = (request: FastifyRequest): Params => request.params as Params;
  const entryUrl = (request: FastifyRequest, eventId: string): string => `/enterprises/${params(request).creditCode}/credit-events/${eventId}`;

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/enterprises/:creditCode/credit-events',
    contract: 'credit',
    transaction: 'record',
    write: true,
    schema: {
      tags,
      summary: "Record a credit entry from the caller's department",
      params: codeParams,
      body: {
        type: 'object',
        required: ['category', 'severity', 'legalBasis', 'decisionNumber', 'decisionDate', 'documentDigest'],
        additionalProperties: false,
        properties: {
          category: { type: 'string' },
          severity: { type: 'string' },
          legalBasis: { type: 'string' },
          decisionNumber: { type: 'string' },
          decisionDate: { type: 'string' },
          effectiveFrom: { type: 'string' },
          effectiveUntil: { type: 'string' },
          displayUntil: { type: 'string' },
          documentDigest: schemas.digest,
        },
      },
      response: { 201: schemas.receipt },
    },
    args: (request) => [JSON.stringify({ creditCode: params(request).creditCode, ...(request.body as object) })],
    location: (record, request) => entryUrl(request, String(record['eventId'])),
  });

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/enterprises/:creditCode/credit-events/:eventId/corrections',
    contract: 'credit',
    transaction: 'correct',
    write: true,
    schema: {
      tags,
      summary: 'Correct an entry, with a reason (source department)',
      params: entryParams,
      body: {
        type: 'object',
        required: ['reason'],
        additionalProperties: false,
        properties: { reason: { type: 'string' }, severity: { type: 'string' }, legalBasis: { type: 'string' }, effectiveUntil: { type: 'string' }, displayUntil: { type: 'string' }, documentDigest: schemas.digest },
      },
      response: { 200: schemas.receipt },
    },
    args: (request) => [JSON.stringify({ creditCode: params(request).creditCode, eventId: params(request).eventId, ...(request.body as object) })],
  });

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/enterprises/:creditCode/credit-events/:eventId/repair',
    contract: 'credit',
    transaction: 'repair',
    write: true,
    schema: {
      tags,
      summary: 'Repair a published negative entry after its minimum display period (source department)',
      params: entryParams,
      body: { type: 'object', required: ['reason', 'documentDigest'], additionalProperties: false, properties: { reason: { type: 'string' }, documentDigest: schemas.digest } },
      response: { 200: schemas.receipt },
    },
    args: (request) => [JSON.stringify({ creditCode: params(request).creditCode, eventId: params(request).eventId, ...(request.body as object) })],
  });

  ledgerRoute(app, ledger, {
    method: 'GET',
    url: '/enterprises/:creditCode/credit-profile',
    contract: 'credit',
    transaction: 'getProfile',
    write: false,
    schema: { tags, summary: "An enterprise's credit status and entries", params: codeParams, querystring: { type: 'object', additionalProperties: false, properties: { asOf: { type: 'string', maxLength: 40 } } } },
    args: (request) => [params(request).creditCode, (request.query as { asOf?: string }).asOf ?? ''],
  });

  ledgerRoute(app, ledger, {
    method: 'GET',
    url: '/enterprises/:creditCode/credit-events/:eventId/history',
    contract: 'credit',
    transaction: 'getHistory',
    write: false,
    schema: { tags, summary: 'Every version of a credit entry', params: entryParams },
    args: (request) => [params(request).creditCode, params(request).eventId],
  });
}
