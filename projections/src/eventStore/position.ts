/**
 * Where reads start and which way they go. Global positions and stream revisions are `bigint`.
 *
 * A global {@link Position} orders every event of a store. In the embedded SQLite store it is
 * 1, 2, 3… with no gap. In KurrentDB it is the event's log position, a (commit, prepare) pair of
 * 64-bit numbers that the adapter packs into one `bigint` as `commit × 2⁶⁴ + prepare`: the packing
 * keeps KurrentDB's order, so positions compare with `<` in both stores and a checkpoint is one
 * number. Positions from different stores are never comparable.
 */

/** A global position in a store's total order (see the module comment for its two encodings). */
export type Position = bigint;

/** The beginning: of a stream (`readStream`) or of the global order (`readAll`, `subscribeToAll`). */
export const START: 'start' = 'start';
/** The end: the last event of a stream, or the current end of the global order. */
export const END: 'end' = 'end';

/**
 * A global read bound: {@link START}, {@link END}, or a {@link Position}. As a bound of `readAll`
 * and `subscribeToAll` a position is exclusive: it is a checkpoint, the last position already seen.
 */
export type ReadPosition = typeof START | typeof END | Position;

/** A stream read bound: {@link START}, {@link END}, or a revision (inclusive). */
export type ReadRevision = typeof START | typeof END | bigint;

/** Read a stream from low revisions to high ones. */
export const FORWARDS: 'forwards' = 'forwards';
/** Read a stream from high revisions to low ones. */
export const BACKWARDS: 'backwards' = 'backwards';

/** The direction of a stream read. */
export type Direction = typeof FORWARDS | typeof BACKWARDS;
