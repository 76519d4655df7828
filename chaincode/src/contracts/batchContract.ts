/**
 * Several operations of one caller in one transaction. A department's gateway gathers the writes
 * that arrive while its previous transaction is in flight and sends them together, so the fixed
 * cost of a transaction (signatures, endorsement, ordering, validation) is paid once for many
 * records. Each item is judged alone, exactly as its own transaction would be: a refused item
 * writes and emits nothing and is reported in its place; the others commit.
 */
import { Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { SuiTrustContract } from '../ledger/suiTrustContract';
// A value import: decorator metadata must name the context class so fabric-contract-api skips it.
import { SuiTrustContext } from '../ledger/suiTrustContext';
import { canonicalJson } from '../ledger/canonicalJson';
import { Refusal, type RefusalBody } from '../rules/refusal';
import { CertificateContract } from './certificateContract';
import { EvidenceContract } from './evidenceContract';

/** Items a batch may hold at most. */
export const MAX_BATCH_ITEMS = 500;

type Operation = (ctx: SuiTrustContext, request: string) => Promise<string>;

const certificates = new CertificateContract();
const evidence = new EvidenceContract();

/**
 * The operations a batch may carry, as `<contract>:<transaction>`: those that neither mint ids
 * from the transaction id (an authorisation's or a credit event's id is its transaction's id)
 * nor read ranges or history, which would not see the batch's own writes.
 */
const BATCHABLE: Readonly<Record<string, Operation>> = {
  'evidence:notarise': (ctx, request) => evidence.notarise(ctx, request),
  'certificates:issue': (ctx, request) => certificates.issue(ctx, request),
  'certificates:recordUse': (ctx, request) => certificates.recordUse(ctx, request),
};

/** The operations a batch may carry. */
export const BATCHABLE_OPERATIONS: readonly string[] = Object.keys(BATCHABLE);

/**
 * The aggregate (event stream) a batch item's record belongs to, as its event names it: a
 * sender that puts at most one item per aggregate in a batch keeps every record's event the only
 * one of its aggregate in its transaction, so a proof of the record can name it unambiguously.
 * @param operation - `<contract>:<transaction>`
 * @param request - the item's request
 * @returns the aggregate id, or `undefined` for an operation or request it cannot tell
 */
export function batchItemAggregate(operation: string, request: Readonly<Record<string, unknown>>): string | undefined {
  const text = (field: string): string | undefined => (typeof request[field] === 'string' ? (request[field] as string) : undefined);
  if (operation === 'evidence:notarise') {
    const [algorithm, digest] = [text('algorithm'), text('digest')];
    return algorithm === undefined || digest === undefined ? undefined : `${algorithm}:${digest}`;
  }
  return operation === 'certificates:issue' || operation === 'certificates:recordUse' ? text('certificateId') : undefined;
}

/** One item's outcome, in the item's place. */
export type BatchItemResult = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly refusal: RefusalBody };

@Info({ title: 'Batch', description: "Several of one caller's operations in one transaction" })
export class BatchContract extends SuiTrustContract {
  constructor() {
    super('batch');
  }

  /**
   * Runs each item as its own operation would run, in order; later items see earlier items'
   * writes. Request: `{ items: [{ operation: "evidence:notarise", request: { … } }, …] }`.
   * Returns `{ results: [{ ok: true, result } | { ok: false, refusal: { rule, field, message } }] }`.
   */
  @Transaction()
  @Param('request', 'string', 'JSON { items: [{ operation, request }] }')
  @Returns('string')
  async submit(ctx: SuiTrustContext, request: string): Promise<string> {
    const items = parseItems(request);
    const results: BatchItemResult[] = [];
    for (const [index, item] of items.entries()) {
      try {
        const result = await ctx.batchItem(index, () => (BATCHABLE[item.operation] as Operation)(ctx, item.request));
        results.push({ ok: true, result: JSON.parse(result) as unknown });
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        results.push({ ok: false, refusal: { rule: error.rule, field: error.field, message: error.detail } });
      }
    }
    await ctx.commitBatch();
    return canonicalJson({ results });
  }
}

/** The batch's items, checked for shape; each item's own request is checked by its operation. */
function parseItems(request: string): { operation: string; request: string }[] {
  let body: unknown;
  try {
    body = JSON.parse(request);
  } catch {
    throw new Refusal('INPUT_JSON', '', 'the request is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refusal('INPUT_JSON', '', 'expected a JSON object');
  const unknown = Object.keys(body).find((key) => key !== 'items');
  if (unknown !== undefined) throw new Refusal('INPUT_UNKNOWN_FIELD', unknown, 'unknown field; allowed: items');
  const items = (body as { items?: unknown }).items;
  if (!Array.isArray(items)) throw new Refusal('INPUT_TYPE', 'items', 'expected an array of items');
  if (items.length === 0 || items.length > MAX_BATCH_ITEMS) throw new Refusal('INPUT_LENGTH', 'items', `a batch holds 1 to ${MAX_BATCH_ITEMS} items`);
  return items.map((item: unknown, index) => {
    const field = `items.${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Refusal('INPUT_TYPE', field, 'expected a JSON object');
    const unknownField = Object.keys(item).find((key) => key !== 'operation' && key !== 'request');
    if (unknownField !== undefined) throw new Refusal('INPUT_UNKNOWN_FIELD', `${field}.${unknownField}`, 'unknown field; allowed: operation, request');
    const { operation, request: itemRequest } = item as { operation?: unknown; request?: unknown };
    if (typeof operation !== 'string' || !Object.prototype.hasOwnProperty.call(BATCHABLE, operation)) {
      throw new Refusal('INPUT_ENUM', `${field}.operation`, `expected one of ${BATCHABLE_OPERATIONS.join(', ')}`);
    }
    if (typeof itemRequest !== 'object' || itemRequest === null || Array.isArray(itemRequest)) throw new Refusal('INPUT_TYPE', `${field}.request`, 'expected a JSON object');
    return { operation, request: JSON.stringify(itemRequest) };
  });
}
