/**
 * A checkpoint store of its own SQLite file: where read models keep their checkpoints when their
 * events come from elsewhere (KurrentDB), so that each read model's writes and its checkpoint
 * still commit in one transaction (`withProcessingScope`). Same tables and statements as the
 * embedded event store's checkpoints.
 */
import type Database from 'better-sqlite3';
import { assertProcessorId, expectedCheckpointArgument, positionArgument } from './assertArguments';
import type { CheckpointStore, StoreCheckpointOptions, StoreCheckpointResult } from './checkpointStore';
import { EventStoreError } from './eventStoreError';
import type { Position } from './position';
import { openDatabase } from './sqlite/openDatabase';
import { type ProcessingRequest, type ProcessingResult, type ProcessingScope, type ProcessingScopes, runInProcessingScope } from './sqlite/processingScope';
import { prepareReadCheckpoint, type ReadCheckpointStatement } from './sqlite/readCheckpoint';
import { sqliteFault } from './sqlite/sqliteFault';
import { prepareStoreCheckpoint, type StoreCheckpointStatement } from './sqlite/storeCheckpoint';

/** A SQLite checkpoint store whose checkpoints can share a transaction with read-model writes. */
export interface SqliteCheckpointStore extends CheckpointStore, ProcessingScopes {
  /** Runs a read of the read models kept in this database (writes belong in a processing scope). */
  query<T>(reader: (database: Database.Database) => T): T;
  /** The database file. */
  readonly path: string;
  /** Closes the database. Idempotent. */
  close(): Promise<void>;
}

class SqliteCheckpointStoreImpl implements SqliteCheckpointStore {
  readonly path: string;
  readonly #database: Database.Database;
  readonly #readCheckpoint: ReadCheckpointStatement;
  readonly #storeCheckpoint: StoreCheckpointStatement;
  #closed = false;

  constructor(options: Readonly<{ path: string; database: Database.Database }>) {
    this.path = options.path;
    this.#database = options.database;
    this.#readCheckpoint = prepareReadCheckpoint(this.#database);
    this.#storeCheckpoint = prepareStoreCheckpoint(this.#database, this.#readCheckpoint);
  }

  async readCheckpoint(processorId: string): Promise<Position | null> {
    assertProcessorId(processorId);
    this.#assertOpen();
    try {
      return this.#readCheckpoint(processorId);
    } catch (error) {
      throw sqliteFault(error);
    }
  }

  async storeCheckpoint(processorId: string, position: Position, options: StoreCheckpointOptions): Promise<StoreCheckpointResult> {
    assertProcessorId(processorId);
    const checked = positionArgument('position', position);
    const expected = expectedCheckpointArgument(options);
    this.#assertOpen();
    try {
      return this.#database.transaction(() => this.#storeCheckpoint(processorId, checked, expected)).immediate();
    } catch (error) {
      throw sqliteFault(error);
    }
  }

  query<T>(reader: (database: Database.Database) => T): T {
    return reader(this.#database);
  }

  withProcessingScope<T>(request: ProcessingRequest, handler: (scope: ProcessingScope) => T): ProcessingResult<T> {
    this.#assertOpen();
    return runInProcessingScope({ database: this.#database, readCheckpoint: this.#readCheckpoint, storeCheckpoint: this.#storeCheckpoint }, request, handler);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#database.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new EventStoreError(`${this.path}: the checkpoint store is closed`, { code: 'EVENT_STORE_CLOSED' });
  }
}

/**
 * Opens (creating if needed) a SQLite checkpoint store.
 * @param path - the database file (the read models' file); its directory must exist.
 * @returns the store.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_SCHEMA_MISMATCH`, `EVENT_STORE_FAILURE`.
 */
export function openSqliteCheckpointStore(path: string): SqliteCheckpointStore {
  return new SqliteCheckpointStoreImpl({ path, database: openDatabase(path, ['processor-checkpoints']) });
}
