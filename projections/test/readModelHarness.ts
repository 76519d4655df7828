/**
 * A read model over a real embedded event store in a temporary directory, for the models' unit
 * tests: append events as the relay or the log follower would, run the model until it has
 * applied all of them, and dump its tables to compare a rebuild from zero.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointStores, eventStores, runReadModel, type EventToAppend, type ReadModel, type SqliteCheckpointStore, type SqliteEventStore } from '../src/index';

/** An event store and the views a model projects into. */
export interface ReadModelHarness {
  readonly events: SqliteEventStore;
  /** Appends one event to `stream`. */
  append(stream: string, event: EventToAppend): Promise<void>;
  /** Runs `model` into `views` (a fresh database named `name` by default) until it has applied every event. */
  project(model: ReadModel, views?: SqliteCheckpointStore): Promise<SqliteCheckpointStore>;
  /** A new, empty views database. */
  openViews(name: string): SqliteCheckpointStore;
  /** Every row of `tables`, in a stable order. */
  dump(views: SqliteCheckpointStore, tables: readonly string[]): unknown;
  close(): Promise<void>;
}

/** Opens a harness in a temporary directory. */
export function openHarness(): ReadModelHarness {
  const directory = mkdtempSync(join(tmpdir(), 'suitrust-model-'));
  const events = eventStores.sqlite(join(directory, 'events.db'));
  const opened: SqliteCheckpointStore[] = [];
  let views = 0;
  const openViews = (name: string): SqliteCheckpointStore => {
    const store = checkpointStores.sqlite(join(directory, `${name}.db`));
    opened.push(store);
    return store;
  };
  return {
    events,
    async append(stream, event) {
      await events.appendToStream(stream, [event]);
    },
    async project(model, into) {
      const target = into ?? openViews(`views-${(views += 1)}`);
      const last = (await events.readAll({ maxCount: 1_000_000 })).at(-1)?.position;
      const controller = new AbortController();
      const running = runReadModel({ model, events, views: target, signal: controller.signal, batchSize: 3 });
      while (last !== undefined && (await target.readCheckpoint(model.name)) !== last) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      await running;
      return target;
    },
    openViews,
    dump(store, tables) {
      return store.query((database) => tables.map((table) => database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()));
    },
    async close() {
      for (const store of opened) await store.close();
      await events.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
