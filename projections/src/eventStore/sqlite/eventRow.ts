/**
 * One row of `events` and its conversion to a {@link RecordedEvent}; every statement that reads
 * events selects {@link EVENT_COLUMNS} with 64-bit integers as `bigint` (`safeIntegers`).
 */
import type { EventMetadata, EventPayload, RecordedEvent } from '../eventData';

/** The columns every event read selects, in this order. */
export const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata, created';

/** A row of `events` as better-sqlite3 returns it with safe integers. */
export interface EventRow {
  readonly position: bigint;
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  /** JSON text, or the bytes as a `Buffer`. */
  readonly data: string | Buffer;
  readonly metadata: string | null;
  readonly created: bigint;
}

/**
 * Converts a row to a {@link RecordedEvent}: JSON parsed, bytes as a plain `Uint8Array` over the
 * row's buffer (no copy).
 * @param row - the row.
 * @returns the event.
 */
export function eventFromRow(row: EventRow): RecordedEvent {
  const data: EventPayload = typeof row.data === 'string' ? (JSON.parse(row.data) as EventPayload) : new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  return {
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    id: row.id,
    type: row.type,
    data,
    metadata: row.metadata === null ? undefined : (JSON.parse(row.metadata) as EventMetadata),
    created: new Date(Number(row.created)),
  };
}
