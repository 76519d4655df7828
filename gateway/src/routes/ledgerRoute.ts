/**
 * One helper for the routes that map a resource to a chaincode transaction: the caller acts as
 * its own identity, writes answer 201 (or 200) with the transaction's receipt and the recorded
 * record, reads answer the chaincode's JSON. Domain rules stay in the chaincode: route schemas
 * check shapes only, and the chaincode's refusals come back as problems with its rule code.
 * A write sent with an `Idempotency-Key` runs at most once per caller and key, and a retry gets
 * the first answer again, marked `Idempotent-Replayed: true`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
// Brings the OpenAPI members (tags, summary) into FastifySchema.
import type {} from '@fastify/swagger';
import type { Committed, LedgerClient } from '../ledger/ledgerClient';
import { callerOf } from '../plugins/authentication';
import type { StoredResponse } from '../idempotency/idempotencyStore';
import { idempotencyKeyOf } from '../idempotency/idempotencyKey';
import { requestFingerprint } from '../idempotency/requestFingerprint';
import { receiptFor } from '../plugins/receipts';

/** A route backed by one chaincode transaction. */
export interface LedgerRouteSpec {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly schema: FastifySchema;
  readonly contract: string;
  readonly transaction: string;
  /** The chaincode arguments, from the request. */
  readonly args: (request: FastifyRequest) => string[];
  /** Writes are submitted and committed; reads are evaluated. */
  readonly write: boolean;
  /** For writes that create a resource: its URL, from the committed record. */
  readonly location?: (record: Record<string, unknown>, request: FastifyRequest) => string;
}

/** What a committed write answers. */
export interface WriteReceipt {
  readonly transactionId: string;
  readonly blockNumber: string;
  readonly record: unknown;
}

/** The header a replayed write answers with. */
export const REPLAYED_HEADER = 'idempotent-replayed';

const idempotencyKeyHeader = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      description: 'Makes the write safe to retry: 8 to 128 letters, digits, - or _, unique per caller for 24 hours. A retry answers the first response again with Idempotent-Replayed: true.',
    },
  },
} as const;

const replayedHeader = {
  [REPLAYED_HEADER]: { type: 'string', enum: ['true'], description: 'Present when this is the stored answer to an earlier request with the same Idempotency-Key.' },
} as const;

/** A write's schema with the idempotency headers documented: the key it accepts, the replay mark it answers with. */
function writeSchema(schema: FastifySchema): FastifySchema {
  const responses = schema.response as Record<string, object> | undefined;
  return {
    ...schema,
    headers: idempotencyKeyHeader,
    ...(responses ? { response: Object.fromEntries(Object.entries(responses).map(([status, response]) => [status, { ...response, headers: replayedHeader }])) } : {}),
  };
}

/** Registers a ledger-backed route. */
export function ledgerRoute(app: FastifyInstance, ledger: LedgerClient, spec: LedgerRouteSpec): void {
  app.route({
    method: spec.method,
    url: spec.url,
    schema: spec.write ? writeSchema(spec.schema) : spec.schema,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const caller = callerOf(request);
      const ledgerRequest = { identity: caller.identity, contract: spec.contract, transaction: spec.transaction, args: spec.args(request) };
      if (!spec.write) return reply.type('application/json').send(Buffer.from(await ledger.evaluate(ledgerRequest)).toString('utf8'));
      const respond = (committed: Committed): StoredResponse => writeResponse(spec, request, committed);
      const key = idempotencyKeyOf(request);
      if (key === undefined) return send(reply, respond(await ledger.submit(ledgerRequest)));
      const { response, replayed } = await request.server.idempotentWrites.run({
        caller: caller.identity,
        key,
        fingerprint: requestFingerprint(request.method, request.url, ledgerRequest.args),
        request: ledgerRequest,
        instance: request.url.split('?')[0] ?? request.url,
        respond,
      });
      if (replayed) reply.header(REPLAYED_HEADER, 'true');
      return send(reply, response);
    },
  });
}

/** A committed write's answer: its receipt, 201 with the new resource's location or 200. */
function writeResponse(spec: LedgerRouteSpec, request: FastifyRequest, committed: Committed): StoredResponse {
  const record = JSON.parse(Buffer.from(committed.result).toString('utf8')) as Record<string, unknown>;
  const receipt: WriteReceipt = { transactionId: committed.transactionId, blockNumber: committed.blockNumber.toString(), record };
  const body = JSON.stringify(receipt);
  return spec.location ? { status: 201, location: spec.location(record, request), body, contentType: 'application/json' } : { status: 200, body, contentType: 'application/json' };
}

function send(reply: FastifyReply, response: StoredResponse): FastifyReply {
  if (response.location !== undefined) reply.header('location', response.location);
  // A write's answer, first or replayed, is signed with its transaction (the receipts plugin).
  if (response.status < 300) receiptFor(reply, (JSON.parse(response.body) as WriteReceipt).transactionId);
  return reply.status(response.status).type(response.contentType).send(response.body);
}

/** Schema fragments shared by the resource routes. */
export const schemas = {
  /** A write's response: the receipt of the committed transaction. */
  receipt: {
    type: 'object',
    required: ['transactionId', 'blockNumber', 'record'],
    properties: { transactionId: { type: 'string' }, blockNumber: { type: 'string' }, record: { type: 'object', additionalProperties: true } },
  },
  digest: { type: 'object', required: ['algorithm', 'value'], additionalProperties: false, properties: { algorithm: { type: 'string' }, value: { type: 'string' } } },
  reason: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 512 } } },
  /** A piece of evidence, notarised alone (`POST /evidence`) or in bulk through the log (`POST /evidence/bulk`). */
  evidence: {
    type: 'object',
    required: ['algorithm', 'digest'],
    additionalProperties: false,
    properties: {
      algorithm: { type: 'string' },
      digest: { type: 'string' },
      caseReference: { type: 'string' },
      provenance: { type: 'object', additionalProperties: false, properties: { source: { type: 'string' }, method: { type: 'string' }, witness: { type: 'string' } } },
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
} as const;
