/**
 * One refusal the chaincode must give through fabric-gateway: who asks, which transaction with
 * which arguments, and the rule and field the client must read in the error details.
 */
import type { RuleCode } from '@suitrust/chaincode';
import type { ConformanceFixture } from '../conformanceFixture';
import type { LedgerWorld } from '../ledgerWorld';

/** What a case's arguments may draw on. */
export interface RefusalContext {
  readonly fixture: ConformanceFixture;
  readonly world: LedgerWorld;
}

/** A refusal scenario. */
export interface RefusalCase {
  readonly rule: RuleCode;
  readonly field: string;
  /** The profile identity that asks (see {@link ConformanceFixture.network}). */
  readonly identity: string;
  readonly contract: string;
  readonly transaction: string;
  /**
   * `submit`: a transaction, refused at endorsement (and also evaluated, so both wordings are
   * checked); `evaluate`: a query, refused at evaluation.
   */
  readonly kind: 'submit' | 'evaluate';
  /** The transaction's arguments, built from the run's fixture and world. */
  readonly args: (context: RefusalContext) => Promise<readonly string[]> | readonly string[];
}

/** The arguments of a transaction that takes one JSON request. */
export const request = (body: unknown): readonly string[] => [typeof body === 'string' ? body : JSON.stringify(body)];
