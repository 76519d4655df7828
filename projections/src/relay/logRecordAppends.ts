/**
 * Turns transparency-log records (`suitrust.events.v1.LogRecord` leaves) into appends, with the
 * contract the data-sharing and evidence views consume:
 *
 * - stream `reported-exchange-<authorisationId>` or `logged-evidence-<digest>`;
 * - type: the LogRecord's oneof case (`exchangeReported`, `evidenceLogged`);
 * - data: the case's fields as {@link domainEventAppends} makes them (camelCase, longs as numbers,
 *   timestamps `{ seconds, nanos }`, defaults omitted);
 * - metadata: `{ origin, leafIndex, appendedAt (ISO 8601), submitterMsp, submitterDepartment }`;
 * - id: {@link logEventIdFor}(origin, leaf index), so appending a record twice is detectable.
 */
import { suitrust } from '@suitrust/proto';
import { EVENT_ID_NAMESPACE, uuidV5 } from '../eventStore/eventIdFor';
import type { EventToAppend } from '../eventStore/eventData';
import type { StreamAppend } from './domainEventAppends';

/** One record of a log and its place in it. */
export interface LogLeaf {
  readonly leafIndex: number;
  readonly record: Uint8Array;
}

/**
 * The event id of a log record: UUID v5 of `transparency-log:<origin>:<leafIndex>` in SuiTrust's
 * event namespace (a transaction id never starts so, so it never collides with a chaincode event's).
 */
export function logEventIdFor(origin: string, leafIndex: number): string {
  return uuidV5(EVENT_ID_NAMESPACE, `transparency-log:${origin}:${leafIndex}`);
}

/**
 * The appends of consecutive log records, grouped by stream in first-seen order.
 * @param origin - the log's origin
 * @param leaves - records with their leaf indexes, in log order
 * @returns the appends; a record with no body (a newer schema's case) makes none
 * @throws {Error} when a record is not a LogRecord
 */
export function logRecordAppends(origin: string, leaves: readonly LogLeaf[]): StreamAppend[] {
  const byStream = new Map<string, EventToAppend[]>();
  for (const { leafIndex, record } of leaves) {
    const decoded = suitrust.events.v1.LogRecord.decode(record);
    const body = decoded.body;
    if (!body) continue;
    const data = suitrust.events.v1.LogRecord.toObject(decoded, { defaults: false, longs: Number, bytes: String })[body] as Record<string, unknown>;
    const stream = body === 'exchangeReported' ? `reported-exchange-${decoded.exchangeReported?.authorisationId ?? ''}` : `logged-evidence-${decoded.evidenceLogged?.digest ?? ''}`;
    const appendedAt = decoded.appendedAt;
    const events = byStream.get(stream) ?? [];
    events.push({
      id: logEventIdFor(origin, leafIndex),
      type: body,
      data,
      metadata: {
        origin,
        leafIndex,
        appendedAt: new Date(Number(appendedAt?.seconds ?? 0) * 1000 + Math.floor((appendedAt?.nanos ?? 0) / 1e6)).toISOString(),
        submitterMsp: decoded.submitter?.mspId ?? '',
        submitterDepartment: decoded.submitter?.department ?? '',
      },
    });
    byStream.set(stream, events);
  }
  return [...byStream].map(([stream, events]) => ({ stream, events }));
}
