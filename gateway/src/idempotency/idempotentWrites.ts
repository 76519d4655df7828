/**
 * Runs a ledger write at most once per (caller, idempotency key), across crashes of the whole
 * gateway process:
 *
 * 1. the key is claimed with the request's fingerprint (a different request under the key is
 *    refused 422, the same key still running here 409, a finished one replayed);
 * 2. each attempt's transaction id and endorsed bytes are recorded durably *before* the
 *    transaction is sent to the orderer (after the endorsement, which writes nothing, so that
 *    the record holds the very transaction a retry may need to send again);
 * 3. the response, success or final refusal, is recorded and replayed to every retry.
 *
 * A retry that finds a transaction recorded but no response (the gateway died between submit
 * and answer, or the ledger stopped answering) asks the ledger what became of that transaction
 * instead of writing again. A key whose request wrote nothing (transient failure before the
 * submit, or a conflict retried out) is released so a retry starts afresh.
 */
import type { Committed, LedgerClient, LedgerRequest } from '../ledger/ledgerClient';
import { ProblemError } from '../errors/problemError';
import type { IdempotencyStore, StoredResponse } from './idempotencyStore';

/** One write to run under a key. */
export interface IdempotentWrite {
  /** The caller's identity, which scopes the key. */
  readonly caller: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly request: LedgerRequest;
  /** The request path, the `instance` of a problem response. */
  readonly instance: string;
  /** The response to a committed transaction. */
  readonly respond: (committed: Committed) => StoredResponse;
}

/** A write's response, and whether it is a replay of an earlier one. */
export interface IdempotentOutcome {
  readonly response: StoredResponse;
  readonly replayed: boolean;
}

/** Runs writes at most once per key. */
export interface IdempotentWrites {
  /**
   * Runs `write`, or replays its earlier outcome.
   * @throws {ProblemError} IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_FLIGHT, or the write's own
   *   problem (a final one is also recorded and replayed)
   */
  run(write: Readonly<IdempotentWrite>): Promise<IdempotentOutcome>;
}

/** Options of {@link idempotentWrites}. */
export interface IdempotentWritesOptions {
  readonly store: IdempotencyStore;
  readonly ledger: LedgerClient;
  /** The clock keys expire by; `Date.now` by default. */
  readonly now?: () => number;
}

/** Idempotent writes over a store and a ledger, for one gateway process. */
export function idempotentWrites(options: Readonly<IdempotentWritesOptions>): IdempotentWrites {
  return new StoredIdempotentWrites(options);
}

class StoredIdempotentWrites implements IdempotentWrites {
  readonly #store: IdempotencyStore;
  readonly #ledger: LedgerClient;
  readonly #now: () => number;
  /** Keys being run by this process; one process serves a data directory. */
  readonly #running = new Set<string>();

  constructor(options: Readonly<IdempotentWritesOptions>) {
    this.#store = options.store;
    this.#ledger = options.ledger;
    this.#now = options.now ?? Date.now;
  }

  async run(write: Readonly<IdempotentWrite>): Promise<IdempotentOutcome> {
    const slot = `${write.caller}\n${write.key}`;
    if (this.#running.has(slot)) {
      throw new ProblemError('IDEMPOTENCY_KEY_IN_FLIGHT', 'a request with this idempotency key is still being processed; retry after it has finished', { field: 'Idempotency-Key' });
    }
    this.#running.add(slot);
    try {
      const claimed = this.#store.claim({ caller: write.caller, key: write.key, fingerprint: write.fingerprint, now: this.#now() });
      switch (claimed.kind) {
        case 'mismatch':
          throw new ProblemError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used for a different request (method, path or body); use a new key', { field: 'Idempotency-Key' });
        case 'replay':
          return { response: claimed.response, replayed: true };
        case 'new':
          return { response: await this.#submit(write), replayed: false };
        case 'unfinished': {
          if (!claimed.prepared) return { response: await this.#submit(write), replayed: false };
          const settled = await this.#ledger.settle(write.request.identity, { transactionId: claimed.prepared.transactionId, bytes: claimed.prepared.transactionBytes });
          if (settled.ok) return { response: this.#finish(write, write.respond(settled.committed)), replayed: false };
          if (settled.retriable) return { response: await this.#submit(write), replayed: false };
          const problem = new ProblemError('LEDGER_INVALID', `the ledger recorded the transaction with validation code ${settled.validationCode}`, { transactionId: settled.transactionId });
          this.#finish(write, problemResponse(problem, write.instance));
          throw problem;
        }
      }
    } finally {
      this.#running.delete(slot);
    }
  }

  async #submit(write: Readonly<IdempotentWrite>): Promise<StoredResponse> {
    let prepared = false;
    try {
      const committed = await this.#ledger.submit(write.request, {
        beforeSubmit: (transaction) => {
          this.#store.recordPrepared(write.caller, write.key, { transactionId: transaction.transactionId, transactionBytes: transaction.bytes });
          prepared = true;
        },
      });
      return this.#finish(write, write.respond(committed));
    } catch (error) {
      if (error instanceof ProblemError && isFinal(error)) this.#finish(write, problemResponse(error, write.instance));
      // Nothing reached the orderer, or every attempt was recorded invalid: a retry may start over.
      else if (!prepared || (error instanceof ProblemError && error.code === 'LEDGER_CONFLICT')) this.#store.release(write.caller, write.key);
      // Otherwise the outcome is unknown; the record stays for a retry to settle.
      throw error;
    }
  }

  #finish(write: Readonly<IdempotentWrite>, response: StoredResponse): StoredResponse {
    this.#store.recordResponse(write.caller, write.key, response);
    return response;
  }
}

/** A client error is the request's own answer (a refusal); a conflict retried out, or a 5xx, is not. */
function isFinal(problem: ProblemError): boolean {
  return problem.status < 500 && problem.code !== 'LEDGER_CONFLICT';
}

function problemResponse(problem: ProblemError, instance: string): StoredResponse {
  return { status: problem.status, body: JSON.stringify(problem.toProblem(instance)), contentType: 'application/problem+json' };
}
