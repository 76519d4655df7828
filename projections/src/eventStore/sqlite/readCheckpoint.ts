/**
 * Reads a processor's checkpoint from `processor_checkpoints`.
 */
import type Database from 'better-sqlite3';
import type { Position } from '../position';

const READ_CHECKPOINT_SQL = 'SELECT position FROM processor_checkpoints WHERE processor_id = ?';

/** A prepared checkpoint read: the position, or `null` when none is stored. */
export type ReadCheckpointStatement = (processorId: string) => Position | null;

/**
 * Prepares the read.
 * @param database - a connection whose schema has `processor-checkpoints`.
 * @returns the read.
 */
export function prepareReadCheckpoint(database: Database.Database): ReadCheckpointStatement {
  const statement = database.prepare<[string], string>(READ_CHECKPOINT_SQL).pluck();
  return (processorId) => {
    const position = statement.get(processorId);
    return position === undefined ? null : BigInt(position);
  };
}
