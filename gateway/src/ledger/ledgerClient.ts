/**
 * The gateway's seam to the ledger: submit and evaluate chaincode transactions as a named
 * identity. One implementation speaks Fabric's Gateway protocol through
 * `@hyperledger/fabric-gateway` to the embedded peer or a real network alike.
 */

import type { ChaincodeEventSource } from '@suitrust/projections';

/** A transaction to run, as one of the connection profile's identities. */
export interface LedgerRequest {
  /** The connection profile identity to act as (its certificate says who the caller is). */
  readonly identity: string;
  /** Contract name within the chaincode, e.g. `certificates`. */
  readonly contract: string;
  readonly transaction: string;
  readonly args: readonly string[];
}

/** A committed transaction. */
export interface Committed {
  readonly transactionId: string;
  readonly blockNumber: bigint;
  /** The chaincode's result (UTF-8 JSON for SuiTrust's contracts). */
  readonly result: Uint8Array;
}

/** A transaction endorsed and about to be sent to the orderer, as fabric-gateway serialises it. */
export interface PreparedTransaction {
  readonly transactionId: string;
  /** fabric-gateway's prepared-transaction bytes (`Gateway.newTransaction` reads them back). */
  readonly bytes: Uint8Array;
}

/** Options of {@link LedgerClient.submit}. */
export interface SubmitOptions {
  /**
   * Told of each attempt's transaction after endorsement and before it is sent to the orderer;
   * the attempt waits for it, so a durable record of the transaction id precedes any write.
   */
  readonly beforeSubmit?: (prepared: PreparedTransaction) => void | Promise<void>;
}

/** What became of a prepared transaction. */
export type Settlement =
  | { readonly ok: true; readonly committed: Committed }
  /** Recorded invalid; `retriable` when a fresh endorsement can cure it (MVCC, phantom read). */
  | { readonly ok: false; readonly transactionId: string; readonly validationCode: number; readonly retriable: boolean };

/** The ledger, as the gateway uses it. */
export interface LedgerClient {
  /**
   * Endorses, orders and waits for the commit of a transaction; retries MVCC conflicts.
   * @throws {ProblemError} the chaincode's refusal (its rule code), LEDGER_CONFLICT, LEDGER_INVALID or LEDGER_UNAVAILABLE
   */
  submit(request: LedgerRequest, options?: Readonly<SubmitOptions>): Promise<Committed>;
  /**
   * Finds the outcome of a transaction prepared earlier (by a process that may have crashed):
   * looked up on the ledger by id; when it is not there, the same transaction is sent again,
   * which is safe because validation refuses a second transaction with the same id.
   * @param identity - the identity that prepared it
   * @throws {ProblemError} LEDGER_UNAVAILABLE
   */
  settle(identity: string, prepared: PreparedTransaction): Promise<Settlement>;
  /**
   * Evaluates a transaction against committed state.
   * @throws {ProblemError} the chaincode's refusal or LEDGER_UNAVAILABLE
   */
  evaluate(request: LedgerRequest): Promise<Uint8Array>;
  /**
   * The chaincode's events as `identity` may read them, for the relay (fabric-gateway's
   * `Network.getChaincodeEvents` shape).
   */
  chaincodeEvents(identity: string): ChaincodeEventSource;
  /** Whether the ledger answers now (readiness). */
  ready(): Promise<boolean>;
  /** Closes connections. */
  close(): void;
}
