/**
 * Blocks from a given number onward: first those already in the store, then each one as it is
 * committed, without gap or duplicate, for deliver streams and chaincode-event streams.
 */
import type { common } from '@hyperledger/fabric-protos';
import type { BlockStore } from '../ledger/blockStore';
import type { Committer } from './committer';

/** Options of {@link blocksFrom}. */
export interface BlockStreamOptions {
  readonly blockStore: BlockStore;
  readonly committer: Committer;
  /** The first block to yield. */
  readonly start: number;
  /** Stops the stream when aborted. */
  readonly signal: AbortSignal;
}

/** Yields blocks in order from `start`, waiting for new commits; ends when `signal` aborts. */
export async function* blocksFrom(options: Readonly<BlockStreamOptions>): AsyncGenerator<common.Block> {
  let next = options.start;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const unsubscribe = options.committer.onCommit(notify);
  options.signal.addEventListener('abort', notify, { once: true });
  try {
    while (!options.signal.aborted) {
      if (next < options.blockStore.height) {
        const block = await options.blockStore.blockByNumber(next);
        if (!block) throw new Error(`block ${next} is missing from the block store`);
        next += 1;
        yield block;
        continue;
      }
      // Subscribed before the height was read, so a commit in between still wakes us.
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (next < options.blockStore.height || options.signal.aborted) notify();
      });
    }
  } finally {
    unsubscribe();
    options.signal.removeEventListener('abort', notify);
  }
}
