/**
 * Views of certificates from the read model (not the ledger): a certificate's status, uses of a certificate, uses of all
 * of a holder's certificates, uses per department, certificate type and day, and each department's
 * certificate-use rate. Every list is paged by cursor (see viewPage.ts). A holder is
 * named by resident identity number in a POST body (never in a URL, which logs keep), and only
 * its pseudonym is looked up.
 */
import type { FastifyInstance } from 'fastify';
import { certificateQueries, type SqliteCheckpointStore } from '@suitrust/projections';
import { callerOf } from '../plugins/authentication';
import type { HolderPseudonyms } from '../pseudonyms/holderPseudonyms';
import { isDateText } from '@suitrust/chaincode';
import { ProblemError } from '../errors/problemError';
import { answerPage, pageQueryProperties, pageRequestOf, pageResponse } from './viewPage';

const tags = ['views'];
const page = { type: 'object', additionalProperties: false, properties: pageQueryProperties } as const;
const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const useItem = {
  type: 'object',
  properties: {
    eventId: { type: 'string' },
    certificateId: { type: 'string' },
    typeCode: { type: 'string' },
    holderPseudonym: { type: 'string' },
    usingDepartment: { type: 'string' },
    matterCode: { type: 'string' },
    purpose: { type: 'string' },
    authorisationId: { type: ['string', 'null'] },
    day: { type: 'string' },
    transactionId: { type: 'string' },
  },
} as const;

/** Checks a day range `[from, to]`: real dates, `to` not before `from`. */
function dayRangeOf(query: unknown): { from: string; to: string } {
  const { from, to } = query as { from: string; to: string };
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!isDateText(value)) throw new ProblemError('INPUT_DATE', `querystring.${name}: ${value} is not a calendar date`, { field: `querystring.${name}` });
  }
  if (to < from) throw new ProblemError('REQUEST_SCHEMA', 'querystring.to: must not be before from (rule: order)', { field: 'querystring.to' });
  return { from, to };
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
    schema: { tags, summary: 'Every use of a certificate (read model)', params: { type: 'object', required: ['certificateId'], properties: { certificateId: { type: 'string', maxLength: 128 } } }, querystring: page, response: pageResponse(useItem) },
  }, async (request) => {
    callerOf(request);
    const { certificateId } = request.params as { certificateId: string };
    return answerPage(pageRequestOf(request.query), (pageRequest) => views.query((db) => certificateQueries.usesOfCertificate(db, certificateId, pageRequest)));
  });

  app.post('/views/holder-certificate-uses', {
    schema: {
      tags,
      summary: "Every use of all of a holder's certificates (read model); the holder is named by identity number",
      body: { type: 'object', required: ['idNumber'], additionalProperties: false, properties: { idNumber: { type: 'string', minLength: 1, maxLength: 32 } } },
      querystring: page,
      response: pageResponse(useItem),
    },
  }, async (request) => {
    callerOf(request);
    const { idNumber } = request.body as { idNumber: string };
    const pageRequest = pageRequestOf(request.query);
    const holder = pseudonyms.of(idNumber, 'idNumber');
    return answerPage(pageRequest, (requested) => views.query((db) => certificateQueries.usesOfHolder(db, holder, requested)));
  });

  app.get('/views/certificate-use-counts', {
    schema: {
      tags,
      summary: 'Uses per department, certificate type and day (China Standard Time) over [from, to]',
      querystring: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: DATE, to: DATE, ...pageQueryProperties } },
      response: pageResponse({
        type: 'object',
        properties: { usingDepartment: { type: 'string' }, typeCode: { type: 'string' }, day: { type: 'string' }, uses: { type: 'integer' } },
      }),
    },
  }, async (request) => {
    callerOf(request);
    const { from, to } = dayRangeOf(request.query);
    return answerPage(pageRequestOf(request.query), (pageRequest) => views.query((db) => certificateQueries.useCounts(db, from, to, pageRequest)));
  });

  app.get('/views/certificate-use-rates', {
    schema: {
      tags,
      summary: 'Certificate-use rate per department over the days [from, to] (China Standard Time)',
      description:
        'Matters in which the department used an electronic certificate, divided by the matters it reported it handled (POST /matters-handled). ' +
        'One matter is one distinct (department, day, matter code, holder) among its certificate uses; rate is null when the department reported no matters handled in the range.',
      querystring: {
        type: 'object',
        required: ['from', 'to'],
        additionalProperties: false,
        properties: { from: DATE, to: DATE, department: { type: 'string', minLength: 18, maxLength: 18 }, ...pageQueryProperties },
      },
      response: pageResponse({
        type: 'object',
        properties: {
          department: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          mattersHandled: { type: 'integer' },
          mattersUsingCertificates: { type: 'integer' },
          rate: { type: ['number', 'null'] },
        },
      }),
    },
  }, async (request) => {
    callerOf(request);
    const { from, to } = dayRangeOf(request.query);
    const { department } = request.query as { department?: string };
    return answerPage(pageRequestOf(request.query), (pageRequest) => views.query((db) => certificateQueries.useRates(db, from, to, department, pageRequest)));
  });
}
