import { compareKeys } from './version';
import type { KeyModification, StateEntry, TransactionWrites, VersionedValue, WorldState } from './worldState';

/** A world state held in memory: for tests and for a peer that replays its blocks at start. */
export class MemoryWorldState implements WorldState {
  readonly #values = new Map<string, Map<string, VersionedValue>>();
  readonly #history = new Map<string, Map<string, KeyModification[]>>();

  async get(namespace: string, key: string): Promise<VersionedValue | undefined> {
    return this.#values.get(namespace)?.get(key);
  }

  async range(namespace: string, startKey: string, endKey: string): Promise<StateEntry[]> {
    const entries: StateEntry[] = [];
    for (const [key, value] of this.#values.get(namespace) ?? []) {
      if (compareKeys(key, startKey) >= 0 && (endKey === '' || compareKeys(key, endKey) < 0)) entries.push({ key, ...value });
    }
    return entries.sort((a, b) => compareKeys(a.key, b.key));
  }

  async history(namespace: string, key: string): Promise<KeyModification[]> {
    return [...(this.#history.get(namespace)?.get(key) ?? [])].reverse();
  }

  async commit(transaction: TransactionWrites): Promise<void> {
    const values = mapFor(this.#values, transaction.namespace);
    const history = mapFor(this.#history, transaction.namespace);
    for (const [key, value] of transaction.writes) {
      if (value === null) values.delete(key);
      else values.set(key, { value, version: transaction.version });
      const modifications = history.get(key) ?? [];
      modifications.push({ txId: transaction.txId, value: value ?? new Uint8Array(), isDelete: value === null, timestamp: transaction.timestamp });
      history.set(key, modifications);
    }
  }
}

function mapFor<V>(maps: Map<string, Map<string, V>>, namespace: string): Map<string, V> {
  let map = maps.get(namespace);
  if (!map) maps.set(namespace, (map = new Map()));
  return map;
}
