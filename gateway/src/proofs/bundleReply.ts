/**
 * How every proof route answers a bundle: the gateway's receipt inside the bundle (its digest the
 * suite's hash of the bundle's protobuf encoding without the receipt), the response's own
 * `SuiTrust-Receipt`, and content negotiation: protobuf for `Accept: application/x-protobuf`,
 * canonical JSON otherwise.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { suitrust } from '@suitrust/proto';
import { receiptFor } from '../plugins/receipts';
import type { ReceiptSigner } from '../receipts/receiptSigner';
import { proofJson } from './proofJson';

/** The media type of a bundle's protobuf encoding. */
export const PROTOBUF_MEDIA_TYPE = 'application/x-protobuf';

/**
 * Signs a bundle's receipt and sends the bundle.
 *
 * @param request - the request answered
 * @param reply - its reply
 * @param bundle - the bundle, without a receipt; its ledger proof's transaction is the one the receipts name
 * @param receipts - the receipt key; the bundle carries no receipt without it
 * @returns the reply
 */
export function replyWithBundle(request: FastifyRequest, reply: FastifyReply, bundle: suitrust.proofs.v1.ProofBundle, receipts: ReceiptSigner | undefined): FastifyReply {
  const txId = bundle.ledger?.txId ?? '';
  if (receipts) bundle.receipt = receipts.sign({ requestId: request.id, txId, body: suitrust.proofs.v1.ProofBundle.encode(bundle).finish(), issuedAt: new Date() });
  receiptFor(reply, txId);
  reply.header('vary', 'Accept');
  if ((request.headers.accept ?? '').includes(PROTOBUF_MEDIA_TYPE)) return reply.type(PROTOBUF_MEDIA_TYPE).send(Buffer.from(suitrust.proofs.v1.ProofBundle.encode(bundle).finish()));
  return reply.type('application/json').send(proofJson(suitrust.proofs.v1.ProofBundle, bundle));
}
