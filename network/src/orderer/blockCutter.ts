/**
 * Cuts ordered envelopes into batches as Fabric's orderer does (orderer/common/blockcutter):
 * a batch closes when it reaches the maximum message count or preferred size in bytes, or when
 * the batch timeout expires after its first envelope arrived.
 */

/** Batch limits. */
export interface BatchLimits {
  readonly maxMessageCount: number;
  readonly preferredMaxBytes: number;
  readonly batchTimeoutMs: number;
}

/**
 * The embedded peer's limits: 500 transactions, 512 KiB or 20 ms. A single-process ledger needs
 * no long timeout to gather a multi-site round; 20 ms keeps a write's latency low and, with group
 * commit, lets it commit ≈ 1,500 writes/s where 100 ms allowed ≈ 900 (BENCHMARKS.md).
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxMessageCount: 500, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 };

/** Accumulates envelopes and hands each closed batch to `cut`, in order. */
export class BlockCutter {
  readonly #limits: BatchLimits;
  readonly #cut: (batch: Uint8Array[]) => void;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(limits: Readonly<BatchLimits>, cut: (batch: Uint8Array[]) => void) {
    this.#limits = limits;
    this.#cut = cut;
  }

  /** Adds an envelope; may close the batch at once. */
  add(envelope: Uint8Array): void {
    // An envelope that would overflow the preferred size closes the batch before it, as Fabric does.
    if (this.#pending.length > 0 && this.#pendingBytes + envelope.length > this.#limits.preferredMaxBytes) this.flush();
    this.#pending.push(envelope);
    this.#pendingBytes += envelope.length;
    if (this.#pending.length >= this.#limits.maxMessageCount || this.#pendingBytes >= this.#limits.preferredMaxBytes) {
      this.flush();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.#limits.batchTimeoutMs);
    }
  }

  /** Closes the pending batch now, if there is one. */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#cut(batch);
  }
}
