/**
 * Views of certificates from the read model (not the ledger): a certificate's status, uses of a certificate, uses of all
 * of a holder's certificates, and uses per department, certificate type and day. A holder is
 * named by resident identity number in a POST body (never in a URL, which logs keep), and only
 * its pseudonym is looked up.
 */
import type { FastifyInstance } from 'fastify';
import { certificateQueries, type SqliteCheckpointStore } from '@suitrust/projections';
import { callerOf } from '../plugins/authentication';
import type { HolderPseudonyms } from '../pseudonyms/holderPseudonyms';
import { ProblemError } from '../errors/problemError';

const tags = ['views'];
// Query strings are text: the gateway's validator coerces no types (bodies must be exact), so
// paging parameters are checked as digits here and converted by pageOf.
const page = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'string', pattern: '^[0-9]{1,6}$' }, offset: { type: 'string', pattern: '^[0-9]{1,12}$' } },
} as const;

/** The page a query asks for: 100 items from the start by default, at most 500. */
function pageOf(query: unknown): { limit: number; offset: number } {
  const { limit = '100', offset = '0' } = query as { limit?: string; offset?: string };
  const size = Number(limit);
  if (size < 1 || size > 500) throw new ProblemError('REQUEST_SCHEMA', 'querystring.limit: must be 1 to 500 (rule: range)', { field: 'querystring.limit' });
  return { limit: size, offset: Number(offset) };
}

/** Registers the certificate view routes. */
export async function certificateViewRoutes(app: FastifyInstance, options: { views: SqliteCheckpointStore; pseudonyms: HolderPseudonyms }): Promise<void> {
  const { views, pseudonyms } = options;

  app.get('/views/certificates/:certificateId', {
    schema: { tags, summary: "A certificate's current status (read model: answers without reaching the ledger)", params: { type: 'object', required: ['certificateId'], properties: { certificateId: { type: 'string', maxLength: 128 } } } },
  }, async (request) => {
    callerOf(request);
    const { certificateId } = request.params as { certificateId: string };
    const row = views.query((db) => certificateQueries.certificate(db, certificateId));
    if (row === undefined) throw new ProblemError('CERTIFICATE_UNKNOWN', `params.certificateId: no certificate ${certificateId} in the view (rule: exists)`, { field: 'params.certificateId' });
    return row;
  });

  app.get('/views/certificates/:certificateId/uses', {
    schema: { tags, summary: 'Every use of a certificate (read model)', params: { type: 'object', required: ['certificateId'], properties: { certificateId: { type: 'string', maxLength: 128 } } }, querystring: page },
  }, async (request) => {
    callerOf(request);
    const { certificateId } = request.params as { certificateId: string };
    const { limit, offset } = pageOf(request.query);
    return { items: views.query((db) => certificateQueries.usesOfCertificate(db, certificateId, { limit, offset })), limit, offset };
  });

  app.post('/views/holder-certificate-uses', {
    schema: {
      tags,
      summary: "Every use of all of a holder's certificates (read model); the holder is named by identity number",
      body: { type: 'object', required: ['idNumber'], additionalProperties: false, properties: { idNumber: { type: 'string', minLength: 1, maxLength: 32 } } },
      querystring: page,
    },
  }, async (request) => {
    callerOf(request);
    const { idNumber } = request.body as { idNumber: string };
    const { limit, offset } = pageOf(request.query);
    const holder = pseudonyms.of(idNumber, 'idNumber');
    return { items: views.query((db) => certificateQueries.usesOfHolder(db, holder, { limit, offset })), limit, offset };
  });

  app.get('/views/certificate-use-counts', {
    schema: {
      tags,
      summary: 'Uses per department, certificate type and day (China Standard Time) over [from, to]',
      querystring: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } },
    },
  }, async (request) => {
    callerOf(request);
    const { from, to } = request.query as { from: string; to: string };
    if (to < from) throw new ProblemError('REQUEST_SCHEMA', 'querystring.to: must not be before from (rule: order)', { field: 'querystring.to' });
    return { items: views.query((db) => certificateQueries.useCounts(db, from, to)) };
  });
}
