/** Evidence: notarise a digest, and look it up. */
import type { FastifyInstance } from 'fastify';
import type { LedgerClient } from '../ledger/ledgerClient';
import { ledgerRoute, schemas } from './ledgerRoute';

const tags = ['evidence'];

/** Registers the evidence routes. */
export async function evidenceRoutes(app: FastifyInstance, options: { ledger: LedgerClient }): Promise<void> {
  ledgerRoute(app, options.ledger, {
    method: 'POST',
    url: '/evidence',
    contract: 'evidence',
    transaction: 'notarise',
    write: true,
    schema: {
      tags,
      summary: 'Notarise one digest, with its provenance',
      body: schemas.evidence,
      response: { 201: schemas.receipt },
    },
    args: (request) => [JSON.stringify(request.body)],
    location: (record) => `/evidence/${String(record['algorithm'])}/${String(record['digest'])}`,
  });

  ledgerRoute(app, options.ledger, {
    method: 'GET',
    url: '/evidence/:algorithm/:digest',
    contract: 'evidence',
    transaction: 'get',
    write: false,
    schema: {
      tags,
      summary: 'The evidence record of a digest',
      params: { type: 'object', required: ['algorithm', 'digest'], properties: { algorithm: { type: 'string', maxLength: 16 }, digest: { type: 'string', maxLength: 128 } } },
    },
    args: (request) => {
      const { algorithm, digest } = request.params as { algorithm: string; digest: string };
      return [algorithm, digest];
    },
  });
}
