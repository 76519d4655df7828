// Admission and eviction of the public-key table cache: a table on the second sighting only,
// least recently used dropped first, both the tables and the first sightings bounded.
import { describe, expect, it, vi } from 'vitest';
import { PublicKeyTables } from './publicKeyTables';

const key = (byte: number): Uint8Array => new Uint8Array(65).fill(byte);

/** Sights `publicKey` as the engine does: the held table, else an admission. */
function sight(tables: PublicKeyTables<string>, publicKey: Uint8Array, build = vi.fn(() => `table ${publicKey[0]}`)) {
  return tables.get(publicKey) ?? tables.admit(publicKey, build);
}

describe('PublicKeyTables', () => {
  it('builds a table on the second sighting, then serves it without building again', () => {
    const tables = new PublicKeyTables<string>({ capacity: 4, seenCapacity: 4 });
    const build = vi.fn(() => 'table');
    expect(sight(tables, key(1), build)).toBeUndefined();
    expect(build).not.toHaveBeenCalled();
    expect(sight(tables, key(1), build)).toBe('table');
    expect(sight(tables, key(1), build)).toBe('table');
    expect(build).toHaveBeenCalledOnce();
    expect(tables.size).toBe(1);
  });

  it('finds a table by the key bytes, not by the array', () => {
    const tables = new PublicKeyTables<string>({ capacity: 4, seenCapacity: 4 });
    sight(tables, key(1));
    sight(tables, key(1));
    const copy = new Uint8Array(70).fill(1).subarray(2, 67);
    expect(tables.get(copy)).toBe('table 1');
    const other = key(1);
    other[64] = 2;
    expect(tables.get(other)).toBeUndefined();
  });

  it('holds at most `capacity` tables, dropping the least recently used', () => {
    const tables = new PublicKeyTables<string>({ capacity: 2, seenCapacity: 8 });
    for (const byte of [1, 1, 2, 2]) sight(tables, key(byte));
    expect(tables.get(key(1))).toBe('table 1'); // 1 is now more recent than 2
    for (const byte of [3, 3]) sight(tables, key(byte));
    expect(tables.size).toBe(2);
    expect(tables.get(key(2))).toBeUndefined();
    expect(tables.get(key(1))).toBe('table 1');
    expect(tables.get(key(3))).toBe('table 3');
    for (let byte = 10; byte < 60; byte++) {
      sight(tables, key(byte));
      sight(tables, key(byte));
      expect(tables.size).toBeLessThanOrEqual(2);
    }
  });

  it('keys seen once do not displace tables, and are themselves bounded', () => {
    const tables = new PublicKeyTables<string>({ capacity: 2, seenCapacity: 2 });
    for (const byte of [1, 1]) sight(tables, key(byte));
    for (let byte = 10; byte < 20; byte++) expect(sight(tables, key(byte))).toBeUndefined();
    expect(tables.get(key(1))).toBe('table 1');
    // Only the last two first sightings (18, 19) are remembered: 10 counts as new again.
    const build = vi.fn(() => 'table 10');
    expect(sight(tables, key(10), build)).toBeUndefined();
    expect(sight(tables, key(19), vi.fn(() => 'table 19'))).toBe('table 19');
    expect(build).not.toHaveBeenCalled();
  });

  it('refuses bounds that are not positive integers', () => {
    for (const bounds of [{ capacity: 0, seenCapacity: 1 }, { capacity: 1, seenCapacity: 0 }, { capacity: 1.5, seenCapacity: 1 }]) {
      expect(() => new PublicKeyTables(bounds)).toThrow(RangeError);
    }
  });
});
