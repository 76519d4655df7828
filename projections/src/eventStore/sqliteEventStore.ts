/**
 * The embedded event store, the default: one SQLite file through better-sqlite3, in WAL mode with
 * full synchronous commits (nothing acknowledged is lost, also across a crash or a power cut),
 * prepared statements only, and appends grouped into one transaction per event-loop turn. Each
 * storage statement lives beside its SQL in `sqlite/`.
 *
 * Several processes may open the same file: SQLite serialises their writes (positions stay
 * gapless), and subscriptions poll for the others' appends.
 */
import type Database from 'better-sqlite3';
import { appendArgument, appendManyArgument, assertProcessorId, assertStreamName, countArgument, expectedCheckpointArgument, positionArgument, readPositionArgument, readStreamBounds } from './assertArguments';
import type { StoreCheckpointOptions, StoreCheckpointResult } from './checkpointStore';
import type { EventToAppend, RecordedEvent } from './eventData';
import { type AppendOptions, type AppendRequest, type AppendResult, DEFAULT_READ_ALL_MAX_COUNT, type EventStore, type EventSubscription, type ReadAllOptions, type ReadStreamOptions, type SubscribeToAllOptions } from './eventStore';
import { EventStoreError } from './eventStoreError';
import { END, type Position, START } from './position';
import { AppendQueue } from './sqlite/appendQueue';
import { AppendSignal } from './sqlite/appendSignal';
import { type AppendToStreamStatement, prepareAppendToStream } from './sqlite/appendToStream';
import { type LastPositionStatement, prepareLastPosition } from './sqlite/lastPosition';
import { openDatabase } from './sqlite/openDatabase';
import { type ProcessingRequest, type ProcessingResult, type ProcessingScope, type ProcessingScopes, runInProcessingScope } from './sqlite/processingScope';
import { prepareReadAllBatch, type ReadAllBatchStatement } from './sqlite/readAllBatch';
import { prepareReadCheckpoint, type ReadCheckpointStatement } from './sqlite/readCheckpoint';
import { prepareReadStream, type ReadStreamStatement } from './sqlite/readStream';
import { sqliteFault } from './sqlite/sqliteFault';
import { SqliteSubscription } from './sqlite/sqliteSubscription';
import { prepareStoreCheckpoint, type StoreCheckpointStatement } from './sqlite/storeCheckpoint';

/** Options of the embedded store. */
export interface SqliteEventStoreOptions {
  /**
   * How often a caught-up subscription looks for appends made by other processes sharing the
   * file, in milliseconds; appends in this process wake it at once. Default 100.
   */
  readonly pollIntervalMs?: number;
}

/** The embedded store: an {@link EventStore} whose checkpoints can share a transaction with read-model writes. */
export interface SqliteEventStore extends EventStore, ProcessingScopes {
  /** The database file. */
  readonly path: string;
}

/** The default poll interval of subscriptions, in milliseconds. */
export const DEFAULT_POLL_INTERVAL_MS = 100;

interface Statements {
  readonly appendToStream: AppendToStreamStatement;
  readonly readStream: ReadStreamStatement;
  readonly readAllBatch: ReadAllBatchStatement;
  readonly lastPosition: LastPositionStatement;
  readonly readCheckpoint: ReadCheckpointStatement;
  readonly storeCheckpoint: StoreCheckpointStatement;
}

class SqliteEventStoreImpl implements SqliteEventStore {
  readonly path: string;
  readonly #database: Database.Database;
  readonly #statements: Statements;
  readonly #signal = new AppendSignal();
  readonly #queue: AppendQueue;
  readonly #subscriptions = new Set<SqliteSubscription>();
  readonly #pollIntervalMs: number;
  #closed = false;

  constructor(options: Readonly<{ path: string; database: Database.Database; pollIntervalMs: number }>) {
    this.path = options.path;
    this.#database = options.database;
    this.#pollIntervalMs = options.pollIntervalMs;
    const readStream = prepareReadStream(this.#database);
    const readCheckpoint = prepareReadCheckpoint(this.#database);
    this.#statements = {
      appendToStream: prepareAppendToStream(this.#database, readStream),
      readStream,
      readAllBatch: prepareReadAllBatch(this.#database),
      lastPosition: prepareLastPosition(this.#database),
      readCheckpoint,
      storeCheckpoint: prepareStoreCheckpoint(this.#database, readCheckpoint),
    };
    this.#queue = new AppendQueue({ database: this.#database, onCommit: () => this.#signal.notify() });
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult> {
    const append = appendArgument({ stream, events, expectedRevision: options?.expectedRevision });
    this.#assertOpen(stream);
    return this.#queue.enqueue(() => this.#statements.appendToStream(append, Date.now()), stream);
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    const appends = appendManyArgument(requests);
    this.#assertOpen();
    if (appends.length === 0) return [];
    // One unit of work: a conflict in any request rolls back the savepoint holding them all.
    return this.#queue.enqueue(() => {
      const created = Date.now();
      return appends.map((append) => this.#statements.appendToStream(append, created));
    });
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    assertStreamName(stream);
    const { fromRevision, direction } = readStreamBounds(options?.fromRevision, options?.direction);
    const maxCount = countArgument('maxCount', options?.maxCount, Number.MAX_SAFE_INTEGER);
    this.#assertOpen(stream);
    return this.#run(() => this.#statements.readStream(stream, fromRevision, direction, maxCount), stream);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const from = readPositionArgument(options?.fromPosition);
    const maxCount = countArgument('maxCount', options?.maxCount, DEFAULT_READ_ALL_MAX_COUNT);
    this.#assertOpen();
    if (from === END) return [];
    return this.#run(() => this.#statements.readAllBatch(from === START ? 0n : from, maxCount));
  }

  async headPosition(): Promise<Position | undefined> {
    this.#assertOpen();
    const last = this.#run(() => this.#statements.lastPosition());
    return last === 0n ? undefined : last;
  }

  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    const from = readPositionArgument(options?.fromPosition);
    this.#assertOpen();
    const after = from === START ? 0n : from === END ? this.#run(() => this.#statements.lastPosition()) : from;
    const subscription = new SqliteSubscription({
      after,
      readAllBatch: this.#statements.readAllBatch,
      signal: this.#signal,
      pollIntervalMs: this.#pollIntervalMs,
      onClose: (closed) => this.#subscriptions.delete(closed),
    });
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async readCheckpoint(processorId: string): Promise<Position | null> {
    assertProcessorId(processorId);
    this.#assertOpen();
    return this.#run(() => this.#statements.readCheckpoint(processorId));
  }

  async storeCheckpoint(processorId: string, position: Position, options: StoreCheckpointOptions): Promise<StoreCheckpointResult> {
    assertProcessorId(processorId);
    const checked = positionArgument('position', position);
    const expected = expectedCheckpointArgument(options);
    this.#assertOpen();
    return this.#run(() => this.#database.transaction(() => this.#statements.storeCheckpoint(processorId, checked, expected)).immediate());
  }

  withProcessingScope<T>(request: ProcessingRequest, handler: (scope: ProcessingScope) => T): ProcessingResult<T> {
    this.#assertOpen();
    return runInProcessingScope({ database: this.#database, ...this.#statements }, request, handler);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    this.#queue.flush();
    this.#database.close();
  }

  #assertOpen(stream?: string): void {
    if (this.#closed) throw new EventStoreError(`${this.path}: the event store is closed`, { code: 'EVENT_STORE_CLOSED', stream });
  }

  #run<T>(statement: () => T, stream?: string): T {
    try {
      return statement();
    } catch (error) {
      throw sqliteFault(error, stream);
    }
  }
}

/**
 * Opens (creating if needed) an embedded event store.
 * @param path - the database file; its directory must exist. Read models may share it.
 * @param options - subscription poll interval.
 * @returns the store.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_SCHEMA_MISMATCH`, `EVENT_STORE_FAILURE`.
 */
export function openSqliteEventStore(path: string, options: Readonly<SqliteEventStoreOptions> = {}): SqliteEventStore {
  const pollIntervalMs = countArgument('pollIntervalMs', options.pollIntervalMs, DEFAULT_POLL_INTERVAL_MS);
  const database = openDatabase(path, ['event-store', 'processor-checkpoints']);
  return new SqliteEventStoreImpl({ path, database, pollIntervalMs });
}
