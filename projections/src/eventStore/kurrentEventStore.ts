/**
 * The KurrentDB event store, for production, through `@kurrent/kurrentdb-client` (loaded only
 * when a connection string is configured).
 *
 * What is atomic: one `appendToStream`, i.e. one stream's events. `appendMany` is not atomic
 * across streams: it pipelines one append per stream (requests to one stream in order), because
 * one KurrentDB append costs milliseconds (an fsync on the server) and a writer that awaited each
 * append in turn could not reach a thousand appends a second. A failed batch is retried whole:
 * with exact expected revisions and deterministic ids the appends that did land are recognised
 * as already applied (`appendConflict.ts`), even once KurrentDB's cache of recent ids has
 * forgotten them. (KurrentDB 25.1's multi-stream append would make a batch atomic; it is not
 * used, so that any KurrentDB from 22.6 on serves.)
 *
 * System events (types starting with `$`) are left out of `readAll` and `subscribeToAll`, by the
 * server's filter; checkpoints are stored as such events (`kurrent/checkpointStream.ts`).
 */
import type { KurrentDBClient, AppendResult as KurrentAppendResult } from '@kurrent/kurrentdb-client';
import { appendArgument, appendManyArgument, assertProcessorId, assertStreamName, type CheckedAppend, countArgument, expectedCheckpointArgument, positionArgument, readPositionArgument, readStreamBounds } from './assertArguments';
import { resolveAppendConflict } from './appendConflict';
import type { StoreCheckpointOptions, StoreCheckpointResult } from './checkpointStore';
import type { EventToAppend, RecordedEvent } from './eventData';
import { type AppendOptions, type AppendRequest, type AppendResult, DEFAULT_READ_ALL_MAX_COUNT, type EventStore, type EventSubscription, type ReadAllOptions, type ReadStreamOptions, type SubscribeToAllOptions } from './eventStore';
import { EventStoreError } from './eventStoreError';
import { type ActualRevision, NO_STREAM } from './expectedRevision';
import { BACKWARDS, END, FORWARDS, type Position, START } from './position';
import { readCheckpointEvent, storeCheckpointEvent } from './kurrent/checkpointStream';
import { fromKurrentEvent, toKurrentEvent } from './kurrent/kurrentEvents';
import { kurrentErrorType, kurrentFault } from './kurrent/kurrentFault';
import { fromKurrentPosition, toKurrentPosition } from './kurrent/kurrentPosition';
import { KurrentSubscription } from './kurrent/kurrentSubscription';
import { type KurrentApi, loadKurrentClient } from './kurrent/loadKurrentClient';

/** How many streams `appendMany` appends to at once. */
export const APPEND_PIPELINE_DEPTH = 64;

class KurrentEventStoreImpl implements EventStore {
  readonly #api: KurrentApi;
  readonly #client: KurrentDBClient;
  readonly #subscriptions = new Set<KurrentSubscription>();
  #closed = false;

  constructor(options: Readonly<{ api: KurrentApi; client: KurrentDBClient }>) {
    this.#api = options.api;
    this.#client = options.client;
  }

  async appendToStream(stream: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult> {
    const append = appendArgument({ stream, events, expectedRevision: options?.expectedRevision });
    this.#assertOpen(stream);
    return this.#append(append);
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    const appends = appendManyArgument(requests);
    this.#assertOpen();
    // One chain per stream, in request order; chains run APPEND_PIPELINE_DEPTH at a time.
    const chains = new Map<string, number[]>();
    appends.forEach((append, index) => chains.set(append.stream, [...(chains.get(append.stream) ?? []), index]));
    const queue = [...chains.values()];
    const results: AppendResult[] = new Array<AppendResult>(appends.length);
    const failures = new Map<number, unknown>();
    const worker = async (): Promise<void> => {
      for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) {
        for (const index of chain) {
          try {
            results[index] = await this.#append(appends[index] as CheckedAppend);
          } catch (error) {
            failures.set(index, error);
            break; // later requests to this stream expected this one's revision
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(APPEND_PIPELINE_DEPTH, queue.length) }, worker));
    if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
    return results;
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    assertStreamName(stream);
    const { fromRevision, direction } = readStreamBounds(options?.fromRevision, options?.direction);
    const maxCount = countArgument('maxCount', options?.maxCount, Number.MAX_SAFE_INTEGER);
    this.#assertOpen(stream);
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.#client.readStream(stream, { fromRevision, direction, maxCount })) {
        if (resolved.event !== undefined) events.push(fromKurrentEvent(resolved.event));
      }
    } catch (error) {
      if (kurrentErrorType(error) === 'stream-not-found') return [];
      throw kurrentFault(error, stream);
    }
    return events;
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const from = readPositionArgument(options?.fromPosition);
    const maxCount = countArgument('maxCount', options?.maxCount, DEFAULT_READ_ALL_MAX_COUNT);
    this.#assertOpen();
    if (from === END) return [];
    // KurrentDB reads $all from a position inclusively: read one more and drop the event at `from`.
    const events: RecordedEvent[] = [];
    try {
      const read = this.#client.readAll({
        fromPosition: from === START ? START : toKurrentPosition(from),
        maxCount: from === START ? maxCount : maxCount + 1,
        direction: FORWARDS,
        filter: this.#api.excludeSystemEvents(),
      });
      for await (const resolved of read) {
        if (resolved.event === undefined) continue;
        const event = fromKurrentEvent(resolved.event);
        if (from !== START && event.position <= from) continue;
        if (events.length < maxCount) events.push(event);
      }
    } catch (error) {
      throw kurrentFault(error);
    }
    return events;
  }

  async headPosition(): Promise<Position | undefined> {
    this.#assertOpen();
    try {
      const read = this.#client.readAll({ fromPosition: END, maxCount: 1, direction: BACKWARDS, filter: this.#api.excludeSystemEvents() });
      for await (const resolved of read) {
        if (resolved.event !== undefined) return fromKurrentEvent(resolved.event).position;
      }
    } catch (error) {
      throw kurrentFault(error);
    }
    return undefined;
  }

  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    const from = readPositionArgument(options?.fromPosition);
    this.#assertOpen();
    let subscription: KurrentSubscription;
    try {
      subscription = new KurrentSubscription({
        subscription: this.#client.subscribeToAll({
          fromPosition: from === START || from === END ? from : toKurrentPosition(from),
          filter: this.#api.excludeSystemEvents(),
        }),
        onClose: (closed) => this.#subscriptions.delete(closed),
      });
    } catch (error) {
      throw kurrentFault(error);
    }
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async readCheckpoint(processorId: string): Promise<Position | null> {
    assertProcessorId(processorId);
    this.#assertOpen();
    return (await readCheckpointEvent(this.#client, processorId))?.position ?? null;
  }

  async storeCheckpoint(processorId: string, position: Position, options: StoreCheckpointOptions): Promise<StoreCheckpointResult> {
    assertProcessorId(processorId);
    const checked = positionArgument('position', position);
    const expected = expectedCheckpointArgument(options);
    this.#assertOpen();
    return storeCheckpointEvent(this.#api, this.#client, processorId, checked, expected);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#subscriptions].map((subscription) => subscription.close()));
    await this.#client.dispose();
  }

  async #append(append: CheckedAppend): Promise<AppendResult> {
    const { stream, events, expectedRevision } = append;
    let result: KurrentAppendResult;
    try {
      result = await this.#client.appendToStream(
        stream,
        events.map((event) => toKurrentEvent(this.#api, event)),
        { streamState: expectedRevision },
      );
    } catch (error) {
      if (kurrentErrorType(error) !== 'wrong-expected-version') throw kurrentFault(error, stream);
      const actualRevision = (error as { actualState?: ActualRevision }).actualState ?? NO_STREAM;
      return resolveAppendConflict({ stream, events, expectedRevision, actualRevision, readStream: (name, options) => this.readStream(name, options), cause: error });
    }
    if (!result.success) {
      // The connection string set throwOnAppendFailure=false: the refusal comes back as a result.
      const actualRevision: ActualRevision = result.nextExpectedRevision < 0n ? NO_STREAM : result.nextExpectedRevision;
      return resolveAppendConflict({ stream, events, expectedRevision, actualRevision, readStream: (name, options) => this.readStream(name, options) });
    }
    if (result.position !== undefined) return { nextExpectedRevision: result.nextExpectedRevision, position: fromKurrentPosition(result.position) };
    const [last] = await this.readStream(stream, { fromRevision: result.nextExpectedRevision, maxCount: 1 });
    if (last === undefined) throw new EventStoreError(`stream ${JSON.stringify(stream)}: revision ${result.nextExpectedRevision} missing right after the append`, { code: 'EVENT_STORE_FAILURE', stream });
    return { nextExpectedRevision: result.nextExpectedRevision, position: last.position };
  }

  #assertOpen(stream?: string): void {
    if (this.#closed) throw new EventStoreError('the KurrentDB event store is closed', { code: 'EVENT_STORE_CLOSED', stream });
  }
}

/**
 * Wraps a client already made (what {@link openKurrentEventStore} does after connecting; tests
 * pass a stand-in for the server).
 * @param options - the loaded client module and a client.
 * @returns the store.
 */
export function createKurrentEventStore(options: Readonly<{ api: KurrentApi; client: KurrentDBClient }>): EventStore {
  return new KurrentEventStoreImpl(options);
}

/**
 * Connects to KurrentDB (loading its client now, and only now).
 * @param connectionString - e.g. `kurrentdb://admin:changeit@localhost:2113?tls=false`, or
 *   `kurrentdb+discover://…` for a cluster.
 * @returns the store; the connection is made at its first call.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` for a malformed connection string,
 *   `EVENT_STORE_FAILURE` when the client cannot be loaded.
 */
export async function openKurrentEventStore(connectionString: string): Promise<EventStore> {
  if (typeof connectionString !== 'string' || connectionString.length === 0) {
    throw new EventStoreError('connectionString: expected a KurrentDB connection string', { code: 'EVENT_STORE_INVALID_ARGUMENT' });
  }
  let api: KurrentApi;
  try {
    api = await loadKurrentClient();
  } catch (error) {
    throw new EventStoreError('@kurrent/kurrentdb-client cannot be loaded', { code: 'EVENT_STORE_FAILURE', cause: error });
  }
  let client: KurrentDBClient;
  try {
    client = api.KurrentDBClient.connectionString(connectionString);
  } catch (error) {
    throw new EventStoreError('connectionString: malformed (not quoted here: it may hold credentials; see the cause)', { code: 'EVENT_STORE_INVALID_ARGUMENT', cause: error });
  }
  return createKurrentEventStore({ api, client });
}
