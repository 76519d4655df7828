/**
 * The event-store seam: one small interface, implemented by the embedded SQLite store
 * (`sqliteEventStore.ts`, the default) and by KurrentDB (`kurrentEventStore.ts`). Every promise
 * it states is checked against both by one behaviour table, `eventStore.contract.ts`.
 *
 * The semantics follow KurrentDB's, where the two could differ:
 * - an append names its stream's expected state and is atomic for that stream;
 * - an append is idempotent when it is retried with the same event ids and the same exact
 *   expected revision (or `NO_STREAM`): it then succeeds without writing, with the revision the
 *   first attempt returned (KurrentDB recognises recent ids from a cache; on a conflict both
 *   adapters read the revisions the events would have taken and compare ids: `appendConflict.ts`);
 * - the global order is total, and a position bound of `readAll` or `subscribeToAll` is
 *   exclusive, a checkpoint.
 */
import type { CheckpointStore } from './checkpointStore';
import type { EventToAppend, RecordedEvent } from './eventData';
import type { ExpectedRevision } from './expectedRevision';
import type { Direction, Position, ReadPosition, ReadRevision } from './position';

/** Options of {@link EventStore.appendToStream}. */
export interface AppendOptions {
  /** The stream's expected state; `ANY` when omitted. Give an exact revision to be idempotent. */
  readonly expectedRevision?: ExpectedRevision;
}

/** The outcome of an append (or of an idempotent retry of one). */
export interface AppendResult {
  /** The revision of the stream's last appended event: the expected revision of the next append. */
  readonly nextExpectedRevision: bigint;
  /**
   * The append's global position: at or after its last event (exactly that event's position in
   * the embedded store; in KurrentDB the position the server reports for the append, and for a
   * recognised retry the last event's own position). A checkpoint at this position has seen the
   * append.
   */
  readonly position: Position;
}

/** One stream's part of {@link EventStore.appendMany}. */
export interface AppendRequest {
  /** The stream to append to. */
  readonly stream: string;
  /** Its events, at least one. */
  readonly events: readonly EventToAppend[];
  /** The stream's expected state; `ANY` when omitted. */
  readonly expectedRevision?: ExpectedRevision;
}

/** Options of {@link EventStore.readStream}. */
export interface ReadStreamOptions {
  /** First revision read (inclusive): `START` (the default forwards), `END` (the default backwards) or a revision. */
  readonly fromRevision?: ReadRevision;
  /** At most this many events; all when omitted. */
  readonly maxCount?: number;
  /** `FORWARDS` (the default) or `BACKWARDS`. */
  readonly direction?: Direction;
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** Read after this position (exclusive: a checkpoint); `START` when omitted; `END` reads nothing. */
  readonly fromPosition?: ReadPosition;
  /** At most this many events; {@link DEFAULT_READ_ALL_MAX_COUNT} when omitted. */
  readonly maxCount?: number;
}

/** The batch size of {@link EventStore.readAll} when the caller gives none. */
export const DEFAULT_READ_ALL_MAX_COUNT = 1000;

/** Options of {@link EventStore.subscribeToAll}. */
export interface SubscribeToAllOptions {
  /**
   * Deliver the events after this position (exclusive: a checkpoint); `START` (the default)
   * delivers everything, `END` only what is appended after the subscription starts.
   */
  readonly fromPosition?: ReadPosition;
}

/**
 * A catch-up subscription to the global order: an async iterable that first delivers the stored
 * events after its start position, then follows live appends, in order, each once. Iterate it
 * once. It ends when {@link EventSubscription.close} is called, when the loop leaves it (`break`,
 * `return`, a throw), or when its store is closed; a store fault ends it with an
 * {@link EventStoreError}. It does not resume by itself after a fault: resubscribe from the
 * checkpoint (the KurrentDB client reconnects, but does not resume a subscription).
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the subscription: a pending iteration step finishes with `done`. Idempotent. */
  close(): Promise<void>;
}

/**
 * An event store: streams of events with expected-revision appends, a global order that can be
 * read and followed, and processor checkpoints (see {@link CheckpointStore}).
 *
 * @example
 * ```ts
 * const store = eventStores.sqlite('.suitrust/events.db');
 * const events = batch.events.map((event, index) => ({ id: eventIdFor(txId, index), type: event.type, data: event.payload }));
 * await store.appendToStream(`certificate-${certificateId}`, events, { expectedRevision: NO_STREAM });
 * for await (const event of store.subscribeToAll({ fromPosition: (await store.readCheckpoint('audit')) ?? START })) {
 *   // …project event, then store the checkpoint (in the same transaction: withProcessingScope)
 * }
 * ```
 */
export interface EventStore extends CheckpointStore {
  /**
   * Appends events to one stream, atomically, if the stream is in the expected state; a retry of
   * an append already applied (same ids, same exact expected revision or `NO_STREAM`) succeeds
   * without writing, with the first attempt's revision and its last event's position.
   * @param stream - the stream's name: non-empty, not starting with `$`.
   * @param events - at least one event, ids distinct.
   * @param options - the expected revision (`ANY` when omitted).
   * @returns the stream's new revision and the append's global position.
   * @throws {WrongExpectedRevisionError} when the stream is not in the expected state and the
   *   events are not those already stored where they would have gone.
   * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_DUPLICATE_EVENT_ID`,
   *   `EVENT_STORE_APPEND_TOO_LARGE`, `EVENT_STORE_UNAVAILABLE`, `EVENT_STORE_CLOSED`…
   */
  appendToStream(stream: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult>;

  /**
   * Appends to several streams at once. The embedded store commits all of them in one
   * transaction or none. KurrentDB appends each stream atomically but not the set: requests to
   * different streams are pipelined (sent without waiting for each other), requests to one
   * stream go in order, and on a failure the others may have been written, so the caller retries
   * the whole batch, which is idempotent when every request has an exact expected revision.
   * @param requests - the appends, in order; several may name the same stream.
   * @returns one result per request, in order.
   * @throws {WrongExpectedRevisionError} for the first request in conflict (KurrentDB: after every
   *   request has settled).
   * @throws {EventStoreError} as {@link EventStore.appendToStream}.
   */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]>;

  /**
   * Reads one stream.
   * @param stream - the stream's name.
   * @param options - first revision, count and direction.
   * @returns its events in the direction asked; an empty array for a stream that does not exist.
   * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_UNAVAILABLE`, `EVENT_STORE_CLOSED`…
   */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Reads one batch of the global order, after a position.
   * @param options - the exclusive start position and the batch size.
   * @returns the events in global order, positions strictly increasing; fewer than `maxCount`
   *   (possibly none) at the end. Continue from the last event's position.
   * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_UNAVAILABLE`, `EVENT_STORE_CLOSED`…
   */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * The position of the last event in the global order, or `undefined` for an empty store: with
   * a checkpoint, how far a catch-up (a rebuild, say) still has to go.
   * @returns the last event's position.
   * @throws {EventStoreError} `EVENT_STORE_UNAVAILABLE`, `EVENT_STORE_CLOSED`…
   */
  headPosition(): Promise<Position | undefined>;

  /**
   * Subscribes to the global order: catch-up from a position, then live.
   * @param options - the exclusive start position.
   * @returns the subscription (an async iterable that can be closed).
   * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_CLOSED` (synchronously);
   *   store faults surface from the iteration.
   */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;

  /**
   * Closes the store: ends its subscriptions, waits for appends in flight, releases the database
   * or connection. Later calls fail with `EVENT_STORE_CLOSED`. Idempotent.
   */
  close(): Promise<void>;
}
