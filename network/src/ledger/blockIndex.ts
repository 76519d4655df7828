/**
 * The block store's in-memory indices, rebuilt from the segment files on open: block number →
 * where its record lies, header hash → number, transaction id → {@link TransactionLocation}.
 * They are what Fabric keeps in its block index LevelDB (`blkstorage/blockindex.go`); here the
 * files are the only durable state, so an index can never disagree with the blocks after a crash.
 */
import type { TransactionLocation } from './blockStore';
import type { BlockTransaction } from './blockTransactions';

/** Where a block's bytes lie. */
export interface BlockLocation {
  /** Index of the segment file. */
  readonly segment: number;
  /** Offset of the block's serialised bytes in the segment (just past the record header). */
  readonly bodyOffset: number;
  readonly bodyLength: number;
}

/** What {@link BlockIndex.add} records of a block. */
export interface IndexedBlock {
  readonly number: number;
  readonly location: BlockLocation;
  readonly headerHash: Uint8Array;
  readonly transactions: readonly BlockTransaction[];
}

/** The indices of one chain. */
export class BlockIndex {
  readonly #locations: BlockLocation[] = [];
  readonly #numberByHash = new Map<string, number>();
  readonly #transactions = new Map<string, TransactionLocation>();

  /** Number of blocks indexed. */
  get height(): number {
    return this.#locations.length;
  }

  /**
   * Indexes the next block. The first block to carry a transaction id keeps it: Fabric records a
   * later duplicate as invalid (DUPLICATE_TXID) and its index keeps the first as well.
   *
   * @param block - the block's number, location, header hash and transactions
   * @throws {RangeError} when the number is not the height (a bug of the caller)
   */
  add(block: Readonly<IndexedBlock>): void {
    if (block.number !== this.height) throw new RangeError(`block index: expected block ${this.height}, got ${block.number}`);
    this.#locations.push(block.location);
    this.#numberByHash.set(Buffer.from(block.headerHash).toString('hex'), block.number);
    block.transactions.forEach(({ txId, validationCode }, txIndex) => {
      if (txId !== '' && !this.#transactions.has(txId)) this.#transactions.set(txId, { blockNumber: block.number, txIndex, validationCode });
    });
  }

  /**
   * @param number - a block number
   * @returns where the block lies, or `undefined` when it is not indexed
   */
  location(number: number): BlockLocation | undefined {
    return Number.isInteger(number) ? this.#locations[number] : undefined;
  }

  /**
   * @param headerHash - a block header hash
   * @returns the number of the block with this hash, or `undefined`
   */
  numberOf(headerHash: Uint8Array): number | undefined {
    return this.#numberByHash.get(Buffer.from(headerHash).toString('hex'));
  }

  /**
   * @param txId - a transaction id
   * @returns where its first occurrence lies, or `undefined`
   */
  transaction(txId: string): TransactionLocation | undefined {
    return this.#transactions.get(txId);
  }
}
