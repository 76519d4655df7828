/**
 * The one error class of the transparency log and its storage. A {@link TransparencyLogError}
 * carries a stable string {@link TransparencyLogError.code} that callers branch on; the message
 * is for people and names the file, the sizes or the argument concerned. Refused proofs and
 * signatures are not errors: verifiers return tagged unions.
 */

/** Stable codes of {@link TransparencyLogError}. */
export type TransparencyLogErrorCode =
  /** An argument or option has the wrong type or form (the message names it and its value). */
  | 'LOG_INVALID_ARGUMENT'
  /** An index or tree size lies beyond the log's current size. */
  | 'LOG_OUT_OF_RANGE'
  /** Committed (acknowledged) data is missing or does not reproduce the committed root. */
  | 'LOG_CORRUPT'
  /** The directory holds another log: a different origin or hash algorithm. */
  | 'LOG_MISMATCH'
  /** Another open log, in this process or a live one, holds the directory. */
  | 'LOG_LOCKED'
  /** The log was closed. */
  | 'LOG_CLOSED'
  /** A write or sync failed earlier; what reached the disk is known only after reopening. */
  | 'LOG_FAILED';

/** Options of the {@link TransparencyLogError} constructor. */
export interface TransparencyLogErrorOptions {
  /** The stable code. */
  readonly code: TransparencyLogErrorCode;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * A refused call or a fault of the transparency log's files.
 *
 * @example
 * ```ts
 * try {
 *   proof = await log.inclusionProof(index, size);
 * } catch (err) {
 *   if (err instanceof TransparencyLogError && err.code === 'LOG_OUT_OF_RANGE') return notFound();
 *   throw err;
 * }
 * ```
 */
export class TransparencyLogError extends Error {
  /** Stable machine-readable code. */
  readonly code: TransparencyLogErrorCode;

  /**
   * @param message - human-readable description.
   * @param options - the stable code and an optional cause.
   */
  constructor(message: string, options: Readonly<TransparencyLogErrorOptions>) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = TransparencyLogError.name;
    this.code = options.code;
  }
}
