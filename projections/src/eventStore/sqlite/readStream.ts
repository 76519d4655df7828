/**
 * Reads one stream, forwards or backwards, through the `(stream, revision)` index.
 */
import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../eventData';
import { type Direction, FORWARDS, type ReadRevision, START } from '../position';
import { EVENT_COLUMNS, type EventRow, eventFromRow } from './eventRow';

const FORWARDS_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`;
const BACKWARDS_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`;

/** The largest SQLite integer: the revision `END` stands for. */
const MAX_REVISION = 2n ** 63n - 1n;

/** A prepared stream read: events of `stream` from `fromRevision` (inclusive) in `direction`. */
export type ReadStreamStatement = (stream: string, fromRevision: ReadRevision, direction: Direction, maxCount: number) => RecordedEvent[];

/**
 * Prepares the stream read.
 * @param database - the store's connection.
 * @returns the read; a stream that does not exist reads as no events.
 */
export function prepareReadStream(database: Database.Database): ReadStreamStatement {
  const forwards = database.prepare<[string, bigint, number], EventRow>(FORWARDS_SQL).safeIntegers(true);
  const backwards = database.prepare<[string, bigint, number], EventRow>(BACKWARDS_SQL).safeIntegers(true);
  return (stream, fromRevision, direction, maxCount) => {
    const from = fromRevision === START ? 0n : typeof fromRevision === 'bigint' ? (fromRevision > MAX_REVISION ? MAX_REVISION : fromRevision) : MAX_REVISION;
    return (direction === FORWARDS ? forwards : backwards).all(stream, from, maxCount).map(eventFromRow);
  };
}
