/**
 * One helper for the routes that map a resource to a chaincode transaction: the caller acts as
 * its own identity, writes answer 201 (or 200) with the transaction's receipt and the recorded
 * record, reads answer the chaincode's JSON. Domain rules stay in the chaincode: route schemas
 * check shapes only, and the chaincode's refusals come back as problems with its rule code.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
// Brings the OpenAPI members (tags, summary) into FastifySchema.
import type {} from '@fastify/swagger';
import type { LedgerClient } from '../ledger/ledgerClient';
import { callerOf } from '../plugins/authentication';
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

/** Registers a ledger-backed route. */
export function ledgerRoute(app: FastifyInstance, ledger: LedgerClient, spec: LedgerRouteSpec): void {
  app.route({
    method: spec.method,
    url: spec.url,
    schema: spec.schema,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const caller = callerOf(request);
      const ledgerRequest = { identity: caller.identity, contract: spec.contract, transaction: spec.transaction, args: spec.args(request) };
      if (!spec.write) return reply.type('application/json').send(Buffer.from(await ledger.evaluate(ledgerRequest)).toString('utf8'));
      const committed = await ledger.submit(ledgerRequest);
      receiptFor(reply, committed.transactionId);
      const record = JSON.parse(Buffer.from(committed.result).toString('utf8')) as Record<string, unknown>;
      const receipt: WriteReceipt = { transactionId: committed.transactionId, blockNumber: committed.blockNumber.toString(), record };
      if (spec.location) reply.header('location', spec.location(record, request)).status(201);
      return reply.send(receipt);
    },
  });
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
} as const;
