/**
 * Group commit for the ledger: the writes one identity sends while its earlier transactions are
 * in flight are gathered into one `batch:submit` transaction, so under load the fixed cost of a
 * Fabric transaction (four signatures and their checks, endorsement, ordering, validation, a
 * block write) is paid once for many records. At low load nothing waits: a write with nothing
 * ahead of it goes alone, as its own transaction.
 *
 * Each write keeps its own outcome: the chaincode judges every item as its own transaction would
 * (a refused item writes nothing and its caller gets the refusal) and the others commit. Only the
 * operations the chaincode lists as batchable are gathered; every other call passes straight
 * through, and so does a write with an idempotency key, which must know its own transaction.
 */
import { BATCHABLE_OPERATIONS, batchItemAggregate, type BatchItemResult } from '@suitrust/chaincode';
import { ProblemError } from '../errors/problemError';
import type { Committed, LedgerClient, LedgerRequest } from './ledgerClient';

/** Options of {@link coalescingLedgerClient}. */
export interface CoalescingOptions {
  /** Writes per batch transaction at most; 200 by default (the chaincode accepts up to 500). */
  readonly maxItems?: number;
  /** Transactions one identity has in flight before its writes queue; 4 by default. */
  readonly maxInFlight?: number;
}

interface PendingWrite {
  readonly operation: string;
  /** The record it writes (see the chaincode's `batchItemAggregate`). */
  readonly aggregate: string | undefined;
  readonly request: LedgerRequest;
  readonly body: object;
  readonly resolve: (committed: Committed) => void;
  readonly reject: (error: unknown) => void;
}

/** One identity's queue. */
interface Lane {
  readonly queue: PendingWrite[];
  inFlight: number;
}

const BATCHABLE = new Set(BATCHABLE_OPERATIONS);
const encoder = new TextEncoder();

/**
 * Wraps a LedgerClient so that an identity's concurrent batchable writes share transactions.
 * @param inner - the client that reaches the ledger
 * @param options - batch size and transactions in flight per identity
 * @returns a LedgerClient with the same contract as `inner`
 */
export function coalescingLedgerClient(inner: LedgerClient, options: Readonly<CoalescingOptions> = {}): LedgerClient {
  const maxItems = options.maxItems ?? 200;
  const maxInFlight = options.maxInFlight ?? 4;
  const lanes = new Map<string, Lane>();

  const pump = (identity: string, lane: Lane): void => {
    while (lane.inFlight < maxInFlight && lane.queue.length > 0) {
      const writes = takeBatch(lane.queue, maxItems);
      lane.inFlight++;
      void send(identity, writes).finally(() => {
        lane.inFlight--;
        if (lane.inFlight === 0 && lane.queue.length === 0) lanes.delete(identity);
        else pump(identity, lane);
      });
    }
  };

  const send = async (identity: string, writes: readonly PendingWrite[]): Promise<void> => {
    const [only] = writes;
    if (writes.length === 1 && only !== undefined) {
      await inner.submit(only.request).then(only.resolve, only.reject);
      return;
    }
    let committed: Committed;
    try {
      const items = writes.map((write) => ({ operation: write.operation, request: write.body }));
      committed = await inner.submit({ identity, contract: 'batch', transaction: 'submit', args: [JSON.stringify({ items })] });
    } catch (error) {
      for (const write of writes) write.reject(error);
      return;
    }
    const { results } = JSON.parse(Buffer.from(committed.result).toString('utf8')) as { results: BatchItemResult[] };
    writes.forEach((write, index) => {
      const outcome = results[index];
      if (outcome === undefined) write.reject(new ProblemError('INTERNAL', `the batch transaction returned no result for item ${index}`));
      else if (outcome.ok) write.resolve({ transactionId: committed.transactionId, blockNumber: committed.blockNumber, result: encoder.encode(JSON.stringify(outcome.result)) });
      else write.reject(new ProblemError(outcome.refusal.rule, outcome.refusal.message, { field: outcome.refusal.field }));
    });
  };

  return {
    submit(request, submitOptions) {
      // A write with an idempotency key records its own transaction before sending it
      // (beforeSubmit): it goes alone, so that transaction is exactly its own.
      if (submitOptions?.beforeSubmit !== undefined) return inner.submit(request, submitOptions);
      const operation = `${request.contract}:${request.transaction}`;
      const body = BATCHABLE.has(operation) && request.args.length === 1 ? jsonObject(request.args[0] as string) : undefined;
      if (body === undefined) return inner.submit(request, submitOptions);
      return new Promise<Committed>((resolve, reject) => {
        let lane = lanes.get(request.identity);
        if (lane === undefined) lanes.set(request.identity, (lane = { queue: [], inFlight: 0 }));
        lane.queue.push({ operation, aggregate: batchItemAggregate(operation, body as Record<string, unknown>), request, body, resolve, reject });
        pump(request.identity, lane);
      });
    },
    settle: (identity, prepared) => inner.settle(identity, prepared),
    evaluate: (request) => inner.evaluate(request),
    chaincodeEvents: (identity) => inner.chaincodeEvents(identity),
    ready: () => inner.ready(),
    close: () => inner.close(),
  };
}

/**
 * Takes up to `maxItems` writes from the head of the queue, at most one per record (aggregate):
 * a second write to a record already in the batch waits for the next, so each record's event is
 * the only one of its aggregate in its transaction and a proof names it unambiguously. Order
 * among writes to one record is kept.
 */
function takeBatch(queue: PendingWrite[], maxItems: number): PendingWrite[] {
  const taken: PendingWrite[] = [];
  const records = new Set<string>();
  for (let i = 0; i < queue.length && taken.length < maxItems; ) {
    const write = queue[i] as PendingWrite;
    const record = write.aggregate;
    if (record !== undefined && records.has(record)) {
      i++;
      continue;
    }
    if (record !== undefined) records.add(record);
    taken.push(write);
    queue.splice(i, 1);
  }
  return taken;
}

/** The argument as a JSON object, or `undefined` (it then goes alone and the chaincode judges it). */
function jsonObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
