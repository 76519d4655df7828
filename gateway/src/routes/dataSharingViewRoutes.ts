/**
 * Views of data sharing from the read model: traces of approved and reported exchanges by data
 * subject (named by resident identity number in a POST body, never in a URL; only its pseudonym
 * is looked up), by data resource and by department pair over `[from, until)`, and the auditors'
 * exceptions — reported exchanges that no valid authorisation covered when they happened, with
 * the chaincode rule each one breaks. Auditors (role `auditor`) see every exchange; any other
 * caller only the exchanges its own department provided or received.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatInstant, parseInstant } from '@suitrust/chaincode';
import { dataSharingQueries, type SharingViewer, type SqliteCheckpointStore, type TimeRange } from '@suitrust/projections';
import type { Caller } from '../auth/callerCredentials';
import { callerOf } from '../plugins/authentication';
import type { HolderPseudonyms } from '../pseudonyms/holderPseudonyms';
import { ProblemError } from '../errors/problemError';
import { answerPage, pageQueryProperties, pageRequestOf, pageResponse } from './viewPage';

const tags = ['views'];
const INSTANT = { type: 'string', minLength: 1, maxLength: 40, description: 'ISO 8601 instant with a zone' } as const;
const rangeQuery = { from: INSTANT, until: INSTANT, ...pageQueryProperties } as const;
const CREDIT_CODE = { type: 'string', minLength: 18, maxLength: 18 } as const;

const authorisationItem = {
  type: ['object', 'null'],
  properties: {
    authorisationId: { type: 'string' },
    grantorKind: { type: 'string' },
    grantor: { type: 'string' },
    provider: { type: 'string' },
    consumer: { type: 'string' },
    resourceCode: { type: 'string' },
    sharingClass: { type: 'string' },
    purpose: { type: 'string' },
    fields: { type: 'array', items: { type: 'string' } },
    validFrom: { type: 'string' },
    validUntil: { type: 'string' },
    useLimit: { type: 'integer' },
    grantedAt: { type: 'string' },
    grantedTx: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
    revocationReason: { type: ['string', 'null'] },
  },
} as const;

const exchangeItem = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['approved', 'reported'] },
    authorisationId: { type: 'string' },
    exchangeId: { type: 'string', description: "the approval's transaction id, or the provider's report id" },
    provider: { type: 'string' },
    consumer: { type: 'string' },
    resourceCode: { type: 'string' },
    purpose: { type: 'string' },
    fields: { type: 'array', items: { type: 'string' } },
    dataSubject: { type: ['string', 'null'], description: "the data subject's pseudonym" },
    exchangedAt: { type: 'string' },
    payloadDigest: { type: ['string', 'null'] },
    transactionId: { type: ['string', 'null'] },
    logOrigin: { type: ['string', 'null'] },
    leafIndex: { type: ['integer', 'null'] },
    covered: { type: 'boolean', description: 'whether a valid authorisation covered the exchange when it happened' },
    exception: {
      type: ['object', 'null'],
      description: 'the chaincode rule the exchange broke (a problem code), the field at fault and why',
      properties: { rule: { type: 'string' }, field: { type: 'string' }, detail: { type: 'string' } },
    },
    authorisation: authorisationItem,
  },
} as const;

/** Who the caller reads as: an auditor sees all; any other caller its own department's exchanges. */
function viewerOf(caller: Caller): SharingViewer {
  return caller.role === 'auditor' ? { kind: 'auditor' } : { kind: 'department', department: caller.department };
}

/**
 * The time range `[from, until)` of a query, in canonical form.
 * @throws {ProblemError} INPUT_TIME or INPUT_PERIOD naming the field
 */
function rangeOf(query: unknown): TimeRange {
  const { from, until } = query as { from: string; until: string };
  const instants = [['from', from], ['until', until]].map(([name, value]) => {
    const ms = parseInstant(value as string);
    if (ms === undefined) throw new ProblemError('INPUT_TIME', `querystring.${name}: expected an ISO 8601 instant with a zone`, { field: `querystring.${name}` });
    return ms;
  }) as [number, number];
  if (instants[1] <= instants[0]) throw new ProblemError('INPUT_PERIOD', 'querystring.until: must come after from', { field: 'querystring.until' });
  return { from: formatInstant(instants[0]), until: formatInstant(instants[1]) };
}

/** Registers the data-sharing view routes. */
export async function dataSharingViewRoutes(app: FastifyInstance, options: { views: SqliteCheckpointStore; pseudonyms: HolderPseudonyms }): Promise<void> {
  const { views, pseudonyms } = options;
  const range = (request: FastifyRequest): TimeRange => rangeOf(request.query);

  app.post('/views/data-subject-exchanges', {
    schema: {
      tags,
      summary: "Exchanges of a data subject's data over [from, until), approved and reported, each with its authorisation; the subject is named by identity number",
      body: { type: 'object', required: ['idNumber'], additionalProperties: false, properties: { idNumber: { type: 'string', minLength: 1, maxLength: 32 } } },
      querystring: { type: 'object', required: ['from', 'until'], additionalProperties: false, properties: rangeQuery },
      response: pageResponse(exchangeItem),
    },
  }, async (request) => {
    const viewer = viewerOf(callerOf(request));
    const within = range(request);
    const page = pageRequestOf(request.query);
    const subject = pseudonyms.of((request.body as { idNumber: string }).idNumber, 'idNumber');
    return answerPage(page, (requested) => views.query((db) => dataSharingQueries.bySubject(db, viewer, subject, within, requested)));
  });

  app.get('/views/data-resources/:resourceCode/exchanges', {
    schema: {
      tags,
      summary: 'Exchanges of a data resource over [from, until), approved and reported, each with its authorisation',
      params: { type: 'object', required: ['resourceCode'], properties: { resourceCode: { type: 'string', minLength: 1, maxLength: 64 } } },
      querystring: { type: 'object', required: ['from', 'until'], additionalProperties: false, properties: rangeQuery },
      response: pageResponse(exchangeItem),
    },
  }, async (request) => {
    const viewer = viewerOf(callerOf(request));
    const { resourceCode } = request.params as { resourceCode: string };
    const within = range(request);
    return answerPage(pageRequestOf(request.query), (page) => views.query((db) => dataSharingQueries.byResource(db, viewer, resourceCode, within, page)));
  });

  app.get('/views/department-exchanges', {
    schema: {
      tags,
      summary: 'Exchanges from a providing to a consuming department over [from, until), approved and reported, each with its authorisation',
      querystring: { type: 'object', required: ['provider', 'consumer', 'from', 'until'], additionalProperties: false, properties: { provider: CREDIT_CODE, consumer: CREDIT_CODE, ...rangeQuery } },
      response: pageResponse(exchangeItem),
    },
  }, async (request) => {
    const viewer = viewerOf(callerOf(request));
    const { provider, consumer } = request.query as { provider: string; consumer: string };
    const within = range(request);
    return answerPage(pageRequestOf(request.query), (page) => views.query((db) => dataSharingQueries.byDepartmentPair(db, viewer, provider, consumer, within, page)));
  });

  app.get('/views/exchange-exceptions', {
    schema: {
      tags,
      summary: 'Reported exchanges over [from, until) that no valid authorisation covered when they happened (expired, not yet valid, revoked, out of scope, over the use limit, unknown)',
      querystring: { type: 'object', required: ['from', 'until'], additionalProperties: false, properties: rangeQuery },
      response: pageResponse(exchangeItem),
    },
  }, async (request) => {
    const viewer = viewerOf(callerOf(request));
    const within = range(request);
    return answerPage(pageRequestOf(request.query), (page) => views.query((db) => dataSharingQueries.exceptions(db, viewer, within, page)));
  });
}
