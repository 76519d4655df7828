/**
 * The relay: follows the chaincode's events through fabric-gateway from a durable position and
 * appends each domain event to its aggregate's stream, so a replay after a crash never
 * duplicates and never skips (DESIGN.md, "Facts about event stores").
 *
 * - Event ids come from (transaction id, index), and every append names the exact revision the
 *   relay expects. A stream the relay has not touched since it started is first read at its tail:
 *   if the tail is this transaction's event, the append already happened (a crash came between it
 *   and the position) and is skipped. Only the transaction after the stored position can be in
 *   that state, because the position is stored after each transaction's appends.
 * - The position (block, ordinal of the event in the block) is a compare-and-set checkpoint: a
 *   second relay instance cannot silently overwrite the first's progress.
 * - When the event stream fails (peer restart, network), the relay resubscribes from its
 *   position after a pause, as fabric-gateway leaves resubscription to the application.
 */
import type { AppendRequest, EventStore } from '../eventStore/eventStore';
import { NO_STREAM, type ExpectedRevision } from '../eventStore/expectedRevision';
import { BACKWARDS, END } from '../eventStore/position';
import { domainEventAppends, type StreamAppend } from './domainEventAppends';
import { packRelayPosition, unpackRelayPosition, type RelayPosition } from './relayPosition';

/** One chaincode event, as fabric-gateway's `Network.getChaincodeEvents` yields it. */
export interface ChaincodeEventLike {
  readonly blockNumber: bigint;
  readonly transactionId: string;
  readonly eventName: string;
  readonly payload: Uint8Array;
}

/** A stream of chaincode events that can be closed. */
export type ChaincodeEventStream = AsyncIterable<ChaincodeEventLike> & { close(): void };

/** The part of fabric-gateway's `Network` the relay needs. */
export interface ChaincodeEventSource {
  getChaincodeEvents(chaincodeName: string, options: { startBlock: bigint }): Promise<ChaincodeEventStream>;
}

/** Options of {@link ChaincodeEventRelay}. */
export interface ChaincodeEventRelayOptions {
  readonly source: ChaincodeEventSource;
  readonly chaincodeName: string;
  readonly store: EventStore;
  /** The checkpoint's processor id; `relay` by default. */
  readonly processorId?: string;
  /** The chaincode event carrying EventBatches; `suitrust` by default. */
  readonly eventName?: string;
  /** Pause before resubscribing after a failure; 1,000 ms by default. */
  readonly retryDelayMs?: number;
  /** Told of each failure the relay recovers from by resubscribing. */
  readonly onError?: (error: unknown) => void;
}

/** Relays chaincode events into the event store. */
export class ChaincodeEventRelay {
  readonly #options: ChaincodeEventRelayOptions;
  readonly #processorId: string;
  /** Next expected revision of each stream appended to since start (the relay is its only writer). */
  readonly #revisions = new Map<string, ExpectedRevision>();
  #checkpoint: bigint | null = null;

  constructor(options: Readonly<ChaincodeEventRelayOptions>) {
    this.#options = options;
    this.#processorId = options.processorId ?? 'relay';
  }

  /**
   * Relays until `signal` aborts, resubscribing after failures.
   * @example
   * ```ts
   * const relay = new ChaincodeEventRelay({ source: gateway.getNetwork('suitrust'), chaincodeName: 'suitrust', store });
   * const controller = new AbortController();
   * const running = relay.run(controller.signal); // resubscribes from its checkpoint after each failure
   * // …
   * controller.abort();
   * await running;
   * ```
   */
  async run(signal: AbortSignal): Promise<void> {
    this.#checkpoint = await this.#options.store.readCheckpoint(this.#processorId);
    while (!signal.aborted) {
      let events: ChaincodeEventStream | undefined;
      const onAbort = (): void => events?.close();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const from = this.#checkpoint === null ? undefined : unpackRelayPosition(this.#checkpoint);
        events = await this.#options.source.getChaincodeEvents(this.#options.chaincodeName, { startBlock: from?.blockNumber ?? 0n });
        let block = -1n;
        let ordinal = 0;
        for await (const event of events) {
          if (signal.aborted) break;
          ordinal = event.blockNumber === block ? ordinal + 1 : 0;
          block = event.blockNumber;
          // Events of the resumed block up to the stored position were relayed already.
          if (from && event.blockNumber === from.blockNumber && ordinal <= from.ordinal) continue;
          await this.#relay(event, { blockNumber: event.blockNumber, ordinal });
        }
      } catch (error) {
        if (signal.aborted) break;
        this.#options.onError?.(error);
        await delay(this.#options.retryDelayMs ?? 1000, signal);
      } finally {
        signal.removeEventListener('abort', onAbort);
        events?.close();
      }
    }
  }

  async #relay(event: ChaincodeEventLike, position: RelayPosition): Promise<void> {
    const eventName = this.#options.eventName ?? 'suitrust';
    if (event.eventName === eventName) {
      const appends = domainEventAppends(event.payload, event.blockNumber);
      const requests: AppendRequest[] = [];
      for (const append of appends) {
        const expectedRevision = await this.#expectedRevision(append);
        if (expectedRevision !== undefined) requests.push({ stream: append.stream, events: append.events, expectedRevision });
      }
      const results = requests.length > 0 ? await this.#options.store.appendMany(requests) : [];
      results.forEach((result, index) => this.#revisions.set((requests[index] as AppendRequest).stream, result.nextExpectedRevision));
    }
    const packed = packRelayPosition(position);
    const stored = await this.#options.store.storeCheckpoint(this.#processorId, packed, { expected: this.#checkpoint });
    if (!stored.ok) throw new Error(`relay ${this.#processorId}: its checkpoint moved to ${String(stored.current)}; another relay instance is running`);
    this.#checkpoint = packed;
  }

  /** The revision to append at, or `undefined` when these events are in the stream already. */
  async #expectedRevision(append: StreamAppend): Promise<ExpectedRevision | undefined> {
    const known = this.#revisions.get(append.stream);
    if (known !== undefined) return known;
    const [tail] = await this.#options.store.readStream(append.stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    if (!tail) return NO_STREAM;
    if (append.events.some((event) => event.id === tail.id)) {
      this.#revisions.set(append.stream, tail.revision);
      return undefined;
    }
    return tail.revision;
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
