/**
 * Rebuilds the view database from zero: every read model caught up from an empty database
 * beside the live one, which is replaced only once the rebuild is complete. A rebuild that is
 * stopped or fails leaves the live views as they were.
 */
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory } from '@suitrust/durable';
import type { EventStore } from '../eventStore/eventStore';
import { sqlite as sqliteViews } from '../eventStore/checkpointStores';
import { catchUpReadModel, type CatchUpProgress } from './catchUpReadModel';
import type { ReadModel } from './readModelProcessor';
import { READ_MODELS } from './readModels';

/** Options of {@link rebuildViews}. */
export interface RebuildViewsOptions {
  readonly events: EventStore;
  /** The live view database, replaced at the end; nothing else may have it open. */
  readonly viewsPath: string;
  /** The models to rebuild; every one by default. */
  readonly models?: readonly ReadModel[];
  readonly onProgress?: (progress: CatchUpProgress) => void;
  readonly signal?: AbortSignal;
}

/** The rebuild's SQLite page cache: 256 MiB. */
const REBUILD_CACHE_KIB = 256 * 1024;

/** SQLite's companions of a database file in WAL mode. */
const COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Rebuilds the views into `<viewsPath>.rebuilding`, then renames it over `viewsPath`.
 * @param options - the event store, the view database and the models.
 * @returns the events each model applied, by model name.
 */
export async function rebuildViews(options: Readonly<RebuildViewsOptions>): Promise<Map<string, number>> {
  const fresh = `${options.viewsPath}.rebuilding`;
  await removeDatabase(fresh);
  const views = sqliteViews(fresh);
  // Nothing reads the new file until it is complete, synced and renamed: a crash meanwhile only
  // loses a file the next rebuild deletes. So no fsync per page, and a large page cache.
  views.query((database) => {
    database.pragma('synchronous = OFF');
    database.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
  });
  const applied = new Map<string, number>();
  try {
    for (const model of options.models ?? READ_MODELS) {
      const result = await catchUpReadModel({ model, events: options.events, views, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      applied.set(model.name, result.events);
    }
  } finally {
    await views.close();
  }
  if (options.signal?.aborted === true) {
    await removeDatabase(fresh);
    return applied;
  }
  await syncFile(fresh);
  // The old database's WAL must go first: left beside the new file, SQLite would replay it into it.
  for (const suffix of COMPANIONS) await rm(`${options.viewsPath}${suffix}`, { force: true });
  await rename(fresh, options.viewsPath);
  await syncDirectory(dirname(options.viewsPath));
  return applied;
}

/** Flushes a closed database file to disk (its writes were not synced as they were made). */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ['', ...COMPANIONS]) await rm(`${path}${suffix}`, { force: true });
}
