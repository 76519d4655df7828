/**
 * Processor checkpoints, stored compare-and-set on the previous value (Emmett's
 * `storeProcessorCheckpoint.ts`): a processor says which checkpoint it started from, and a store
 * that holds another one refuses, so two instances of one processor never overwrite each other's
 * progress. A refusal is an expected outcome, returned, not thrown: the processor stops.
 *
 * Exactly-once read models write their checkpoint in the same transaction as their data: the
 * embedded store's `withProcessingScope` (see `sqlite/processingScope.ts`) does that.
 */
import type { Position } from './position';

/** Options of {@link CheckpointStore.storeCheckpoint}. */
export interface StoreCheckpointOptions {
  /** The checkpoint the caller believes is stored: the previous position, or `null` for none. */
  readonly expected: Position | null;
}

/** The outcome of {@link CheckpointStore.storeCheckpoint}. */
export type StoreCheckpointResult =
  /** Stored: `checkpoint` is now the processor's checkpoint. */
  | { readonly ok: true; readonly checkpoint: Position }
  /** Refused: the stored checkpoint was `current`, not the expected one. Nothing was written. */
  | { readonly ok: false; readonly reason: 'MISMATCH'; readonly current: Position | null };

/** Where processors keep their positions in the global order. */
export interface CheckpointStore {
  /**
   * Reads a processor's checkpoint.
   * @param processorId - the processor's name (non-empty, at most 200 characters).
   * @returns the last stored position, or `null` when the processor has none.
   * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_UNAVAILABLE`, `EVENT_STORE_CLOSED`…
   */
  readCheckpoint(processorId: string): Promise<Position | null>;

  /**
   * Stores a processor's checkpoint if the stored one is still `options.expected`.
   * @param processorId - the processor's name.
   * @param position - the new checkpoint: the position of the last event processed.
   * @param options - the checkpoint the processor started from.
   * @returns `{ ok: true, checkpoint }`, or `{ ok: false, reason: 'MISMATCH', current }` when
   *   another value is stored (the processor must stop, not retry blindly).
   * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_UNAVAILABLE`, `EVENT_STORE_CLOSED`…
   */
  storeCheckpoint(processorId: string, position: Position, options: StoreCheckpointOptions): Promise<StoreCheckpointResult>;
}
