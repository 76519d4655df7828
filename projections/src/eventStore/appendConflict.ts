/**
 * What both stores do when an append is refused for its expected revision: decide whether it is
 * a retry of an append already applied, by reading the revisions its events would have taken and
 * comparing ids.
 *
 * KurrentDB recognises a retried append by itself only while its ids are in a cache of recent
 * ids; after that the retry fails with "wrong expected version" although its events are stored.
 * The embedded store has no cache at all. Both therefore resolve a refusal here, and an append is
 * idempotent, in every store and at any distance in time, when it is retried with the same ids
 * and the same exact expected revision (or `NO_STREAM`): the events stored at revisions
 * expected + 1 … expected + n are then exactly its events, in order. With `ANY` or
 * `STREAM_EXISTS` there are no such revisions to read, and a retry is not recognised.
 */
import type { EventToAppend, RecordedEvent } from './eventData';
import type { AppendResult, ReadStreamOptions } from './eventStore';
import { WrongExpectedRevisionError } from './eventStoreError';
import { type ActualRevision, type ExpectedRevision, NO_STREAM } from './expectedRevision';
import { FORWARDS } from './position';

/**
 * The stream read that returns the events stored where an append's events would have gone.
 * @param expectedRevision - the append's expected revision.
 * @param count - how many events it appends.
 * @returns the read (forwards from the first claimed revision, `count` events), or `undefined`
 *   for `ANY` and `STREAM_EXISTS`, which claim no particular revisions.
 */
export function claimedRevisions(expectedRevision: ExpectedRevision, count: number): Required<ReadStreamOptions> & { fromRevision: bigint } | undefined {
  if (expectedRevision === NO_STREAM) return { fromRevision: 0n, maxCount: count, direction: FORWARDS };
  if (typeof expectedRevision === 'bigint') return { fromRevision: expectedRevision + 1n, maxCount: count, direction: FORWARDS };
  return undefined;
}

/**
 * Whether `stored` are exactly `events`, by id and in order, and if so the append's result: the
 * stream's revision after it and its last event's position (what the first attempt returned in
 * the embedded store; KurrentDB's first attempt may have reported a later position, see
 * `AppendResult.position`).
 * @param events - the append's events.
 * @param stored - the events stored at the claimed revisions (forwards), or found by id.
 * @returns the append's result, or `undefined` when the ids differ in any place.
 */
export function alreadyAppended(events: readonly EventToAppend[], stored: readonly RecordedEvent[]): AppendResult | undefined {
  if (stored.length !== events.length) return undefined;
  for (let i = 0; i < events.length; i++) if (stored[i]?.id !== events[i]?.id) return undefined;
  const last = stored[stored.length - 1] as RecordedEvent;
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** What {@link resolveAppendConflict} needs to know about a refused append. */
export interface AppendConflict {
  /** The stream appended to. */
  readonly stream: string;
  /** The append's events. */
  readonly events: readonly EventToAppend[];
  /** The append's expected revision. */
  readonly expectedRevision: ExpectedRevision;
  /** The stream's state as the store reported it. */
  readonly actualRevision: ActualRevision;
  /** Reads the stream (the store's own `readStream`). */
  readonly readStream: (stream: string, options: ReadStreamOptions) => Promise<RecordedEvent[]>;
  /** The store's own error, kept as the `cause`. */
  readonly cause?: unknown;
}

/**
 * Resolves a refused append: its result (see {@link alreadyAppended}) when it was already
 * applied, a {@link WrongExpectedRevisionError} otherwise. (The embedded store runs the same two steps,
 * {@link claimedRevisions} and {@link alreadyAppended}, synchronously inside its transaction.)
 * @param conflict - the refused append and a way to read its stream.
 * @returns the append's result.
 * @throws {WrongExpectedRevisionError} when the events stored at the claimed revisions are not these.
 */
export async function resolveAppendConflict(conflict: Readonly<AppendConflict>): Promise<AppendResult> {
  const claimed = claimedRevisions(conflict.expectedRevision, conflict.events.length);
  if (claimed !== undefined && conflict.actualRevision !== NO_STREAM && conflict.actualRevision >= claimed.fromRevision) {
    const result = alreadyAppended(conflict.events, await conflict.readStream(conflict.stream, claimed));
    if (result !== undefined) return result;
  }
  throw new WrongExpectedRevisionError({
    stream: conflict.stream,
    expectedRevision: conflict.expectedRevision,
    actualRevision: conflict.actualRevision,
    cause: conflict.cause,
  });
}
