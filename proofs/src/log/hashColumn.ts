/**
 * A growable array of fixed-length hashes in one buffer: the upper levels of a large tree held
 * in memory without one object per hash (10,000,000 leaves keep ≈ 78,000 hashes above level 8,
 * 2.5 MB, where as many `Uint8Array`s would cost the garbage collector far more).
 */
export class HashColumn {
  readonly #hashLength: number;
  #bytes: Uint8Array;
  #count = 0;

  /**
   * @param hashLength - bytes per hash.
   * @param capacity - hashes to make room for at first.
   */
  constructor(hashLength: number, capacity = 16) {
    this.#hashLength = hashLength;
    this.#bytes = new Uint8Array(hashLength * Math.max(1, capacity));
  }

  /** Number of hashes held. */
  get length(): number {
    return this.#count;
  }

  /**
   * Appends a hash (copied).
   * @param hash - `hashLength` bytes.
   */
  push(hash: Uint8Array): void {
    const offset = this.#count * this.#hashLength;
    if (offset + this.#hashLength > this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    this.#bytes.set(hash, offset);
    this.#count++;
  }

  /**
   * A copy of hash `index`.
   * @param index - `0 ≤ index < length`.
   * @returns the hash.
   * @throws {RangeError} when `index` is out of range.
   */
  get(index: number): Uint8Array {
    if (!(index >= 0 && index < this.#count)) throw new RangeError(`index: expected an integer in [0, ${this.#count}), got ${index}`);
    const offset = index * this.#hashLength;
    return this.#bytes.slice(offset, offset + this.#hashLength);
  }
}
