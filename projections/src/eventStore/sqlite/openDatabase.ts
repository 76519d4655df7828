/**
 * Opens the embedded store's SQLite file with the settings its durability promise rests on.
 *
 * - `journal_mode = WAL`: readers never block the writer nor each other, and a commit is one
 *   append to the write-ahead log.
 * - `synchronous = FULL`: the log is fsync'd at every commit, so an append acknowledged is on
 *   disk and survives a process crash or a power cut (`NORMAL` would only survive the former).
 *   This costs one fsync per transaction, which is why appends are grouped (see `appendQueue.ts`).
 * - a busy timeout, so another process holding the write lock for a moment delays a write
 *   instead of failing it.
 */
import Database from 'better-sqlite3';
import { EventStoreError } from '../eventStoreError';
import { migrate, type SchemaComponent } from './schema';

/** How long a write waits for another connection's write lock before failing, in milliseconds. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) a database file in WAL mode with full synchronous commits, and
 * creates the schema components asked for.
 * @param path - the file; its directory must exist.
 * @param components - the schema components to create if absent.
 * @returns the open connection.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` for an in-memory path,
 *   `EVENT_STORE_SCHEMA_MISMATCH`, or `EVENT_STORE_FAILURE` when the file cannot be opened.
 */
export function openDatabase(path: string, components: readonly SchemaComponent[]): Database.Database {
  if (typeof path !== 'string' || path.length === 0 || path === ':memory:') {
    throw new EventStoreError(`path: expected a database file path, got ${JSON.stringify(path)}`, { code: 'EVENT_STORE_INVALID_ARGUMENT' });
  }
  let database: Database.Database | undefined;
  try {
    database = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    const mode: unknown = database.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode: expected wal, got ${String(mode)}`);
    database.pragma('synchronous = FULL');
    migrate(database, components);
    return database;
  } catch (error) {
    database?.close();
    if (error instanceof EventStoreError) throw error;
    throw new EventStoreError(`${path}: cannot open the database`, { code: 'EVENT_STORE_FAILURE', cause: error });
  }
}
