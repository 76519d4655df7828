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

/** The ledger, as the gateway uses it. */
export interface LedgerClient {
  /**
   * Endorses, orders and waits for the commit of a transaction; retries MVCC conflicts.
   * @throws {ProblemError} the chaincode's refusal (its rule code), LEDGER_CONFLICT, LEDGER_INVALID or LEDGER_UNAVAILABLE
   */
  submit(request: LedgerRequest): Promise<Committed>;
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
