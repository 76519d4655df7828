/**
 * The peer's block store: the ledger itself. Blocks are appended in order and are durable when
 * `append` resolves, so a commit reported after it survives any crash; everything else the peer
 * keeps (world state, history, indices) is derived from the blocks and rebuilt from them.
 */
import type { common } from '@hyperledger/fabric-protos';

/** Where a transaction lies in the chain, and how its block's validation judged it. */
export interface TransactionLocation {
  readonly blockNumber: number;
  readonly txIndex: number;
  /** `peer.TxValidationCode` from the block's TRANSACTIONS_FILTER metadata. */
  readonly validationCode: number;
}

/** Summary of the chain, as qscc's GetChainInfo reports it. */
export interface ChainInfo {
  readonly height: number;
  /** Header hash of the last block (empty when there is none). */
  readonly currentBlockHash: Uint8Array;
  /** Its previous-hash field (empty when there is none). */
  readonly previousBlockHash: Uint8Array;
}

/** An append-only, crash-safe store of one channel's blocks. */
export interface BlockStore {
  /** Number of blocks held; the next block's number. */
  readonly height: number;
  /** The chain summary. */
  chainInfo(): ChainInfo;
  /**
   * Appends the next block, durably: when this resolves the block is on stable storage.
   * @throws {Error} when the block's number is not `height`, its previous hash is not the last
   *   block's header hash, or its data hash does not match its envelopes
   */
  append(block: common.Block): Promise<void>;
  /** The block with this number, or `undefined`. */
  blockByNumber(number: number): Promise<common.Block | undefined>;
  /** The block whose header hashes to `hash`, or `undefined`. */
  blockByHash(hash: Uint8Array): Promise<common.Block | undefined>;
  /** Where the first transaction with this id was recorded, or `undefined`. */
  transactionLocation(txId: string): TransactionLocation | undefined;
  /** Flushes and releases the files. */
  close(): Promise<void>;
}
