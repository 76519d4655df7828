/**
 * The embedded store's catch-up subscription: reads the global order in batches after its last
 * delivered position until a batch comes back empty, then waits for the next commit in this
 * process (or the poll interval, for writers in other processes) and reads on. Positions commit
 * in order and without gaps, so "after the last delivered position" can neither skip nor repeat
 * an event, whether it was stored before the subscription started or appended while it ran.
 */
import type { RecordedEvent } from '../eventData';
import type { EventSubscription } from '../eventStore';
import { EventStoreError } from '../eventStoreError';
import type { AppendSignal } from './appendSignal';
import type { ReadAllBatchStatement } from './readAllBatch';
import { sqliteFault } from './sqliteFault';

/** Events read per batch while catching up. */
const CATCH_UP_BATCH = 500;

/** Options of the {@link SqliteSubscription} constructor. */
export interface SqliteSubscriptionOptions {
  /** Deliver events after this position (0 for all). */
  readonly after: bigint;
  /** The store's prepared global read. */
  readonly readAllBatch: ReadAllBatchStatement;
  /** The store's commit signal. */
  readonly signal: AppendSignal;
  /** How often to look for appends made by other processes, in milliseconds. */
  readonly pollIntervalMs: number;
  /** Called once when the subscription ends, however it ends. */
  readonly onClose: (subscription: SqliteSubscription) => void;
}

/** A catch-up subscription over a SQLite store; see {@link EventSubscription}. */
export class SqliteSubscription implements EventSubscription {
  readonly #readAllBatch: ReadAllBatchStatement;
  readonly #signal: AppendSignal;
  readonly #pollIntervalMs: number;
  readonly #onClose: (subscription: SqliteSubscription) => void;
  #after: bigint;
  #iterated = false;
  #closed = false;
  #wake: (() => void) | undefined;

  /** @param options - start position, statements, signal and poll interval. */
  constructor(options: Readonly<SqliteSubscriptionOptions>) {
    this.#after = options.after;
    this.#readAllBatch = options.readAllBatch;
    this.#signal = options.signal;
    this.#pollIntervalMs = options.pollIntervalMs;
    this.#onClose = options.onClose;
  }

  /** @inheritDoc */
  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.#iterated) throw new EventStoreError('a subscription can be iterated once', { code: 'EVENT_STORE_INVALID_ARGUMENT' });
    this.#iterated = true;
    return this.#events();
  }

  /** @inheritDoc */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#wake?.();
    this.#onClose(this);
  }

  async *#events(): AsyncGenerator<RecordedEvent, void, undefined> {
    try {
      while (!this.#closed) {
        let batch: RecordedEvent[];
        try {
          batch = this.#readAllBatch(this.#after, CATCH_UP_BATCH);
        } catch (error) {
          if (this.#closed) return;
          throw sqliteFault(error);
        }
        if (batch.length === 0) {
          await this.#nextCommit();
          continue;
        }
        for (const event of batch) {
          if (this.#closed) return;
          this.#after = event.position;
          yield event;
        }
      }
    } finally {
      await this.close();
    }
  }

  /** Resolves at the next local commit, after the poll interval, or on close. */
  #nextCommit(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        unregister();
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.#pollIntervalMs);
      const unregister = this.#signal.once(done);
      this.#wake = done;
    });
  }
}
