/**
 * Signed receipts on responses: a route that answers about a ledger transaction (every committed
 * write, every proof bundle) names it with {@link receiptFor}, and this plugin signs, once the body
 * is serialised, a `Receipt` of the request id, the time, the suite's hash of the exact body bytes
 * and the transaction id. It travels in the `SuiTrust-Receipt` response header as base64 of its
 * protobuf, so bodies stay as they are; `verifyResponseReceipt` of `@suitrust/verifier` checks it
 * against the published trust list (`GET /trust`). Failed responses carry no receipt.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { suitrust } from '@suitrust/proto';
import { RECEIPT_HEADER } from '@suitrust/verifier';
import type { ReceiptSigner } from '../receipts/receiptSigner';

const transactions = new WeakMap<FastifyReply, string>();

/**
 * Asks for a receipt of this reply, about transaction `txId`.
 *
 * @param reply - the reply being answered
 * @param txId - the ledger transaction the response is about
 */
export function receiptFor(reply: FastifyReply, txId: string): void {
  transactions.set(reply, txId);
}

/** Options of the receipts plugin. */
export interface ReceiptsOptions {
  readonly signer: ReceiptSigner;
}

async function receiptsPlugin(app: FastifyInstance, options: ReceiptsOptions): Promise<void> {
  app.addHook('onSend', async (request, reply, payload) => {
    const txId = transactions.get(reply);
    if (txId === undefined || reply.statusCode >= 400) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) throw new Error(`a receipt needs the whole body; ${request.routeOptions.url ?? request.url} sent a stream`);
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    const receipt = options.signer.sign({ requestId: request.id, txId, body, issuedAt: new Date() });
    reply.header(RECEIPT_HEADER, Buffer.from(suitrust.proofs.v1.Receipt.encode(receipt).finish()).toString('base64'));
    return payload;
  });
}

/** The receipts plugin, applying to the whole application rather than an encapsulated scope. */
export const receipts = fp(receiptsPlugin, { name: 'suitrust-receipts', fastify: '5.x' });
