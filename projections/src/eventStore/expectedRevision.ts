/**
 * Expected stream state: a closed set of named constants plus an exact revision, as KurrentDB's
 * `streamState` (and Emmett's `expectedVersion.ts`). Every store enforces every one of them: the
 * behaviour table in `eventStore.contract.ts` runs each constant against each implementation.
 *
 * The strings are KurrentDB's own, so the KurrentDB adapter passes them through unchanged.
 */

/** The stream must not exist yet: the append creates it (its first event gets revision 0). */
export const NO_STREAM: 'no_stream' = 'no_stream';
/** The stream must exist (hold at least one event), at whatever revision. */
export const STREAM_EXISTS: 'stream_exists' = 'stream_exists';
/** No check at all. Appends with `ANY` are not idempotent across stores: prefer an exact revision. */
export const ANY: 'any' = 'any';

/**
 * What the caller expects a stream to be before its append: one of {@link NO_STREAM},
 * {@link STREAM_EXISTS}, {@link ANY}, or the exact revision (`bigint`, ≥ 0) of the stream's last
 * event. Only `NO_STREAM` and an exact revision make an append idempotent (see `appendConflict.ts`).
 */
export type ExpectedRevision = typeof NO_STREAM | typeof STREAM_EXISTS | typeof ANY | bigint;

/** What a stream actually is: absent ({@link NO_STREAM}) or the revision of its last event. */
export type ActualRevision = typeof NO_STREAM | bigint;

/**
 * Whether a stream whose state is `actual` satisfies `expected`.
 * @param expected - the caller's expectation (already validated).
 * @param actual - the stream's state.
 * @returns `true` when an append may proceed.
 */
export function expectedRevisionMatches(expected: ExpectedRevision, actual: ActualRevision): boolean {
  switch (expected) {
    case ANY:
      return true;
    case NO_STREAM:
      return actual === NO_STREAM;
    case STREAM_EXISTS:
      return actual !== NO_STREAM;
    default:
      return actual === expected;
  }
}
