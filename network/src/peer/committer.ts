/**
 * The committer: validates each ordered block, records the validation codes and the commit hash
 * in its metadata as Fabric's peer does, appends it durably to the block store, then applies the
 * valid transactions' writes to the world state and tells listeners. A commit is reported only
 * after the block is on stable storage.
 */
import { common, peer } from '@hyperledger/fabric-protos';
import type { BlockStore } from '../ledger/blockStore';
import type { WorldState } from '../ledger/worldState';
import { setMetadata } from '../orderer/blockSigning';
import type { TransactionValidation } from '../validation/blockValidator';
import type { ReadWriteLock } from './readWriteLock';

/** A committed block and what validation made of its transactions. */
export interface CommittedBlock {
  readonly block: common.Block;
  readonly number: number;
  readonly validations: readonly TransactionValidation[];
}

/** Options of {@link Committer}. */
export interface CommitterOptions {
  readonly blockStore: BlockStore;
  readonly state: WorldState;
  /** Taken for writing while a block's writes are applied. */
  readonly stateLock: ReadWriteLock;
  /** Validates a block's transactions against the committed state (and earlier ones of the block). */
  readonly validate: (block: common.Block) => Promise<TransactionValidation[]>;
  /** Computes the block's commit hash from the previous one (kvledger's chain of commit hashes). */
  readonly commitHash: (input: { previous: Uint8Array; filter: Uint8Array; validations: readonly TransactionValidation[]; blockNumber: number }) => Uint8Array;
  /** The last committed block's commit hash (empty before the first). */
  readonly previousCommitHash: Uint8Array;
}

/** Commits ordered blocks one at a time. */
export class Committer {
  readonly #options: CommitterOptions;
  readonly #listeners = new Set<(committed: CommittedBlock) => void>();
  #commitHash: Uint8Array;
  #committedHeight: number;

  constructor(options: Readonly<CommitterOptions>) {
    this.#options = options;
    this.#commitHash = options.previousCommitHash;
    // The world state given has been rebuilt from every block the store holds.
    this.#committedHeight = options.blockStore.height;
  }

  /**
   * Blocks whose writes are in the world state. A block is in the store a moment before; a
   * commit is reported only once its block is below this height, so a client that reads after
   * a reported commit sees its write, as Fabric guarantees.
   */
  get committedHeight(): number {
    return this.#committedHeight;
  }

  /** Registers a listener for every block committed from now on; returns its removal. */
  onCommit(listener: (committed: CommittedBlock) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Validates, stores and applies one block. */
  async commit(block: common.Block): Promise<CommittedBlock> {
    const number = block.getHeader()?.getNumber() ?? 0;
    const validations = await this.#options.validate(block);
    const filter = Uint8Array.from(validations.map((validation) => validation.code));
    setMetadata(block, common.BlockMetadataIndex.TRANSACTIONS_FILTER, filter);
    this.#commitHash = this.#options.commitHash({ previous: this.#commitHash, filter, validations: validations, blockNumber: number });
    const commitHashMetadata = new common.Metadata();
    commitHashMetadata.setValue(this.#commitHash);
    setMetadata(block, common.BlockMetadataIndex.COMMIT_HASH, commitHashMetadata.serializeBinary());

    await this.#options.blockStore.append(block);
    await this.#options.stateLock.write(() => applyWrites(this.#options.state, number, validations));
    this.#committedHeight = number + 1;
    const committed: CommittedBlock = { block, number, validations };
    for (const listener of this.#listeners) listener(committed);
    return committed;
  }
}

/** Applies the writes of a block's valid transactions, each at version (block, tx index). */
export async function applyWrites(state: WorldState, blockNumber: number, validations: readonly TransactionValidation[]): Promise<void> {
  for (const [txNum, validation] of validations.entries()) {
    if (validation.code !== peer.TxValidationCode.VALID || !validation.readWriteSet) continue;
    await state.commit({
      txId: validation.txId,
      version: { blockNum: blockNumber, txNum },
      timestamp: validation.timestamp ?? { seconds: 0, nanos: 0 },
      namespace: validation.readWriteSet.namespace,
      writes: validation.readWriteSet.writes,
    });
  }
}
