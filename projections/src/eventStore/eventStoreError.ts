/**
 * The one error family of the event stores. An {@link EventStoreError} carries a stable string
 * {@link EventStoreError.code} that callers branch on and the stream it concerns; a
 * {@link WrongExpectedRevisionError} adds the expected and actual revisions. Messages are for
 * people: they name streams and revisions, never event payloads.
 *
 * Expected outcomes are not errors: a checkpoint compare-and-set that loses returns
 * `{ ok: false, reason: 'MISMATCH' }` (see `checkpointStore.ts`).
 */
import type { ActualRevision, ExpectedRevision } from './expectedRevision';

/** Every code an {@link EventStoreError} may carry, in one list (documented in the README). */
export const eventStoreErrorCodes = [
  /** An append's expected revision did not hold and the append was not already applied. */
  'EVENT_STORE_WRONG_EXPECTED_REVISION',
  /** An event id is already stored elsewhere (another stream or revision). Embedded store only. */
  'EVENT_STORE_DUPLICATE_EVENT_ID',
  /** An argument is malformed: stream name, event id, type, payload, revision, count. */
  'EVENT_STORE_INVALID_ARGUMENT',
  /** The store refused an append for its size (KurrentDB's default maximum append is 1 MiB). */
  'EVENT_STORE_APPEND_TOO_LARGE',
  /** The stream was deleted or tombstoned (KurrentDB). */
  'EVENT_STORE_STREAM_DELETED',
  /** The store refused the credentials or the operation (KurrentDB). */
  'EVENT_STORE_ACCESS_DENIED',
  /** The store could not be reached, or did not answer in time: retrying may succeed. */
  'EVENT_STORE_UNAVAILABLE',
  /** The store was closed before or during the call. */
  'EVENT_STORE_CLOSED',
  /** The database file was written by a newer schema than this code knows. */
  'EVENT_STORE_SCHEMA_MISMATCH',
  /** Any other fault; `cause` holds the original error. */
  'EVENT_STORE_FAILURE',
] as const;

/** Stable codes of {@link EventStoreError}. */
export type EventStoreErrorCode = (typeof eventStoreErrorCodes)[number];

/** Options of the {@link EventStoreError} constructor. */
export interface EventStoreErrorOptions {
  /** The stable code. */
  readonly code: EventStoreErrorCode;
  /** The stream concerned, if any. */
  readonly stream?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * A fault raised by an event store.
 *
 * @example
 * ```ts
 * try {
 *   await store.appendToStream(stream, events, { expectedRevision });
 * } catch (err) {
 *   if (err instanceof EventStoreError && err.code === 'EVENT_STORE_UNAVAILABLE') return retryLater();
 *   throw err;
 * }
 * ```
 */
export class EventStoreError extends Error {
  /** Stable machine-readable code. */
  readonly code: EventStoreErrorCode;
  /** The stream concerned, when the operation had one. */
  readonly stream: string | undefined;

  /**
   * @param message - human-readable description; names streams and revisions, never payloads.
   * @param options - the stable code, the stream and the original error.
   */
  constructor(message: string, options: Readonly<EventStoreErrorOptions>) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = EventStoreError.name;
    this.code = options.code;
    this.stream = options.stream;
  }
}

/** Options of the {@link WrongExpectedRevisionError} constructor. */
export interface WrongExpectedRevisionErrorOptions {
  /** The stream appended to. */
  readonly stream: string;
  /** What the caller expected. */
  readonly expectedRevision: ExpectedRevision;
  /** What the stream was when the store refused the append. */
  readonly actualRevision: ActualRevision;
  /** The underlying error, if any (the KurrentDB client's). */
  readonly cause?: unknown;
}

/**
 * An append refused because the stream was not in the expected state, and whose events are not
 * the ones already stored where they would have gone (so it is a real conflict, not a retry).
 * Code `EVENT_STORE_WRONG_EXPECTED_REVISION`.
 */
export class WrongExpectedRevisionError extends EventStoreError {
  /** What the caller expected. */
  readonly expectedRevision: ExpectedRevision;
  /** What the stream was: `'no_stream'` or the revision of its last event. */
  readonly actualRevision: ActualRevision;

  /** @param options - stream, expected and actual revisions, and the original error. */
  constructor(options: Readonly<WrongExpectedRevisionErrorOptions>) {
    super(`stream ${JSON.stringify(options.stream)}: expected revision ${String(options.expectedRevision)}, actual ${String(options.actualRevision)}`, {
      code: 'EVENT_STORE_WRONG_EXPECTED_REVISION',
      stream: options.stream,
      cause: options.cause,
    });
    this.name = WrongExpectedRevisionError.name;
    this.expectedRevision = options.expectedRevision;
    this.actualRevision = options.actualRevision;
  }
}
