/**
 * Events to and from the KurrentDB client's shapes: bytes become binary events
 * (`application/octet-stream`), JSON payloads JSON events, metadata JSON, ids pass unchanged.
 */
import type { EventData, JSONType, MetadataType } from '@kurrent/kurrentdb-client';
import type { EventMetadata, EventPayload, EventToAppend, RecordedEvent } from '../eventData';
import { fromKurrentPosition } from './kurrentPosition';
import type { KurrentApi } from './loadKurrentClient';

/** The fields of a KurrentDB recorded event this adapter reads (stream and `$all` reads alike). */
export interface KurrentRecorded {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position?: { readonly commit: bigint; readonly prepare: bigint } | undefined;
}

/**
 * The client's event for one of ours.
 * @param api - the loaded client.
 * @param event - a checked event.
 * @returns a binary event for bytes, a JSON event otherwise, with the same id.
 */
export function toKurrentEvent(api: KurrentApi, event: EventToAppend): EventData {
  const metadata = event.metadata as MetadataType | undefined;
  if (event.data instanceof Uint8Array) return api.binaryEvent({ id: event.id, type: event.type, data: event.data, metadata });
  return api.jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata });
}

function isJsonObject(value: unknown): value is EventMetadata {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * Our event for one the client read.
 * @param event - the client's recorded event.
 * @returns the event; bytes as a plain `Uint8Array`, metadata `undefined` unless a JSON object.
 * @throws {EventStoreError} `EVENT_STORE_FAILURE` when the server reported no position.
 */
export function fromKurrentEvent(event: KurrentRecorded): RecordedEvent {
  const data = event.data instanceof Uint8Array ? new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength) : (event.data as EventPayload);
  return {
    stream: event.streamId,
    revision: event.revision,
    position: fromKurrentPosition(event.position),
    id: event.id,
    type: event.type,
    data,
    metadata: isJsonObject(event.metadata) ? event.metadata : undefined,
    created: event.created,
  };
}
