/**
 * The one error class of the block store. A {@link BlockStoreError} carries a stable string
 * {@link BlockStoreError.code} that callers branch on and, when one is concerned, the block's
 * number; the message is for people and names the file and offset when the disk is at fault.
 */

/** Stable codes of {@link BlockStoreError}. */
export type BlockStoreErrorCode =
  /** `append` was given a block whose number is not the store's height. */
  | 'BLOCK_STORE_OUT_OF_ORDER'
  /** `append` was given a block whose previous_hash is not the last block's header hash. */
  | 'BLOCK_STORE_PREVIOUS_HASH_MISMATCH'
  /** `append` was given a block whose data_hash does not match its envelopes. */
  | 'BLOCK_STORE_DATA_HASH_MISMATCH'
  /** `append` was given a block without a header, or one too large to store. */
  | 'BLOCK_STORE_MALFORMED_BLOCK'
  /** Stored bytes fail their checksum or the hash chain anywhere but in the last record. */
  | 'BLOCK_STORE_CORRUPT'
  /** Another store, in this process or a live one, holds the directory. */
  | 'BLOCK_STORE_LOCKED'
  /** The store was closed. */
  | 'BLOCK_STORE_CLOSED'
  /** A write or sync failed earlier; what reached the disk is unknown until the store is reopened. */
  | 'BLOCK_STORE_FAILED';

/** Options of the {@link BlockStoreError} constructor. */
export interface BlockStoreErrorOptions {
  /** The stable code. */
  readonly code: BlockStoreErrorCode;
  /** The number of the block concerned, if any. */
  readonly blockNumber?: number;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * A refused append or a fault of the block store's files.
 *
 * @example
 * ```ts
 * try {
 *   await store.append(block);
 * } catch (err) {
 *   if (err instanceof BlockStoreError && err.code === 'BLOCK_STORE_OUT_OF_ORDER') resync(store.height);
 *   else throw err;
 * }
 * ```
 */
export class BlockStoreError extends Error {
  /** Stable machine-readable code. */
  readonly code: BlockStoreErrorCode;
  /** The number of the block concerned, if any. */
  readonly blockNumber: number | undefined;

  /**
   * @param message - human-readable description
   * @param options - the stable code, the block number and an optional cause
   */
  constructor(message: string, options: Readonly<BlockStoreErrorOptions>) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = BlockStoreError.name;
    this.code = options.code;
    this.blockNumber = options.blockNumber;
  }
}
