/**
 * Turns one transaction's chaincode event (an EventBatch) into appends: one stream per aggregate
 * (`<aggregate type>-<aggregate id>`: one per certificate, authorisation, enterprise, evidence),
 * each event with the id `eventIdFor(transaction id, index)`, so appending it twice is detectable,
 * its type the event's kind, its data the event's fields as JSON, and its metadata where it came
 * from in the ledger.
 */
import { suitrust } from '@suitrust/proto';
import { eventIdFor } from '../eventStore/eventIdFor';
import type { EventToAppend } from '../eventStore/eventData';

/** The events of one stream from one transaction, in the transaction's order. */
export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
}

/** The stream of an aggregate. */
export function streamOf(aggregateType: string, aggregateId: string): string {
  return `${aggregateType}-${aggregateId}`;
}

/** The appends one chaincode event's EventBatch makes, grouped by stream in first-seen order. */
export function domainEventAppends(payload: Uint8Array, blockNumber: bigint): StreamAppend[] {
  const batch = suitrust.events.v1.EventBatch.decode(payload);
  const byStream = new Map<string, EventToAppend[]>();
  for (const event of batch.events) {
    const body = event.body;
    if (!body) continue;
    const stream = streamOf(event.aggregateType ?? '', event.aggregateId ?? '');
    const data = suitrust.events.v1.DomainEvent.toObject(event as suitrust.events.v1.DomainEvent, { defaults: false, longs: Number, bytes: String })[body] as Record<string, unknown>;
    const events = byStream.get(stream) ?? [];
    events.push({
      id: eventIdFor(batch.txId, event.index ?? 0),
      type: body,
      data,
      metadata: {
        transactionId: batch.txId,
        blockNumber: blockNumber.toString(),
        index: String(event.index),
        txTime: new Date(Number(batch.txTime?.seconds ?? 0) * 1000 + Math.floor((batch.txTime?.nanos ?? 0) / 1e6)).toISOString(),
        function: batch.function,
        submitterMsp: batch.submitter?.mspId ?? '',
        submitterDepartment: batch.submitter?.department ?? '',
      },
    });
    byStream.set(stream, events);
  }
  return [...byStream].map(([stream, events]) => ({ stream, events }));
}
