/**
 * The log follower: copies a transparency log's records into the event store (see
 * `logRecordAppends.ts` for streams, types, data and ids) from a durable checkpoint, so read
 * models see reported exchanges and bulk evidence beside the chaincode's events.
 *
 * **No duplicate, no gap across a crash.** The checkpoint is the number of records relayed, stored
 * compare-and-set after each batch's appends. After a restart the first batch may repeat records
 * a crash left appended but not checkpointed, possibly in other batch boundaries; so a stream the
 * follower has not written since it started is first read at its tail, and only the records after
 * the tail's `leafIndex` are appended, at the tail's exact revision. Event ids come from (origin,
 * leaf index), so a store that checks ids refuses any duplicate as well. This assumes one log
 * writes these streams (the gateway's): leaf indexes of two logs are not comparable.
 */
import type { AppendRequest, EventStore } from '../eventStore/eventStore';
import { NO_STREAM, type ExpectedRevision } from '../eventStore/expectedRevision';
import type { EventToAppend } from '../eventStore/eventData';
import { BACKWARDS, END } from '../eventStore/position';
import { logRecordAppends, type LogLeaf } from './logRecordAppends';

/** What the follower reads of a transparency log (`@suitrust/proofs`' `TransparencyLog` is one). */
export interface LogRecordSource {
  /** The log's origin. */
  readonly origin: string;
  /** Records durably appended. */
  readonly size: number;
  /** Record `index`'s bytes. */
  record(index: number): Promise<Uint8Array>;
}

/** Options of {@link LogRecordRelay}. */
export interface LogRecordRelayOptions {
  readonly source: LogRecordSource;
  readonly store: EventStore;
  /** The checkpoint's processor id; `log-relay:<origin>` by default. */
  readonly processorId?: string;
  /** Records per batch (one appendMany and one checkpoint); 500 by default. */
  readonly batchSize?: number;
  /** Pause when the follower has caught up, or after a failure; 200 ms by default. */
  readonly pollMs?: number;
  /** Told of each failure the follower recovers from by retrying. */
  readonly onError?: (error: unknown) => void;
}

/** Follows a transparency log into the event store. */
export class LogRecordRelay {
  readonly #options: LogRecordRelayOptions;
  readonly #processorId: string;
  /** Next expected revision of each stream written since start (the follower is its only writer). */
  readonly #revisions = new Map<string, ExpectedRevision>();
  #checkpoint: bigint | null | undefined;

  constructor(options: Readonly<LogRecordRelayOptions>) {
    this.#options = options;
    this.#processorId = options.processorId ?? `log-relay:${options.source.origin}`;
  }

  /**
   * Follows the log until `signal` aborts, retrying after failures.
   * @example
   * ```ts
   * const follower = new LogRecordRelay({ source: transparencyLog, store });
   * const controller = new AbortController();
   * const running = follower.run(controller.signal); // resumes from its checkpoint
   * // …
   * controller.abort();
   * await running;
   * ```
   */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let relayed = 0;
      try {
        relayed = await this.relayAvailable();
      } catch (error) {
        if (signal.aborted) break;
        this.#options.onError?.(error);
        this.#checkpoint = undefined;
      }
      if (relayed === 0) await delay(this.#options.pollMs ?? 200, signal);
    }
  }

  /**
   * Relays one batch of the records after the checkpoint.
   * @returns how many records it relayed (0 when caught up)
   * @throws {Error} when the checkpoint moved under it (another follower runs) or the store fails
   */
  async relayAvailable(): Promise<number> {
    if (this.#checkpoint === undefined) this.#checkpoint = await this.#options.store.readCheckpoint(this.#processorId);
    const from = Number(this.#checkpoint ?? 0n);
    const to = Math.min(this.#options.source.size, from + (this.#options.batchSize ?? 500));
    if (to <= from) return 0;
    const leaves: LogLeaf[] = [];
    for (let leafIndex = from; leafIndex < to; leafIndex++) leaves.push({ leafIndex, record: await this.#options.source.record(leafIndex) });
    const requests: AppendRequest[] = [];
    for (const append of logRecordAppends(this.#options.source.origin, leaves)) {
      const pending = await this.#pending(append.stream, append.events);
      if (pending) requests.push({ stream: append.stream, events: pending.events, expectedRevision: pending.expectedRevision });
    }
    const results = requests.length > 0 ? await this.#options.store.appendMany(requests) : [];
    results.forEach((result, index) => this.#revisions.set((requests[index] as AppendRequest).stream, result.nextExpectedRevision));
    const next = BigInt(to);
    const stored = await this.#options.store.storeCheckpoint(this.#processorId, next, { expected: this.#checkpoint });
    if (!stored.ok) throw new Error(`log relay ${this.#processorId}: its checkpoint moved to ${String(stored.current)}; another follower is running`);
    this.#checkpoint = next;
    return to - from;
  }

  /** The events still to append to `stream` and the revision to append them at, or `undefined` when all are there. */
  async #pending(stream: string, events: readonly EventToAppend[]): Promise<{ events: readonly EventToAppend[]; expectedRevision: ExpectedRevision } | undefined> {
    const known = this.#revisions.get(stream);
    if (known !== undefined) return { events, expectedRevision: known };
    const [tail] = await this.#options.store.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    if (!tail) return { events, expectedRevision: NO_STREAM };
    const tailIndex = Number(tail.metadata?.['leafIndex'] ?? -1);
    const missing = events.filter((event) => Number(event.metadata?.['leafIndex']) > tailIndex);
    if (missing.length === 0) {
      this.#revisions.set(stream, tail.revision);
      return undefined;
    }
    return { events: missing, expectedRevision: tail.revision };
  }
}

/** Waits `ms` or until `signal` aborts; removes its listener either way (the follower polls often). */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
