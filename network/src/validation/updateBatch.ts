/**
 * The state updates a block commits: for every key written by the block's VALID transactions,
 * the last write in block order, with the version (block number, index in block) of the
 * transaction that made it. This is Fabric 2.5's public update batch
 * (`core/ledger/kvledger/txmgmt/validation/validator.go` `validateAndPrepareBatch`, `types.go`
 * `applyWriteSet`, `statedb.UpdateBatch`: a map, so a later write replaces an earlier one, and a
 * delete is kept as an entry without a value).
 */
import { compareKeys, type Version } from '../ledger/version';
import type { ReadWriteSet } from '../ledger/txSimulator';

/** One entry of the update batch. */
export interface StateUpdate {
  readonly namespace: string;
  readonly key: string;
  /** The new value, or `null` for a delete. */
  readonly value: Uint8Array | null;
  /** The height of the transaction that wrote it. */
  readonly version: Version;
}

/** A transaction of the block as the batch needs it. */
export interface BatchTransaction {
  readonly txIndex: number;
  /** `peer.TxValidationCode`: only VALID (0) transactions contribute. */
  readonly code: number;
  readonly readWriteSet?: Pick<ReadWriteSet, 'namespace' | 'writes'>;
}

/**
 * Builds a block's update batch from its validation results.
 *
 * @param blockNumber - the block's number (the versions' `blockNum`)
 * @param transactions - the block's transactions with their codes, e.g. `validateBlock`'s results
 * @returns the updates sorted by namespace then key, in byte order, as Fabric sorts them
 * @example
 * ```ts
 * const updates = blockUpdates(blockNumber, await validateBlock(options));
 * const commitHash = computeCommitHash({ previous, transactionsFilter, writes: updates });
 * ```
 */
export function blockUpdates(blockNumber: number, transactions: readonly BatchTransaction[]): StateUpdate[] {
  const batch = new Map<string, Map<string, StateUpdate>>();
  for (const transaction of transactions) {
    if (transaction.code !== 0 || transaction.readWriteSet === undefined) continue;
    const { namespace, writes } = transaction.readWriteSet;
    let keys = batch.get(namespace);
    if (keys === undefined) batch.set(namespace, (keys = new Map()));
    for (const [key, value] of writes) {
      // An empty value is a delete, as Fabric's `IsKVWriteDelete` reads it.
      keys.set(key, { namespace, key, value: value === null || value.length === 0 ? null : value, version: { blockNum: blockNumber, txNum: transaction.txIndex } });
    }
  }
  return [...batch.values()].flatMap((keys) => [...keys.values()]).sort(compareUpdates);
}

/**
 * Fabric's order of updates: by namespace, then by key, both by their UTF-8 bytes.
 *
 * @param a - an update
 * @param b - another
 * @returns negative, zero or positive
 */
export function compareUpdates(a: Pick<StateUpdate, 'namespace' | 'key'>, b: Pick<StateUpdate, 'namespace' | 'key'>): number {
  return compareKeys(a.namespace, b.namespace) || compareKeys(a.key, b.key);
}
