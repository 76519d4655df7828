/**
 * Maps the KurrentDB client's command errors to the event stores' error family, by the client's
 * own `type` tags.
 */
import type { ErrorType } from '@kurrent/kurrentdb-client';
import { EventStoreError, type EventStoreErrorCode } from '../eventStoreError';

const codes: Partial<Record<`${ErrorType}`, EventStoreErrorCode>> = {
  unavailable: 'EVENT_STORE_UNAVAILABLE',
  timeout: 'EVENT_STORE_UNAVAILABLE',
  'deadline-exceeded': 'EVENT_STORE_UNAVAILABLE',
  'not-leader': 'EVENT_STORE_UNAVAILABLE',
  'maximum-append-size-exceeded': 'EVENT_STORE_APPEND_TOO_LARGE',
  'append-record-size-exceeded': 'EVENT_STORE_APPEND_TOO_LARGE',
  'transaction-max-size-exceeded': 'EVENT_STORE_APPEND_TOO_LARGE',
  'stream-deleted': 'EVENT_STORE_STREAM_DELETED',
  'stream-tombstoned': 'EVENT_STORE_STREAM_DELETED',
  'access-denied': 'EVENT_STORE_ACCESS_DENIED',
  'invalid-argument': 'EVENT_STORE_INVALID_ARGUMENT',
};

/**
 * The client's error tag, if it has one.
 * @param error - what the client threw.
 * @returns its `type` (`'wrong-expected-version'`, `'stream-not-found'`…), or `undefined`.
 */
export function kurrentErrorType(error: unknown): string | undefined {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

/**
 * The {@link EventStoreError} for what the client threw.
 * @param error - what was thrown.
 * @param stream - the stream concerned, if any.
 * @returns `error` itself when already an {@link EventStoreError}, else a mapped error with
 *   `error` as its cause (`EVENT_STORE_FAILURE` when the tag has no mapping).
 */
export function kurrentFault(error: unknown, stream?: string): EventStoreError {
  if (error instanceof EventStoreError) return error;
  const code = codes[kurrentErrorType(error) as `${ErrorType}`] ?? 'EVENT_STORE_FAILURE';
  const detail = error instanceof Error ? error.message : String(error);
  return new EventStoreError(`KurrentDB${stream === undefined ? '' : ` (stream ${JSON.stringify(stream)})`}: ${detail}`, { code, stream, cause: error });
}
