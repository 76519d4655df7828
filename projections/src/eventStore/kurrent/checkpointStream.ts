/**
 * Processor checkpoints kept in KurrentDB itself, one stream per processor
 * (`suitrust-checkpoint-<processorId>`), the stream's last event holding the position. The
 * compare-and-set is the stream's expected revision: a writer appends at the revision of the
 * checkpoint it read, so two writers that read the same checkpoint cannot both succeed. Its
 * event type starts with `$`, so the `$all` reads and subscriptions of this adapter (which
 * exclude system events) never see checkpoints.
 *
 * Read models in SQLite keep their checkpoints beside their data instead
 * (`checkpointStores.sqlite`): only that makes them exactly-once.
 */
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { StoreCheckpointResult } from '../checkpointStore';
import { EventStoreError } from '../eventStoreError';
import { NO_STREAM } from '../expectedRevision';
import { BACKWARDS, END, type Position } from '../position';
import { kurrentErrorType, kurrentFault } from './kurrentFault';
import type { KurrentApi } from './loadKurrentClient';

/** The prefix of checkpoint streams. */
export const CHECKPOINT_STREAM_PREFIX = 'suitrust-checkpoint-';
/** The type of checkpoint events (`$`-prefixed: excluded from `$all` reads as a system event). */
export const CHECKPOINT_EVENT_TYPE = '$suitrust-checkpoint';

interface StoredCheckpoint {
  readonly revision: bigint;
  readonly position: Position;
}

/**
 * Reads a processor's last checkpoint event.
 * @param client - the connected client.
 * @param processorId - the processor.
 * @returns its revision and position, or `null` when none was stored.
 * @throws {EventStoreError} for a store fault or a malformed checkpoint event.
 */
export async function readCheckpointEvent(client: KurrentDBClient, processorId: string): Promise<StoredCheckpoint | null> {
  const stream = CHECKPOINT_STREAM_PREFIX + processorId;
  try {
    for await (const resolved of client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      const event = resolved.event;
      if (event === undefined) continue;
      const position = typeof event.data === 'object' && event.data !== null ? (event.data as { position?: unknown }).position : undefined;
      if (typeof position !== 'string' || !/^\d+$/.test(position)) {
        throw new EventStoreError(`${stream}: malformed checkpoint event at revision ${event.revision}`, { code: 'EVENT_STORE_FAILURE', stream });
      }
      return { revision: event.revision, position: BigInt(position) };
    }
    return null;
  } catch (error) {
    if (kurrentErrorType(error) === 'stream-not-found') return null;
    throw kurrentFault(error, stream);
  }
}

/**
 * Stores a processor's checkpoint compare-and-set on the previous value.
 * @param api - the loaded client module.
 * @param client - the connected client.
 * @param processorId - the processor.
 * @param position - the new checkpoint.
 * @param expected - the checkpoint the processor started from, `null` for none.
 * @returns as `CheckpointStore.storeCheckpoint`.
 * @throws {EventStoreError} for a store fault.
 */
export async function storeCheckpointEvent(api: KurrentApi, client: KurrentDBClient, processorId: string, position: Position, expected: Position | null): Promise<StoreCheckpointResult> {
  const stream = CHECKPOINT_STREAM_PREFIX + processorId;
  const current = await readCheckpointEvent(client, processorId);
  if ((current?.position ?? null) !== expected) return { ok: false, reason: 'MISMATCH', current: current?.position ?? null };
  try {
    const event = api.jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data: { position: position.toString() } });
    // `success` is false instead of a throw when the connection string sets throwOnAppendFailure=false.
    const result = await client.appendToStream(stream, event, { streamState: current?.revision ?? NO_STREAM });
    if (result.success) return { ok: true, checkpoint: position };
  } catch (error) {
    if (kurrentErrorType(error) !== 'wrong-expected-version') throw kurrentFault(error, stream);
  }
  return { ok: false, reason: 'MISMATCH', current: (await readCheckpointEvent(client, processorId))?.position ?? null };
}
