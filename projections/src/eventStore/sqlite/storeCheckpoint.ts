/**
 * Stores a processor's checkpoint compare-and-set on the previous value (Emmett's
 * `storeProcessorCheckpoint.ts`): an insert that does nothing if a row exists, or an update
 * guarded by the expected position. A statement that changes no row means another value is
 * stored: the result says MISMATCH and nothing is overwritten.
 */
import type Database from 'better-sqlite3';
import type { StoreCheckpointResult } from '../checkpointStore';
import type { Position } from '../position';
import type { ReadCheckpointStatement } from './readCheckpoint';

const INSERT_CHECKPOINT_SQL = 'INSERT INTO processor_checkpoints (processor_id, position, updated) VALUES (?, ?, ?) ON CONFLICT (processor_id) DO NOTHING';
const UPDATE_CHECKPOINT_SQL = 'UPDATE processor_checkpoints SET position = ?, updated = ? WHERE processor_id = ? AND position = ?';

/** A prepared compare-and-set; run it inside a transaction when other writes must go with it. */
export type StoreCheckpointStatement = (processorId: string, position: Position, expected: Position | null) => StoreCheckpointResult;

/**
 * Prepares the compare-and-set.
 * @param database - a connection whose schema has `processor-checkpoints`.
 * @param readCheckpoint - the prepared read, for the value a mismatch reports.
 * @returns the compare-and-set.
 */
export function prepareStoreCheckpoint(database: Database.Database, readCheckpoint: ReadCheckpointStatement): StoreCheckpointStatement {
  const insert = database.prepare(INSERT_CHECKPOINT_SQL);
  const update = database.prepare(UPDATE_CHECKPOINT_SQL);
  return (processorId, position, expected) => {
    const now = Date.now();
    const changes = expected === null ? insert.run(processorId, position.toString(), now).changes : update.run(position.toString(), now, processorId, expected.toString()).changes;
    if (changes === 1) return { ok: true, checkpoint: position };
    return { ok: false, reason: 'MISMATCH', current: readCheckpoint(processorId) };
  };
}
