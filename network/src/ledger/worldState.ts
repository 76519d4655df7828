import type { Version } from './version';

/** A committed value and its version. */
export interface VersionedValue {
  readonly value: Uint8Array;
  readonly version: Version;
}

/** One committed change of a key, as the history index keeps it. */
export interface KeyModification {
  readonly txId: string;
  readonly value: Uint8Array;
  readonly isDelete: boolean;
  readonly timestamp: { readonly seconds: number; readonly nanos: number };
}

/** A key and its committed value. */
export interface StateEntry extends VersionedValue {
  readonly key: string;
}

/**
 * What simulation reads: the committed world state of each chaincode namespace, and the
 * history of every key. Simulation never sees uncommitted writes.
 */
export interface WorldStateReader {
  /** The committed value of `key`, or `undefined`. */
  get(namespace: string, key: string): Promise<VersionedValue | undefined>;
  /** Committed entries with `startKey <= key < endKey` in Fabric key order (`endKey` '' means no end). */
  range(namespace: string, startKey: string, endKey: string): Promise<StateEntry[]>;
  /** Every committed change of `key`, newest first (as Fabric's history database answers). */
  history(namespace: string, key: string): Promise<KeyModification[]>;
}

/** One transaction's writes to commit. */
export interface TransactionWrites {
  readonly txId: string;
  readonly version: Version;
  readonly timestamp: { readonly seconds: number; readonly nanos: number };
  readonly namespace: string;
  /** `null` deletes the key. */
  readonly writes: ReadonlyMap<string, Uint8Array | null>;
}

/** A world state that valid transactions are committed to. */
export interface WorldState extends WorldStateReader {
  /** Applies a valid transaction's writes and records them in the history index. */
  commit(transaction: TransactionWrites): Promise<void>;
}
