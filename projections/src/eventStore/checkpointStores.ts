/**
 * Factories of stand-alone checkpoint stores, grouped as the `checkpointStores` namespace of the
 * package index. (Each event store is a checkpoint store too.)
 */
import { openSqliteCheckpointStore, type SqliteCheckpointStore } from './sqliteCheckpointStore';

/**
 * Opens (creating if needed) a SQLite checkpoint store: for read models kept in their own file,
 * e.g. when the events are in KurrentDB, so each read model commits its writes and its checkpoint
 * together (`withProcessingScope`).
 * @param path - the read models' database file; its directory must exist.
 * @returns the store.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_SCHEMA_MISMATCH`, `EVENT_STORE_FAILURE`.
 * @example
 * ```ts
 * const checkpoints = checkpointStores.sqlite('.suitrust/read-models.db');
 * const outcome = checkpoints.withProcessingScope({ processorId: 'audit', position: event.position, expected }, ({ database }) => apply(database, event));
 * ```
 */
export function sqlite(path: string): SqliteCheckpointStore {
  return openSqliteCheckpointStore(path);
}
