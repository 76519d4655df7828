/**
 * Cuts ordered envelopes into batches as Fabric's orderer does (orderer/common/blockcutter):
 * a batch closes when it reaches the maximum message count or preferred size in bytes, or when
 * the batch timeout expires after its first envelope arrived.
 */

/** Batch limits; the embedded peer's defaults are 500 transactions or 100 ms. */
export interface BatchLimits {
  readonly maxMessageCount: number;
  readonly preferredMaxBytes: number;
  readonly batchTimeoutMs: number;
}

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
