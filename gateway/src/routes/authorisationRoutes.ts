/**
 * Data-sharing authorisations: grant (a data subject's grant names the subject by resident
 * identity number, pseudonymised here), revoke, approve an exchange before data moves, read.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LedgerClient } from '../ledger/ledgerClient';
import type { HolderPseudonyms } from '../pseudonyms/holderPseudonyms';
import { ledgerRoute, schemas } from './ledgerRoute';

type Params = { authorisationId: string };
const idParams = { type: 'object', required: ['authorisationId'], properties: { authorisationId: { type: 'string', minLength: 1, maxLength: 128 } } } as const;
const tags = ['authorisations'];

/** Registers the authorisation routes. */
export async function authorisationRoutes(app: FastifyInstance, options: { ledger: LedgerClient; pseudonyms: HolderPseudonyms }): Promise<void> {
  const { ledger, pseudonyms } = options;
  const params = (request: FastifyRequest): Params => request.params as Params;

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/authorisations',
    contract: 'authorisations',
    transaction: 'grant',
    write: true,
    schema: {
      tags,
      summary: 'Grant a data-sharing authorisation (the providing department, or either party for a data subject)',
      body: {
        type: 'object',
        required: ['grantorKind', 'provider', 'consumer', 'resourceCode', 'sharingClass', 'purpose', 'fields', 'validFrom', 'validUntil'],
        additionalProperties: false,
        properties: {
          grantorKind: { type: 'string', enum: ['subject', 'department'] },
          subject: { type: 'object', required: ['idNumber'], additionalProperties: false, properties: { idNumber: { type: 'string', minLength: 1, maxLength: 32 } } },
          provider: { type: 'string' },
          consumer: { type: 'string' },
          resourceCode: { type: 'string' },
          sharingClass: { type: 'string' },
          purpose: { type: 'string' },
          fields: { type: 'array', items: { type: 'string' } },
          validFrom: { type: 'string' },
          validUntil: { type: 'string' },
          useLimit: { type: 'integer' },
          consentDigest: schemas.digest,
        },
      },
      response: { 201: schemas.receipt },
    },
    args: (request) => {
      const { subject, ...body } = request.body as { subject?: { idNumber: string } } & Record<string, unknown>;
      return [JSON.stringify({ ...body, ...(subject ? { subjectPseudonym: pseudonyms.of(subject.idNumber, 'subject.idNumber') } : {}) })];
    },
    location: (record) => `/authorisations/${String(record['authorisationId'])}`,
  });

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/authorisations/:authorisationId/revocation',
    contract: 'authorisations',
    transaction: 'revoke',
    write: true,
    schema: { tags, summary: 'Revoke an authorisation', params: idParams, body: schemas.reason, response: { 200: schemas.receipt } },
    args: (request) => [JSON.stringify({ authorisationId: params(request).authorisationId, ...(request.body as object) })],
  });

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/authorisations/:authorisationId/exchanges',
    contract: 'authorisations',
    transaction: 'approveExchange',
    write: true,
    schema: {
      tags,
      summary: 'Approve one exchange before data moves (the providing department)',
      params: idParams,
      body: {
        type: 'object',
        required: ['consumer', 'resourceCode', 'purpose', 'fields'],
        additionalProperties: false,
        properties: { consumer: { type: 'string' }, resourceCode: { type: 'string' }, purpose: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } }, payloadDigest: schemas.digest },
      },
      response: { 201: schemas.receipt },
    },
    args: (request) => [JSON.stringify({ authorisationId: params(request).authorisationId, ...(request.body as object) })],
    location: (record, request) => `/authorisations/${params(request).authorisationId}/exchanges/${String(record['exchangeId'])}`,
  });

  for (const [suffix, transaction, summary] of [
    ['', 'get', 'An authorisation'],
    ['/history', 'getHistory', "Every version of an authorisation's record"],
  ] as const) {
    ledgerRoute(app, ledger, {
      method: 'GET',
      url: `/authorisations/:authorisationId${suffix}`,
      contract: 'authorisations',
      transaction,
      write: false,
      schema: { tags, summary, params: idParams },
      args: (request) => [params(request).authorisationId],
    });
  }
}
