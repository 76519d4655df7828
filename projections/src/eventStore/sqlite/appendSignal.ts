/**
 * Wakes the store's waiting subscriptions when a group of appends has committed in this process.
 * (Appends by other processes sharing the file are found by polling: see `sqliteSubscription.ts`.)
 */

/** A set of one-shot waiters, all woken by {@link AppendSignal.notify}. */
export class AppendSignal {
  readonly #waiters = new Set<() => void>();

  /**
   * Registers a one-shot waiter.
   * @param waiter - called once, at the next notification.
   * @returns a function that unregisters it.
   */
  once(waiter: () => void): () => void {
    this.#waiters.add(waiter);
    return () => this.#waiters.delete(waiter);
  }

  /** Wakes and unregisters every waiter. */
  notify(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const waiter of waiters) waiter();
  }
}
