/**
 * Runs a read model: follows the event store's global order from the model's checkpoint and
 * applies events in batches, each batch's writes and the new checkpoint in one SQLite
 * transaction, so the model holds exactly the events up to its checkpoint, also across a crash.
 * A checkpoint that moved under it (another instance) stops the processor rather than overwriting.
 */
import type Database from 'better-sqlite3';
import type { EventStore } from '../eventStore/eventStore';
import type { RecordedEvent } from '../eventStore/eventData';
import type { SqliteCheckpointStore } from '../eventStore/sqliteCheckpointStore';
import { START } from '../eventStore/position';

/** A read model: its tables, and how one event changes them. */
export interface ReadModel {
  /** The model's processor id: its checkpoint's name. */
  readonly name: string;
  /** Creates its tables if they are missing. */
  migrate(database: Database.Database): void;
  /** Applies one event (synchronously: the batch's transaction cannot span an await). */
  apply(database: Database.Database, event: RecordedEvent): void;
}

/** Options of {@link runReadModel}. */
export interface ReadModelRunOptions {
  readonly model: ReadModel;
  readonly events: EventStore;
  readonly views: SqliteCheckpointStore;
  readonly signal: AbortSignal;
  /** Events per transaction; 2,000 by default (one fsync per batch, not per event). */
  readonly batchSize?: number;
  /** Told of each batch applied, e.g. for a progress bar while rebuilding. */
  readonly onProgress?: (applied: { events: number; position: bigint }) => void;
}

/** Applies events to the model until `signal` aborts; resolves after the last batch. */
export async function runReadModel(options: Readonly<ReadModelRunOptions>): Promise<void> {
  const { model, views, signal } = options;
  views.query((database) => model.migrate(database));
  let checkpoint = await views.readCheckpoint(model.name);
  const subscription = options.events.subscribeToAll({ fromPosition: checkpoint ?? START });
  // The signal may have aborted while the checkpoint was read: a listener added now would never run.
  if (signal.aborted) void subscription.close();
  else signal.addEventListener('abort', () => void subscription.close(), { once: true });
  const batchSize = options.batchSize ?? 2000;
  let batch: RecordedEvent[] = [];
  const flush = (): void => {
    const last = batch[batch.length - 1];
    if (!last) return;
    const events = batch;
    checkpoint = applyBatch(views, model, events, checkpoint);
    batch = [];
    options.onProgress?.({ events: events.length, position: last.position });
  };
  // Batches close at their size, or as soon as the subscription has nothing more waiting.
  const iterator = subscription[Symbol.asyncIterator]();
  try {
    let pending = iterator.next();
    for (;;) {
      // The same pending read is raced again after an idle flush, so no event is ever dropped.
      const next = batch.length === 0 ? await pending : await Promise.race([pending, idle()]);
      if (next === 'idle') {
        flush();
        continue;
      }
      if (next.done) break;
      batch.push(next.value);
      if (batch.length >= batchSize) flush();
      pending = iterator.next();
    }
    flush();
  } finally {
    await subscription.close();
  }

  function idle(): Promise<'idle'> {
    return new Promise((resolve) => setImmediate(() => resolve('idle')));
  }
}

/**
 * Applies a batch of events and moves the model's checkpoint to the last one, in one SQLite
 * transaction: the model holds exactly the events up to its checkpoint, also across a crash.
 * @param views - the view database
 * @param model - the read model
 * @param events - the batch, in global order, at least one
 * @param expected - the checkpoint the model is at (`null` before its first event)
 * @returns the new checkpoint: the last event's position
 * @throws {Error} when the checkpoint moved under it (another instance is running)
 */
export function applyBatch(views: SqliteCheckpointStore, model: ReadModel, events: readonly RecordedEvent[], expected: bigint | null): bigint {
  const last = events[events.length - 1];
  if (!last) throw new Error(`read model ${model.name}: an empty batch has no checkpoint`);
  const result = views.withProcessingScope({ processorId: model.name, position: last.position, expected }, ({ database }) => {
    for (const event of events) model.apply(database, event);
  });
  if (!result.ok) throw new Error(`read model ${model.name}: its checkpoint moved to ${String(result.current)}; another instance is running`);
  return last.position;
}
