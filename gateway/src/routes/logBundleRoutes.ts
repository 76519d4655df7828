/**
 * `GET /log/records/:leafIndex/bundle`: the proof bundle of a transparency-log record (a
 * reported exchange or bulk evidence), which `verify` and the `/verify` page check offline: the
 * record as the claim, its inclusion in the latest anchored checkpoint, and the ledger proof of
 * the anchoring transaction (`proofs/logBundles.ts`). A record beyond the latest anchor is
 * answered LOG_RECORD_NOT_ANCHORED (409); ask again after the next anchor.
 */
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../plugins/authentication';
import { replyWithBundle, PROTOBUF_MEDIA_TYPE } from '../proofs/bundleReply';
import type { LogBundles } from '../proofs/logBundles';
import type { ReceiptSigner } from '../receipts/receiptSigner';

/** Options of {@link logBundleRoutes}. */
export interface LogBundleRoutesOptions {
  readonly bundles: LogBundles;
  /** Signs the bundle's receipt; bundles carry none without it. */
  readonly receipts?: ReceiptSigner;
}

/** Registers the log record bundle route. */
export async function logBundleRoutes(app: FastifyInstance, options: Readonly<LogBundleRoutesOptions>): Promise<void> {
  app.get('/log/records/:leafIndex/bundle', {
    schema: {
      tags: ['transparency log', 'proofs'],
      summary: 'The proof bundle of a log record: the record, its inclusion in the latest anchored checkpoint, and the ledger proof of the anchor',
      description: `A ProofBundle: protobuf with Accept: ${PROTOBUF_MEDIA_TYPE}, canonical JSON otherwise. Check it offline with \`npm run verify -- BUNDLE --trust TRUST.json\` or at /verify. 409 LOG_RECORD_NOT_ANCHORED before the next anchor covers the record.`,
      // A size or index in a URL: decimal, at most 2^53 − 1 (the gateway's ajv does not coerce types).
      params: { type: 'object', required: ['leafIndex'], properties: { leafIndex: { type: 'string', pattern: '^(0|[1-9][0-9]{0,14})$' } } },
    },
  }, async (request, reply) => {
    callerOf(request);
    const leafIndex = Number((request.params as { leafIndex: string }).leafIndex);
    return replyWithBundle(request, reply, await options.bundles.ofRecord(leafIndex), options.receipts);
  });
}
