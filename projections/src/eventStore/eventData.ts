/**
 * The shape of events going into a store and coming out of it, the same for every store.
 */
import type { Position } from './position';

/**
 * A JSON payload: an object or an array, serialised with `JSON.stringify` and read back parsed.
 * (KurrentDB's JSON events are objects, arrays or strings; the scalar cases are left out so a
 * payload reads back as what was written in both stores.)
 */
export type JsonPayload = Readonly<Record<string, unknown>> | readonly unknown[];

/** An event's data: bytes (stored as they are, e.g. a protobuf) or a {@link JsonPayload}. */
export type EventPayload = Uint8Array | JsonPayload;

/** An event's metadata: a JSON object (correlation, causation, transaction id, block number…). */
export type EventMetadata = Readonly<Record<string, unknown>>;

/** An event to append. */
export interface EventToAppend {
  /**
   * The event's id: a UUID in canonical lower-case form. Derive it from what produced the event
   * with `eventIdFor(transactionId, index)`, so a retry carries the same ids and is recognised.
   */
  readonly id: string;
  /** The event type, e.g. `CertificateIssued`; must not start with `$` (reserved by KurrentDB). */
  readonly type: string;
  /** The payload; `Uint8Array` data reads back as `Uint8Array`, JSON as parsed JSON. */
  readonly data: EventPayload;
  /** Optional metadata. */
  readonly metadata?: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent {
  /** The stream it belongs to. */
  readonly stream: string;
  /** Its revision in that stream: 0 for the stream's first event, then 1, 2… */
  readonly revision: bigint;
  /** Its position in the store's global order (see `position.ts`). */
  readonly position: Position;
  /** Its id, as appended. */
  readonly id: string;
  /** Its type, as appended. */
  readonly type: string;
  /** Its payload: `Uint8Array` for bytes, parsed JSON otherwise. */
  readonly data: EventPayload;
  /** Its metadata, or `undefined` when none was appended. */
  readonly metadata: EventMetadata | undefined;
  /** When the store wrote it (the store's clock; never used for ordering). */
  readonly created: Date;
}
