/**
 * A KurrentDB catch-up subscription to `$all` as an {@link EventSubscription}. KurrentDB's
 * `subscribeToAll` already has the semantics the interface states (catch-up, then live, from an
 * exclusive position); this wrapper converts events, leaves system events out (by the server's
 * filter), maps errors, and closes by unsubscribing.
 */
import type { AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../eventData';
import type { EventSubscription } from '../eventStore';
import { EventStoreError } from '../eventStoreError';
import { fromKurrentEvent } from './kurrentEvents';
import { kurrentFault } from './kurrentFault';

/** Options of the {@link KurrentSubscription} constructor. */
export interface KurrentSubscriptionOptions {
  /** The client's subscription. */
  readonly subscription: AllStreamSubscription;
  /** Called once when the subscription ends, however it ends. */
  readonly onClose: (subscription: KurrentSubscription) => void;
}

/** A KurrentDB `$all` subscription; see {@link EventSubscription}. */
export class KurrentSubscription implements EventSubscription {
  readonly #subscription: AllStreamSubscription;
  readonly #onClose: (subscription: KurrentSubscription) => void;
  #iterated = false;
  #closed = false;

  /** @param options - the client's subscription and the close callback. */
  constructor(options: Readonly<KurrentSubscriptionOptions>) {
    this.#subscription = options.subscription;
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
    this.#onClose(this);
    try {
      await this.#subscription.unsubscribe();
    } catch (error) {
      throw kurrentFault(error);
    }
  }

  async *#events(): AsyncGenerator<RecordedEvent, void, undefined> {
    try {
      for await (const resolved of this.#subscription) {
        if (this.#closed) return;
        if (resolved.event !== undefined) yield fromKurrentEvent(resolved.event);
      }
    } catch (error) {
      if (this.#closed) return;
      throw kurrentFault(error);
    } finally {
      // The iteration's own outcome (done, or its error) is what the caller needs; a failure to
      // unsubscribe from a stream that already ended adds nothing to it.
      await this.close().catch(() => undefined);
    }
  }
}
