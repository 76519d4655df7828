/**
 * Reads one batch of the global order after a position: a range scan of the primary key.
 */
import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../eventData';
import { EVENT_COLUMNS, type EventRow, eventFromRow } from './eventRow';

const READ_ALL_BATCH_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`;

/** A prepared global read: at most `maxCount` events after position `after` (exclusive). */
export type ReadAllBatchStatement = (after: bigint, maxCount: number) => RecordedEvent[];

/**
 * Prepares the global read.
 * @param database - the store's connection.
 * @returns the read.
 */
export function prepareReadAllBatch(database: Database.Database): ReadAllBatchStatement {
  const statement = database.prepare<[bigint, number], EventRow>(READ_ALL_BATCH_SQL).safeIntegers(true);
  return (after, maxCount) => statement.all(after, maxCount).map(eventFromRow);
}
