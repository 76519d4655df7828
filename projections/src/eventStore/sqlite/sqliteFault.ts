/**
 * Maps what better-sqlite3 throws to the event stores' error family.
 */
import Database from 'better-sqlite3';
import { EventStoreError } from '../eventStoreError';

/**
 * The {@link EventStoreError} for a fault raised while running SQLite statements.
 * @param error - what was thrown.
 * @param stream - the stream concerned, if any.
 * @returns `error` itself when it is already an {@link EventStoreError}; `EVENT_STORE_UNAVAILABLE`
 *   when another connection held the database locked past the busy timeout; `EVENT_STORE_CLOSED`
 *   for a closed connection; `EVENT_STORE_FAILURE` otherwise, with `error` as the cause.
 */
export function sqliteFault(error: unknown, stream?: string): EventStoreError {
  if (error instanceof EventStoreError) return error;
  if (error instanceof Database.SqliteError && (error.code === 'SQLITE_BUSY' || error.code.startsWith('SQLITE_BUSY_') || error.code.startsWith('SQLITE_LOCKED'))) {
    return new EventStoreError(`the database stayed locked by another connection: ${error.message}`, { code: 'EVENT_STORE_UNAVAILABLE', stream, cause: error });
  }
  if (error instanceof TypeError && /database connection is not open/i.test(error.message)) {
    return new EventStoreError('the event store is closed', { code: 'EVENT_STORE_CLOSED', stream, cause: error });
  }
  return new EventStoreError(`SQLite: ${error instanceof Error ? error.message : String(error)}`, { code: 'EVENT_STORE_FAILURE', stream, cause: error });
}
