/**
 * Why a ledger proof could not be assembled. Codes are stable so callers can branch on them; a
 * message names the transaction or block, never key material.
 */

/** The stable codes of {@link LedgerProofError}. */
export type LedgerProofErrorCode =
  /** The channel holds no transaction with that id. */
  | 'TRANSACTION_NOT_FOUND'
  /** The requested later block is before the transaction's block or beyond the chain's height. */
  | 'BLOCK_OUT_OF_RANGE'
  /** A peer returned a block that is not the one asked for, or not a block. */
  | 'UNEXPECTED_BLOCK'
  /** A witness's peer committed the block differently from the peer the proof was read from. */
  | 'WITNESS_DISAGREES';

/** A proof that cannot be assembled. */
export class LedgerProofError extends Error {
  readonly code: LedgerProofErrorCode;

  /**
   * @param code - the stable code
   * @param message - what went wrong, naming the transaction or block
   * @param options - the underlying error, if any
   */
  constructor(code: LedgerProofErrorCode, message: string, options?: Readonly<{ cause?: unknown }>) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = LedgerProofError.name;
    this.code = code;
  }
}
