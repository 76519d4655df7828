/**
 * A bounded, least-recently-used cache of the window tables of public keys that come back: a
 * verifier checks many signatures by the same few keys (the log's checkpoint key, a gateway's
 * receipt key), and with a table [t]P_A costs ≈ 0.3 ms instead of ≈ 1.7 ms.
 *
 * A table costs ≈ 3–6 ms to build, two or three verifications' worth, so a key gets one only on
 * its second sighting: a stream of keys each used once (fresh keys) never pays for tables, and
 * cannot push the tables of the recurring keys out, since first sightings are remembered apart.
 *
 * Generic: it knows keys as bytes and tables as values; the caller builds them.
 */

/** Options of {@link PublicKeyTables}. */
export interface PublicKeyTablesOptions {
  /** Most tables held at once; the least recently used is dropped beyond it. At least 1. */
  readonly capacity: number;
  /** Most keys remembered as seen once (a key's bytes, no table). At least 1. */
  readonly seenCapacity: number;
}

/** Tables of recently seen public keys, keyed by the key's exact bytes. */
export class PublicKeyTables<T> {
  /** Map iteration is insertion order: the first entry is the least recently used. */
  readonly #tables = new Map<string, T>();
  readonly #seen = new Map<string, true>();
  readonly #capacity: number;
  readonly #seenCapacity: number;

  /**
   * @param options - the bounds.
   * @throws {RangeError} when a bound is not a positive integer.
   */
  constructor(options: Readonly<PublicKeyTablesOptions>) {
    for (const name of ['capacity', 'seenCapacity'] as const) {
      const value = options[name];
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name}: expected a positive integer, got ${value}`);
    }
    this.#capacity = options.capacity;
    this.#seenCapacity = options.seenCapacity;
  }

  /** Number of tables held, at most `capacity`. */
  get size(): number {
    return this.#tables.size;
  }

  /**
   * The table of `publicKey` if one is held, marking it most recently used.
   * @param publicKey - the key's bytes.
   * @returns the table, or `undefined`.
   */
  get(publicKey: Uint8Array): T | undefined {
    const id = keyId(publicKey);
    const table = this.#tables.get(id);
    if (table !== undefined) {
      this.#tables.delete(id);
      this.#tables.set(id, table);
    }
    return table;
  }

  /**
   * Records a sighting of a key that {@link get} did not find; on its second sighting builds,
   * holds and returns its table. Only call it with a key already checked to be valid: a held
   * table stands for that check on later sightings of the same bytes.
   * @param publicKey - the key's bytes.
   * @param build - computes the key's table.
   * @returns the new table, or `undefined` on a first sighting.
   */
  admit(publicKey: Uint8Array, build: () => T): T | undefined {
    const id = keyId(publicKey);
    if (!this.#seen.delete(id)) {
      remember(this.#seen, id, true, this.#seenCapacity);
      return undefined;
    }
    const table = build();
    remember(this.#tables, id, table, this.#capacity);
    return table;
  }
}

/** Sets `id` as the most recent entry, dropping the least recent ones beyond `capacity`. */
function remember<V>(map: Map<string, V>, id: string, value: V, capacity: number): void {
  map.delete(id);
  map.set(id, value);
  for (const oldest of map.keys()) {
    if (map.size <= capacity) break;
    map.delete(oldest);
  }
}

/** The key's bytes as a string (one character per byte), a Map key compared by value. */
function keyId(publicKey: Uint8Array): string {
  return String.fromCharCode(...publicKey);
}
