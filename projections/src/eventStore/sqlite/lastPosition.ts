/**
 * The position of the last event in the global order (what `END` means for `readAll` and
 * `subscribeToAll`).
 */
import type Database from 'better-sqlite3';

const LAST_POSITION_SQL = 'SELECT coalesce(max(position), 0) FROM events';

/** A prepared query of the last position: 0 for an empty store. */
export type LastPositionStatement = () => bigint;

/**
 * Prepares the query.
 * @param database - the store's connection.
 * @returns the query.
 */
export function prepareLastPosition(database: Database.Database): LastPositionStatement {
  const statement = database.prepare<[], bigint>(LAST_POSITION_SQL).pluck().safeIntegers(true);
  return () => statement.get() ?? 0n;
}
