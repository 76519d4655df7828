/**
 * An in-memory stand-in for a KurrentDB server behind the client's API, so the adapter's own
 * logic (conflict resolution by tail comparison, exclusive `$all` reads over KurrentDB's inclusive
 * ones, appendMany pipelining, checkpoint streams, subscriptions) runs through the behaviour table
 * on a machine without a server. It models what the adapter relies on, pessimistically: no cache
 * of recent ids (every retry at a stale revision is refused, as for ids KurrentDB has forgotten),
 * `$all` reads inclusive of their start and subscriptions exclusive, positions as byte offsets
 * (commit = prepare, with gaps), system events filtered by the filter's regex, and errors as the
 * client's own classes. It proves nothing about a real server: `kurrentEventStore.int.test.ts`
 * does, given one.
 */
import type { AllStreamResolvedEvent, AllStreamSubscription, AppendResult, EventData, KurrentDBClient, Position, ReadAllOptions, ReadStreamOptions, SubscribeToAllOptions } from '@kurrent/kurrentdb-client';
import type { KurrentApi } from './loadKurrentClient';

interface StoredEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: Buffer;
  readonly metadata: Buffer;
  readonly created: Date;
  readonly position: Position;
}

function resolved(event: StoredEvent): AllStreamResolvedEvent {
  const metadataText = event.metadata.toString('utf8');
  return {
    event: {
      streamId: event.streamId,
      id: event.id,
      revision: event.revision,
      type: event.type,
      isJson: event.isJson,
      data: event.isJson ? JSON.parse(event.data.toString('utf8')) : Buffer.from(event.data),
      metadata: metadataText === '' ? undefined : JSON.parse(metadataText),
      created: event.created,
      position: event.position,
    },
  } as AllStreamResolvedEvent;
}

const before = (a: Position, b: Position): boolean => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);

/**
 * Creates the fake client.
 * @param api - the real client module (for its error classes and constants).
 * @returns an object that answers the calls the adapter makes.
 */
export function fakeKurrentClient(api: KurrentApi): KurrentDBClient {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const waiters = new Set<() => void>();
  let offset = 1000n;

  const fake = {
    async appendToStream(streamName: string, input: EventData | EventData[], options: { streamState?: unknown } = {}): Promise<AppendResult> {
      await Promise.resolve(); // a network round trip: let concurrent calls interleave
      const events = Array.isArray(input) ? input : [input];
      const stream = streams.get(streamName) ?? [];
      const current = stream.length === 0 ? api.NO_STREAM : BigInt(stream.length - 1);
      const expected = options.streamState ?? api.ANY;
      const ok = expected === api.ANY || (expected === api.NO_STREAM ? current === api.NO_STREAM : expected === api.STREAM_EXISTS ? current !== api.NO_STREAM : expected === current);
      if (!ok) throw new api.WrongExpectedVersionError(undefined, { streamName, current, expected: expected as bigint });
      for (const event of events) {
        const data = event.contentType === 'application/json' ? Buffer.from(JSON.stringify(event.data)) : Buffer.from(event.data as Uint8Array);
        const metadata = event.metadata === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(event.metadata));
        offset += 37n + BigInt(data.length); // positions are log offsets: increasing, with gaps
        const stored: StoredEvent = { streamId: streamName, id: event.id, revision: BigInt(stream.length), type: event.type, isJson: event.contentType === 'application/json', data, metadata, created: new Date(), position: { commit: offset, prepare: offset } };
        stream.push(stored);
        log.push(stored);
      }
      streams.set(streamName, stream);
      for (const waiter of [...waiters]) waiter();
      return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: stream[stream.length - 1]?.position };
    },

    readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
      return (async function* () {
        await Promise.resolve();
        const stream = streams.get(streamName);
        if (stream === undefined) throw new api.StreamNotFoundError(undefined, streamName);
        const forwards = (options.direction ?? api.FORWARDS) === api.FORWARDS;
        const from = options.fromRevision ?? (forwards ? api.START : api.END);
        // END is past the last event: nothing forwards, the last event first backwards.
        const start = from === api.START ? 0n : from === api.END ? (forwards ? BigInt(stream.length) : BigInt(stream.length - 1)) : from;
        const selected = forwards ? stream.filter((event) => event.revision >= start) : stream.filter((event) => event.revision <= start).reverse();
        for (const event of selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER))) yield resolved(event);
      })();
    },

    readAll(options: ReadAllOptions = {}): AsyncIterableIterator<AllStreamResolvedEvent> {
      return (async function* () {
        await Promise.resolve();
        const forwards = (options.direction ?? api.FORWARDS) === api.FORWARDS;
        const from = options.fromPosition ?? (forwards ? api.START : api.END);
        const regex = options.filter && 'regex' in options.filter ? new RegExp(options.filter.regex) : undefined;
        const wanted = (event: (typeof log)[number]): boolean => regex === undefined || regex.test(event.type);
        // Inclusive of `from` in both directions, as the server reads $all.
        const selected = forwards
          ? log.filter((event) => (from === api.START ? true : from === api.END ? false : !before(event.position, from)) && wanted(event))
          : log.filter((event) => (from === api.END ? true : from === api.START ? false : !before(from, event.position)) && wanted(event)).reverse();
        for (const event of selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER))) yield resolved(event);
      })();
    },

    subscribeToAll(options: SubscribeToAllOptions = {}): AllStreamSubscription {
      const from = options.fromPosition ?? api.START;
      const regex = options.filter && 'regex' in options.filter ? new RegExp(options.filter.regex) : undefined;
      let next = from === api.START ? 0 : from === api.END ? log.length : log.findIndex((event) => before(from, event.position));
      if (next < 0) next = log.length;
      let stopped = false;
      let wake: (() => void) | undefined;
      const subscription = {
        async *[Symbol.asyncIterator]() {
          while (!stopped) {
            const event = log[next];
            if (event === undefined) {
              await new Promise<void>((resolve) => {
                wake = () => {
                  waiters.delete(wake as () => void);
                  resolve();
                };
                waiters.add(wake);
              });
              continue;
            }
            next++;
            if (regex === undefined || regex.test(event.type)) yield resolved(event);
          }
        },
        async unsubscribe() {
          stopped = true;
          wake?.();
        },
      };
      return subscription as unknown as AllStreamSubscription;
    },

    async dispose(): Promise<void> {},
  };
  return fake as unknown as KurrentDBClient;
}
