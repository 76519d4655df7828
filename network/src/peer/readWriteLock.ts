/**
 * A many-readers, one-writer lock: simulations read the world state under the read side, so a
 * block's commit (the write side) never lands in the middle of one, as Fabric's transaction
 * manager guarantees with its state lock. A waiting writer blocks new readers, so commits are
 * never starved by a stream of evaluations.
 */
export class ReadWriteLock {
  #readers = 0;
  #writing = false;
  #waitingWriters: (() => void)[] = [];
  #waitingReaders: (() => void)[] = [];

  /** Runs `work` while holding the read side. */
  async read<T>(work: () => Promise<T>): Promise<T> {
    // Ownership is handed over by #wake: a woken reader has already been counted.
    if (this.#writing || this.#waitingWriters.length > 0) await new Promise<void>((resolve) => this.#waitingReaders.push(resolve));
    else this.#readers++;
    try {
      return await work();
    } finally {
      this.#readers--;
      this.#wake();
    }
  }

  /** Runs `work` while holding the write side, alone. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    if (this.#writing || this.#readers > 0) await new Promise<void>((resolve) => this.#waitingWriters.push(resolve));
    else this.#writing = true;
    try {
      return await work();
    } finally {
      this.#writing = false;
      this.#wake();
    }
  }

  #wake(): void {
    if (this.#writing) return;
    const writer = this.#readers === 0 ? this.#waitingWriters.shift() : undefined;
    if (writer) {
      this.#writing = true;
      writer();
      return;
    }
    if (this.#waitingWriters.length === 0 && this.#waitingReaders.length > 0) {
      const readers = this.#waitingReaders;
      this.#waitingReaders = [];
      this.#readers += readers.length;
      for (const reader of readers) reader();
    }
  }
}
