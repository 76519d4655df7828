/**
 * An enterprise's credit profile from the read model: its entries sorted into active, repaired,
 * expired (display window passed), pending and unpublished, and its status, at `asOf` (the
 * gateway's clock when not given), by the chaincode's own pure rule. Credit codes are public.
 */
import type { FastifyInstance } from 'fastify';
import { checkCreditCode, formatInstant, parseInstant } from '@suitrust/chaincode';
import { creditQueries, type SqliteCheckpointStore } from '@suitrust/projections';
import { callerOf } from '../plugins/authentication';
import { ProblemError } from '../errors/problemError';

const STANDINGS = ['active', 'repaired', 'expired', 'pending', 'unpublished'] as const;

/** Registers the credit view route. */
export async function creditViewRoutes(app: FastifyInstance, options: { views: SqliteCheckpointStore; now?: () => number }): Promise<void> {
  const now = options.now ?? Date.now;

  app.get('/views/enterprises/:creditCode/credit-profile', {
    schema: {
      tags: ['views'],
      summary: "An enterprise's credit status and its entries by standing, as of now or `asOf` (read model)",
      params: { type: 'object', required: ['creditCode'], properties: { creditCode: { type: 'string', minLength: 1, maxLength: 32 } } },
      querystring: { type: 'object', additionalProperties: false, properties: { asOf: { type: 'string', minLength: 1, maxLength: 40, description: 'ISO 8601 instant with a zone' } } },
      response: {
        200: {
          type: 'object',
          required: ['creditCode', 'asOf', 'status', ...STANDINGS, 'entries'],
          properties: {
            creditCode: { type: 'string' },
            asOf: { type: 'string' },
            status: { type: 'string', enum: ['dishonest', 'attention', 'commended', 'good'] },
            ...Object.fromEntries(STANDINGS.map((standing) => [standing, { type: 'array', items: { type: 'string' }, description: `event ids of the ${standing} entries` }])),
            entries: { type: 'array', items: { type: 'object', additionalProperties: true } },
          },
        },
      },
    },
  }, async (request) => {
    callerOf(request);
    const { creditCode } = request.params as { creditCode: string };
    const { asOf } = request.query as { asOf?: string };
    const check = checkCreditCode(creditCode);
    if (check === 'malformed') throw new ProblemError('CREDIT_CODE_FORMAT', 'creditCode: not a unified social credit code', { field: 'creditCode' });
    const at = asOf === undefined ? now() : parseInstant(asOf);
    if (at === undefined) throw new ProblemError('INPUT_TIME', 'querystring.asOf: expected an ISO 8601 instant with a zone', { field: 'querystring.asOf' });
    const profile = options.views.query((db) => creditQueries.profile(db, creditCode, formatInstant(at)));
    // A code failing its check character is known only when the ledger accepted it (a pilot-era code).
    if (check === 'check-mismatch' && profile.entries.length === 0) {
      throw new ProblemError('CREDIT_CODE_CHECK', 'creditCode: the check character is wrong', { field: 'creditCode' });
    }
    return profile;
  });
}
