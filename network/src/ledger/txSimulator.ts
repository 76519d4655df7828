/**
 * Simulates one transaction against committed state and records its read-write set as a Fabric
 * peer does: the version of every key read (absent keys read as "no version"), the keys and
 * versions seen by every range query (for phantom-read validation), and the writes, which
 * later reads of the same transaction do not see (Fabric has no read-your-writes).
 */
import type { Version } from './version';
import type { KeyModification, StateEntry, WorldStateReader } from './worldState';

/** Reads of one range query, for phantom validation at commit. */
export interface RangeRead {
  readonly startKey: string;
  readonly endKey: string;
  readonly reads: readonly { readonly key: string; readonly version: Version }[];
}

/** A transaction's read-write set in one namespace. */
export interface ReadWriteSet {
  readonly namespace: string;
  /** Keys read and the version seen; `undefined` when the key did not exist. */
  readonly reads: ReadonlyMap<string, Version | undefined>;
  readonly ranges: readonly RangeRead[];
  /** Keys written; `null` deletes. */
  readonly writes: ReadonlyMap<string, Uint8Array | null>;
}

/** The simulator of one transaction. */
export class TxSimulator {
  readonly #state: WorldStateReader;
  readonly #namespace: string;
  readonly #reads = new Map<string, Version | undefined>();
  readonly #ranges: RangeRead[] = [];
  readonly #writes = new Map<string, Uint8Array | null>();

  constructor(state: WorldStateReader, namespace: string) {
    this.#state = state;
    this.#namespace = namespace;
  }

  /** The committed value of `key` (empty when absent), recording the version read. */
  async getState(key: string): Promise<Uint8Array> {
    const committed = await this.#state.get(this.#namespace, key);
    if (!this.#reads.has(key)) this.#reads.set(key, committed?.version);
    return committed?.value ?? new Uint8Array();
  }

  /** Records a write. */
  putState(key: string, value: Uint8Array): void {
    this.#writes.set(key, value);
  }

  /** Records a delete. */
  deleteState(key: string): void {
    this.#writes.set(key, null);
  }

  /** Committed entries in `[startKey, endKey)`, recording the range for phantom validation. */
  async getStateByRange(startKey: string, endKey: string): Promise<StateEntry[]> {
    const entries = await this.#state.range(this.#namespace, startKey, endKey);
    this.#ranges.push({ startKey, endKey, reads: entries.map(({ key, version }) => ({ key, version })) });
    return entries;
  }

  /** Every committed change of `key`, newest first. Not part of the read set, as in Fabric. */
  async getHistoryForKey(key: string): Promise<KeyModification[]> {
    return this.#state.history(this.#namespace, key);
  }

  /** The read-write set recorded so far. */
  readWriteSet(): ReadWriteSet {
    return { namespace: this.#namespace, reads: new Map(this.#reads), ranges: [...this.#ranges], writes: new Map(this.#writes) };
  }
}
