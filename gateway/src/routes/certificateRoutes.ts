/**
 * Certificates: issue, status changes, uses, verification, the record, its history and uses;
 * and each department's daily count of matters handled (the certificate-use rate's denominator).
 * A holder is named by resident identity number, which becomes a keyed pseudonym here and never
 * reaches the ledger.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LedgerClient } from '../ledger/ledgerClient';
import type { HolderPseudonyms } from '../pseudonyms/holderPseudonyms';
import { ledgerRoute, schemas } from './ledgerRoute';

type Params = { certificateId: string };
const idParams = { type: 'object', required: ['certificateId'], properties: { certificateId: { type: 'string', minLength: 1, maxLength: 128 } } } as const;
const tags = ['certificates'];

/** Registers the certificate routes. */
export async function certificateRoutes(app: FastifyInstance, options: { ledger: LedgerClient; pseudonyms: HolderPseudonyms }): Promise<void> {
  const { ledger, pseudonyms } = options;
  const params = (request: FastifyRequest): Params => request.params as Params;

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/certificates',
    contract: 'certificates',
    transaction: 'issue',
    write: true,
    schema: {
      tags,
      summary: 'Issue a certificate (issuer of an authorised department)',
      body: {
        type: 'object',
        required: ['certificateId', 'holder', 'contentDigest', 'validFrom'],
        additionalProperties: false,
        properties: {
          certificateId: { type: 'string' },
          holder: { type: 'object', required: ['idNumber'], additionalProperties: false, properties: { idNumber: { type: 'string', minLength: 1, maxLength: 32 } } },
          contentDigest: schemas.digest,
          validFrom: { type: 'string' },
          validUntil: { type: 'string' },
          previousCertificateId: { type: 'string' },
        },
      },
      response: { 201: schemas.receipt },
    },
    args: (request) => {
      const { holder, ...body } = request.body as { holder: { idNumber: string } } & Record<string, unknown>;
      return [JSON.stringify({ ...body, holderPseudonym: pseudonyms.of(holder.idNumber, 'holder.idNumber') })];
    },
    location: (record) => `/certificates/${encodeURIComponent(String(record['certificateId']))}`,
  });

  for (const [path, transaction, summary] of [
    ['suspension', 'suspend', 'Suspend a valid certificate (issuing department)'],
    ['reinstatement', 'reinstate', 'Reinstate a suspended certificate (issuing department)'],
    ['revocation', 'revoke', 'Revoke a certificate, with a reason (issuing department)'],
    ['cancellation', 'cancel', 'Cancel a certificate (issuing department)'],
  ] as const) {
    ledgerRoute(app, ledger, {
      method: 'POST',
      url: `/certificates/:certificateId/${path}`,
      contract: 'certificates',
      transaction,
      write: true,
      schema: { tags, summary, params: idParams, body: schemas.reason, response: { 200: schemas.receipt } },
      args: (request) => [JSON.stringify({ certificateId: params(request).certificateId, ...(request.body as object) })],
    });
  }

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/certificates/:certificateId/uses',
    contract: 'certificates',
    transaction: 'recordUse',
    write: true,
    schema: {
      tags,
      summary: "Record a use of a certificate by the caller's department for an administrative matter",
      params: idParams,
      body: {
        type: 'object',
        required: ['matterCode', 'purpose'],
        additionalProperties: false,
        properties: {
          matterCode: { type: 'string' },
          purpose: { type: 'string' },
          authorisationId: { type: 'string' },
          annotation: { type: 'object', required: ['reason', 'expires'], additionalProperties: false, properties: { reason: { type: 'string' }, expires: { type: 'string' } } },
        },
      },
      response: { 201: schemas.receipt },
    },
    args: (request) => [JSON.stringify({ certificateId: params(request).certificateId, ...(request.body as object) })],
    location: (record, request) => `/certificates/${encodeURIComponent(params(request).certificateId)}/uses#${String((record['used'] as { txId: string }).txId)}`,
  });

  ledgerRoute(app, ledger, {
    method: 'POST',
    url: '/matters-handled',
    contract: 'certificates',
    transaction: 'reportMattersHandled',
    write: true,
    schema: {
      tags,
      summary: "Report how many matters the caller's department handled on a day (China Standard Time); a later report for the day replaces it",
      body: {
        type: 'object',
        required: ['day', 'mattersHandled'],
        additionalProperties: false,
        properties: { day: { type: 'string', description: 'YYYY-MM-DD' }, mattersHandled: { type: 'integer' } },
      },
      response: { 201: schemas.receipt },
    },
    args: (request) => [JSON.stringify(request.body)],
    location: (record) => `/views/certificate-use-rates?from=${String(record['day'])}&to=${String(record['day'])}&department=${String(record['department'])}`,
  });

  ledgerRoute(app, ledger, {
    method: 'GET',
    url: '/certificates/:certificateId/verification',
    contract: 'certificates',
    transaction: 'verify',
    write: false,
    schema: {
      tags,
      summary: 'Verify a certificate before acting on it: status now and whether the presented content matches',
      params: idParams,
      querystring: { type: 'object', required: ['contentDigest'], additionalProperties: false, properties: { contentDigest: { type: 'string', minLength: 1, maxLength: 128 } } },
    },
    args: (request) => [params(request).certificateId, (request.query as { contentDigest: string }).contentDigest],
  });

  for (const [suffix, transaction, summary] of [
    ['', 'get', 'The certificate record'],
    ['/history', 'getHistory', "Every version of the certificate's record"],
    ['/uses', 'listUses', 'Every recorded use of the certificate'],
  ] as const) {
    ledgerRoute(app, ledger, {
      method: 'GET',
      url: `/certificates/:certificateId${suffix}`,
      contract: 'certificates',
      transaction,
      write: false,
      schema: { tags, summary, params: idParams },
      args: (request) => [params(request).certificateId],
    });
  }
}
