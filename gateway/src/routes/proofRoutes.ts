/**
 * Proof bundles over HTTP: `GET /proofs/transactions/:txId` answers the `ProofBundle` (version
 * {@link BUNDLE_VERSION}) of any SuiTrust transaction, and each record's `…/proof` route finds the
 * transaction that recorded the record (reading it through the chaincode as the caller, so the
 * chaincode's access rules and its `*_UNKNOWN` refusals apply) and answers that bundle, its claim
 * about the record. A bundle holds the claim read from the transaction's event batch, the ledger
 * proof attested by each organisation's peer, the trust anchors and the gateway's receipt, whose
 * digest is the suite's hash of the bundle's protobuf encoding without the receipt. Protobuf for
 * `Accept: application/x-protobuf`, canonical JSON otherwise; either way the response itself also
 * carries a `SuiTrust-Receipt` of its exact bytes. Evidence submitted in bulk, through the
 * transparency log, is answered with its log bundle (`logBundles.ts`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { suitrust } from '@suitrust/proto';
import { BUNDLE_VERSION } from '@suitrust/verifier';
import type { LedgerClient } from '../ledger/ledgerClient';
import { callerOf } from '../plugins/authentication';
import { ProblemError } from '../errors/problemError';
import type { LedgerProofSource } from '../proofs/ledgerProofSource';
import { PROTOBUF_MEDIA_TYPE, replyWithBundle } from '../proofs/bundleReply';
import type { LogBundles } from '../proofs/logBundles';
import { transactionClaim, type ClaimSubject } from '../proofs/transactionClaim';
import type { ReceiptSigner } from '../receipts/receiptSigner';

/** The media type of a bundle's protobuf encoding (`proofs/bundleReply.ts`). */
export { PROTOBUF_MEDIA_TYPE };

/** Options of the proof routes. */
export interface ProofRoutesOptions {
  readonly ledger: LedgerClient;
  readonly proofs: LedgerProofSource;
  /** The published trust anchors every bundle carries. */
  readonly trust: suitrust.proofs.v1.TrustAnchors;
  /** Signs the bundle's receipt; bundles carry none without it. */
  readonly receipts?: ReceiptSigner;
  /** Bundles of transparency-log records: evidence submitted in bulk is proved through the log. */
  readonly logBundles?: LogBundles;
}

const tags = ['proofs'];
const textParam = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const paramsOf = (names: readonly string[], maxLength = 128) => ({ type: 'object', required: names, properties: Object.fromEntries(names.map((name) => [name, textParam(maxLength)])) });
const description = `A ProofBundle: protobuf with Accept: ${PROTOBUF_MEDIA_TYPE}, canonical JSON otherwise. Check it offline with \`npm run verify -- BUNDLE --trust TRUST.json\` or at /verify.`;

/** Registers the proof bundle routes. */
export async function proofRoutes(app: FastifyInstance, options: ProofRoutesOptions): Promise<void> {
  const record = async (request: FastifyRequest, contract: string, transaction: string, args: string[]): Promise<unknown> => {
    const bytes = await options.ledger.evaluate({ identity: callerOf(request).identity, contract, transaction, args });
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  };

  const send = async (request: FastifyRequest, reply: FastifyReply, txId: string, subject: ClaimSubject): Promise<FastifyReply> => {
    const ledger = await options.proofs.prove(txId);
    const bundle = suitrust.proofs.v1.ProofBundle.create({ version: BUNDLE_VERSION, claim: transactionClaim(ledger, subject), ledger, trust: options.trust });
    return replyWithBundle(request, reply, bundle, options.receipts);
  };

  app.get('/proofs/transactions/:txId', {
    schema: { tags, summary: 'The proof bundle of a SuiTrust transaction', description, params: { type: 'object', required: ['txId'], properties: { txId: { type: 'string', pattern: '^[0-9a-f]{64}$' } } } },
  }, async (request, reply) => send(request, reply, (request.params as { txId: string }).txId, {}));

  app.get('/certificates/:certificateId/proof', { schema: { tags, summary: "The proof bundle of a certificate's issuance", description, params: paramsOf(['certificateId']) } }, async (request, reply) => {
    const { certificateId } = request.params as { certificateId: string };
    const certificate = await record(request, 'certificates', 'get', [certificateId]);
    return send(request, reply, text(member(certificate, 'issued', 'txId')), { recordId: certificateId, ...digestHint(member(certificate, 'contentDigest', 'algorithm')) });
  });

  app.get('/certificates/:certificateId/uses/:transactionId/proof', {
    schema: { tags, summary: 'The proof bundle of one use of a certificate (the transaction that recorded it, which a batch may share)', description, params: { type: 'object', required: ['certificateId', 'transactionId'], properties: { certificateId: textParam(128), transactionId: { type: 'string', pattern: '^[0-9a-f]{64}$' } } } },
  }, async (request, reply) => {
    const { certificateId, transactionId } = request.params as { certificateId: string; transactionId: string };
    const uses = await record(request, 'certificates', 'listUses', [certificateId]);
    const used = (Array.isArray(uses) ? (uses as unknown[]) : []).some((use) => member(use, 'used', 'txId') === transactionId);
    if (!used) throw new ProblemError('PROOF_TRANSACTION_UNKNOWN', `no use of certificate ${certificateId} was recorded by transaction ${transactionId}`, { field: 'params.transactionId' });
    // The claim is the transaction's event about this certificate: a batch holds at most one per
    // record (the gateway's group commit sees to it), so it is this use's, among the batch's others.
    return send(request, reply, transactionId, { recordId: certificateId });
  });

  app.get('/evidence/:algorithm/:digest/proof', { schema: { tags, summary: 'The proof bundle of notarised evidence, or of evidence submitted in bulk through the transparency log (its log bundle)', description, params: { type: 'object', required: ['algorithm', 'digest'], properties: { algorithm: textParam(16), digest: textParam(128) } } } }, async (request, reply) => {
    const { algorithm, digest } = request.params as { algorithm: string; digest: string };
    const evidence = await record(request, 'evidence', 'get', [algorithm, digest]).catch(async (error: unknown) => {
      // Evidence submitted in bulk went through the transparency log, not the evidence contract.
      const logged = error instanceof ProblemError && error.code === 'EVIDENCE_UNKNOWN' ? await options.logBundles?.ofEvidence(algorithm, digest) : undefined;
      if (!logged) throw error;
      return logged;
    });
    if (evidence instanceof suitrust.proofs.v1.ProofBundle) return replyWithBundle(request, reply, evidence, options.receipts);
    return send(request, reply, text(member(evidence, 'notarised', 'txId')), { recordId: `${algorithm}:${digest}` });
  });

  app.get('/authorisations/:authorisationId/proof', { schema: { tags, summary: "The proof bundle of an authorisation's grant", description, params: paramsOf(['authorisationId']) } }, async (request, reply) => {
    const { authorisationId } = request.params as { authorisationId: string };
    const authorisation = await record(request, 'authorisations', 'get', [authorisationId]);
    return send(request, reply, text(member(authorisation, 'granted', 'txId')), { recordId: authorisationId, ...digestHint(member(authorisation, 'consentDigest', 'algorithm')) });
  });

  app.get('/enterprises/:creditCode/credit-events/:eventId/proof', { schema: { tags, summary: 'The proof bundle of a recorded credit event', description, params: paramsOf(['creditCode', 'eventId']) } }, async (request, reply) => {
    const { creditCode, eventId } = request.params as { creditCode: string; eventId: string };
    // A credit event's id is the id of the transaction that recorded it (the credit contract).
    const history = await record(request, 'credit', 'getHistory', [creditCode, eventId]);
    const recorded = (Array.isArray(history) ? (history as unknown[]) : []).find((entry) => member(entry, 'txId') === eventId);
    return send(request, reply, eventId, { recordId: creditCode, ...digestHint(member(recorded, 'record', 'documentDigest', 'algorithm')) });
  });
}

/** The member at `path` of a record the chaincode returned, if there is one. */
function member(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function digestHint(algorithm: unknown): Pick<ClaimSubject, 'digestAlgorithm'> {
  return typeof algorithm === 'string' && algorithm !== '' ? { digestAlgorithm: algorithm } : {};
}
