/**
 * Appends one stream's events, inside a transaction the caller holds (see `appendQueue.ts`):
 * checks the expected revision against the stream's last revision, inserts the events at the
 * next revisions and positions, and resolves a refusal or a duplicated id the way KurrentDB
 * would, by comparing ids with what is stored (`appendConflict.ts`).
 */
import type Database from 'better-sqlite3';
import { alreadyAppended, claimedRevisions } from '../appendConflict';
import type { CheckedAppend } from '../assertArguments';
import type { RecordedEvent } from '../eventData';
import type { AppendResult } from '../eventStore';
import { EventStoreError, WrongExpectedRevisionError } from '../eventStoreError';
import { type ActualRevision, expectedRevisionMatches, NO_STREAM } from '../expectedRevision';
import { EVENT_COLUMNS, type EventRow, eventFromRow } from './eventRow';
import type { ReadStreamStatement } from './readStream';

const CURRENT_REVISION_SQL = 'SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1';
const INSERT_EVENT_SQL = 'INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)';
const FIND_EVENT_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`;

/** A prepared append; run it inside a transaction, since it reads then writes. */
export type AppendToStreamStatement = (append: CheckedAppend, created: number) => AppendResult;

function isDuplicateId(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('events.id');
}

function bytesOf(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Prepares the append.
 * @param database - the store's connection.
 * @param readStream - the store's prepared stream read (for conflicts).
 * @returns the append, which returns the stream's new revision and its last event's position.
 * @throws {WrongExpectedRevisionError} (from the append) on a real conflict.
 * @throws {EventStoreError} `EVENT_STORE_DUPLICATE_EVENT_ID` (from the append) when an id is
 *   stored elsewhere than as this very append.
 */
export function prepareAppendToStream(database: Database.Database, readStream: ReadStreamStatement): AppendToStreamStatement {
  const currentRevision = database.prepare<[string], bigint>(CURRENT_REVISION_SQL).pluck().safeIntegers(true);
  const insertEvent = database.prepare(INSERT_EVENT_SQL);
  const findEvent = database.prepare<[string], EventRow>(FIND_EVENT_SQL).safeIntegers(true);

  const insertAll = database.transaction((append: CheckedAppend, actual: ActualRevision, created: number): AppendResult => {
    let revision = actual === NO_STREAM ? -1n : actual;
    let position = 0n;
    for (const event of append.events) {
      revision += 1n;
      const data = event.data instanceof Uint8Array ? bytesOf(event.data) : JSON.stringify(event.data);
      const metadata = event.metadata === undefined ? null : JSON.stringify(event.metadata);
      position = BigInt(insertEvent.run(append.stream, revision, event.id, event.type, data, metadata, created).lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  });

  /** An id is stored already: the append was applied before (all ids, in order, consecutively, in this stream), or it is a fault. */
  function resolveDuplicateIds(append: CheckedAppend): AppendResult {
    const stored: RecordedEvent[] = [];
    for (const event of append.events) {
      const row = findEvent.get(event.id);
      if (row !== undefined) stored.push(eventFromRow(row));
    }
    const first = stored[0];
    const consecutive = first !== undefined && stored.every((event, i) => event.stream === append.stream && event.revision === first.revision + BigInt(i));
    const result = consecutive ? alreadyAppended(append.events, stored) : undefined;
    if (result !== undefined) return result;
    const clash = stored.find((event, i) => event.stream !== append.stream || event.id !== append.events[i]?.id) ?? first;
    throw new EventStoreError(
      `stream ${JSON.stringify(append.stream)}: event id ${clash?.id ?? '?'} is already stored in stream ${JSON.stringify(clash?.stream)} at revision ${String(clash?.revision)}`,
      { code: 'EVENT_STORE_DUPLICATE_EVENT_ID', stream: append.stream },
    );
  }

  return (append, created) => {
    const actual: ActualRevision = currentRevision.get(append.stream) ?? NO_STREAM;
    if (!expectedRevisionMatches(append.expectedRevision, actual)) {
      const claimed = claimedRevisions(append.expectedRevision, append.events.length);
      if (claimed !== undefined && actual !== NO_STREAM && actual >= claimed.fromRevision) {
        const result = alreadyAppended(append.events, readStream(append.stream, claimed.fromRevision, claimed.direction, claimed.maxCount));
        if (result !== undefined) return result;
      }
      throw new WrongExpectedRevisionError({ stream: append.stream, expectedRevision: append.expectedRevision, actualRevision: actual });
    }
    try {
      return insertAll(append, actual, created);
    } catch (error) {
      if (isDuplicateId(error)) return resolveDuplicateIds(append);
      throw error;
    }
  };
}
