/**
 * Brings a read model up to the event store's head and returns: what a rebuild from zero does
 * (on a fresh view database), and what a caller does that wants the views current before it
 * starts serving. Unlike {@link runReadModel} it reads the global order in pages rather than
 * following a subscription, and it stops at the head the store had when it started.
 */
import type { EventStore } from '../eventStore/eventStore';
import type { SqliteCheckpointStore } from '../eventStore/sqliteCheckpointStore';
import { START } from '../eventStore/position';
import { applyBatch, type ReadModel } from './readModelProcessor';

/** How far a catch-up has gone. */
export interface CatchUpProgress {
  /** The model being brought up to date. */
  readonly model: string;
  /** Events applied so far by this catch-up. */
  readonly events: number;
  /** The model's checkpoint: the position of the last event applied. */
  readonly position: bigint;
  /** The store's head when the catch-up started: where it stops. */
  readonly head: bigint;
}

/** Options of {@link catchUpReadModel}. */
export interface CatchUpOptions {
  readonly model: ReadModel;
  readonly events: EventStore;
  readonly views: SqliteCheckpointStore;
  /** Events per page, applied in one SQLite transaction with the checkpoint; 5,000 by default. */
  readonly pageSize?: number;
  /** Told after each page. */
  readonly onProgress?: (progress: CatchUpProgress) => void;
  /** Stops between pages. */
  readonly signal?: AbortSignal;
}

/** What a catch-up did. */
export interface CatchUpResult {
  /** Events applied. */
  readonly events: number;
  /** The model's checkpoint afterwards (`undefined` when the store is empty and nothing was applied). */
  readonly position: bigint | undefined;
}

/**
 * Applies every event after the model's checkpoint up to the store's head (as it was when
 * called), each page and the new checkpoint in one transaction: stopped or killed half-way, the
 * model resumes from its last page.
 * @param options - the model, the stores, the page size and a progress callback.
 * @returns how many events were applied and the checkpoint reached.
 * @throws {Error} when the model's checkpoint moves under it (another instance is running).
 */
export async function catchUpReadModel(options: Readonly<CatchUpOptions>): Promise<CatchUpResult> {
  const { model, views } = options;
  const pageSize = options.pageSize ?? 5000;
  views.query((database) => model.migrate(database));
  let checkpoint = await views.readCheckpoint(model.name);
  const head = await options.events.headPosition();
  let applied = 0;
  while (head !== undefined && (checkpoint ?? 0n) < head && options.signal?.aborted !== true) {
    const page = await options.events.readAll({ fromPosition: checkpoint ?? START, maxCount: pageSize });
    if (page.length === 0) break;
    checkpoint = applyBatch(views, model, page, checkpoint);
    applied += page.length;
    options.onProgress?.({ model: model.name, events: applied, position: checkpoint, head });
  }
  return { events: applied, position: checkpoint ?? undefined };
}
