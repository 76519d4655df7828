/**
 * A processing scope: one SQLite transaction holding a handler's writes and its processor's
 * checkpoint, handed to the handler, which never opens its own (Emmett's `sqliteProcessor.ts`).
 * Either both commit or neither does, so a read model never applies an event twice nor skips one,
 * whatever crashes. The checkpoint is checked first: when another value is stored, the handler
 * does not run at all.
 *
 * The scope's database is the checkpoint table's: read-model tables belong in that same file.
 * (SQLite's WAL mode makes a transaction over ATTACHed files atomic per file, not across them: a
 * read model in another file uses that file's own checkpoint store, `checkpointStores.sqlite`.)
 */
import type Database from 'better-sqlite3';
import { expectedCheckpointArgument, positionArgument, assertProcessorId } from '../assertArguments';
import { EventStoreError } from '../eventStoreError';
import type { Position } from '../position';
import type { ReadCheckpointStatement } from './readCheckpoint';
import { sqliteFault } from './sqliteFault';
import type { StoreCheckpointStatement } from './storeCheckpoint';

/** What a handler receives: the transaction's connection and the checkpoint it is writing. */
export interface ProcessingScope {
  /** The connection, inside the open transaction: run the read model's writes on it, synchronously. */
  readonly database: Database.Database;
  /** The processor. */
  readonly processorId: string;
  /** The checkpoint stored with the handler's writes. */
  readonly checkpoint: Position;
}

/** What {@link ProcessingScopes.withProcessingScope} commits. */
export interface ProcessingRequest {
  /** The processor. */
  readonly processorId: string;
  /** The new checkpoint: the position of the last event the handler applies. */
  readonly position: Position;
  /** The checkpoint the processor started from, `null` for none. */
  readonly expected: Position | null;
}

/** The outcome of {@link ProcessingScopes.withProcessingScope}. */
export type ProcessingResult<T> =
  /** Committed: the handler's writes and the checkpoint. */
  | { readonly ok: true; readonly checkpoint: Position; readonly value: T }
  /** Nothing written and the handler not run: the stored checkpoint was `current`. */
  | { readonly ok: false; readonly reason: 'MISMATCH'; readonly current: Position | null };

/** Stores that can commit a handler's writes with a checkpoint. */
export interface ProcessingScopes {
  /**
   * Runs `handler` and stores the checkpoint in one immediate SQLite transaction.
   * @param request - processor, new checkpoint and expected previous one.
   * @param handler - applies events through `scope.database`, synchronously (a SQLite transaction
   *   cannot span an `await`); what it returns is passed back as `value`.
   * @returns `{ ok: true, checkpoint, value }`, or `{ ok: false, reason: 'MISMATCH', current }`
   *   without running the handler.
   * @throws whatever `handler` throws, after rolling everything back.
   * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` (also when `handler` returns a
   *   promise), `EVENT_STORE_UNAVAILABLE`, `EVENT_STORE_CLOSED`, `EVENT_STORE_FAILURE`.
   * @example
   * ```ts
   * let checkpoint = await store.readCheckpoint('certificate-uses');
   * for await (const event of store.subscribeToAll({ fromPosition: checkpoint ?? START })) {
   *   const outcome = store.withProcessingScope({ processorId: 'certificate-uses', position: event.position, expected: checkpoint }, ({ database }) => {
   *     database.prepare('INSERT INTO certificate_uses (id, certificate) VALUES (?, ?)').run(event.id, certificateOf(event));
   *   });
   *   if (!outcome.ok) break; // another instance moved the checkpoint: stop
   *   checkpoint = outcome.checkpoint;
   * }
   * ```
   */
  withProcessingScope<T>(request: ProcessingRequest, handler: (scope: ProcessingScope) => T): ProcessingResult<T>;
}

/** The statements a processing scope runs. */
export interface ProcessingStatements {
  readonly database: Database.Database;
  readonly readCheckpoint: ReadCheckpointStatement;
  readonly storeCheckpoint: StoreCheckpointStatement;
}

function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Runs a processing scope (the implementation behind {@link ProcessingScopes.withProcessingScope}).
 * @param statements - the connection and its checkpoint statements.
 * @param request - processor, new checkpoint and expected previous one.
 * @param handler - the handler.
 * @returns as {@link ProcessingScopes.withProcessingScope}.
 */
export function runInProcessingScope<T>(statements: ProcessingStatements, request: ProcessingRequest, handler: (scope: ProcessingScope) => T): ProcessingResult<T> {
  const { processorId } = request;
  assertProcessorId(processorId);
  const position = positionArgument('position', request.position);
  const expected = expectedCheckpointArgument(request);
  if (typeof handler !== 'function') throw new EventStoreError('handler: expected a function', { code: 'EVENT_STORE_INVALID_ARGUMENT' });
  let handlerThrew = false;
  const run = statements.database.transaction((): ProcessingResult<T> => {
    const current = statements.readCheckpoint(processorId);
    if (current !== expected) return { ok: false, reason: 'MISMATCH', current };
    let value: T;
    try {
      value = handler({ database: statements.database, processorId, checkpoint: position });
    } catch (error) {
      handlerThrew = true;
      throw error;
    }
    if (isThenable(value)) {
      throw new EventStoreError('handler: returned a promise; a SQLite transaction cannot span an await, so apply events synchronously', { code: 'EVENT_STORE_INVALID_ARGUMENT' });
    }
    const stored = statements.storeCheckpoint(processorId, position, expected);
    if (!stored.ok) return stored;
    return { ok: true, checkpoint: position, value };
  });
  try {
    return run.immediate();
  } catch (error) {
    // The handler's own errors (its SQL included) go back as they are; the rest is the store's.
    throw handlerThrew ? error : sqliteFault(error);
  }
}
