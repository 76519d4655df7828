/**
 * The file store against the in-memory tree: every root, and the audit paths and consistency
 * proofs of many sizes, equal what `memoryMerkleTree` computes from the same leaves, across
 * batches of all shapes, tile boundaries (tiles of 4 and of 256 leaves) and reopening.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '@suitrust/crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileLogStore, type FileLogStore } from './fileLogStore';
import { createMerkleHasher, type MerkleHasher } from './merkleHasher';
import { consistencyPath, inclusionPath } from './merkleTree';
import { memoryMerkleTree } from './memoryMerkleTree';

const hex = (list: readonly Uint8Array[]): string[] => list.map((bytes) => Buffer.from(bytes).toString('hex'));
const recordOf = (i: number): Uint8Array => new TextEncoder().encode(`record ${i} ${'x'.repeat(i % 7)}`);
const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});
async function fresh(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'suitrust-log-store-'));
  directories.push(directory);
  return directory;
}

async function appendRange(store: FileLogStore, hasher: MerkleHasher, from: number, to: number): Promise<void> {
  const records = Array.from({ length: to - from }, (_, i) => recordOf(from + i));
  await store.append(records, records.map((record) => hasher.leafHash(record)));
}

function expectSameTree(store: FileLogStore, hasher: MerkleHasher, size: number, every: boolean): void {
  const tree = memoryMerkleTree(
    hasher,
    Array.from({ length: size }, (_, i) => hasher.leafHash(recordOf(i))),
  );
  expect(hex([store.root(size)])).toEqual(hex([tree.root()]));
  if (size === 0) return;
  const read = store.reader(size);
  const indices = every ? Array.from({ length: size }, (_, i) => i) : [0, size - 1, Math.floor(size / 2), (size * 7) % size];
  for (const i of indices) {
    const generated = hex(inclusionPath(read, i, size));
    if (generated.join() !== hex(tree.inclusionPath(i)).join()) expect({ size, i, generated }).toEqual({ size, i, generated: hex(tree.inclusionPath(i)) });
  }
  const firsts = every ? Array.from({ length: size + 1 }, (_, m) => m) : [1, size - 1, Math.ceil(size / 3)];
  for (const m of firsts.filter((m) => m >= 0 && m <= size)) {
    const generated = hex(consistencyPath(read, m, size));
    if (generated.join() !== hex(tree.consistencyPath(m)).join()) expect({ size, m, generated }).toEqual({ size, m, generated: hex(tree.consistencyPath(m)) });
  }
}

describe.each([2, 8])('FileLogStore with tiles of 2^%i leaves', (tileHeight) => {
  it('serves every root and proof the in-memory tree computes, batch after batch', async () => {
    const hasher = createMerkleHasher(await loadSuite('std'));
    const directory = await fresh();
    const store = await openFileLogStore({ directory, hasher, hashAlgorithm: 'sha256', origin: 'test.example/log', tileHeight });
    expect(store.size).toBe(0);
    expect(store.recovered).toBeUndefined();
    expectSameTree(store, hasher, 0, true);
    const batchSizes = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1, 256, 7, 300];
    let size = 0;
    for (const batch of batchSizes) {
      await appendRange(store, hasher, size, size + batch);
      size += batch;
      expect(store.size).toBe(size);
      expectSameTree(store, hasher, size, size < 80);
      // Older sizes stay answerable: every committed size is a tree of its own.
      for (const older of [1, Math.floor(size / 2), size - 1]) if (older > 0) expect(hex([store.root(older)])).toEqual(hex([memoryMerkleTree(hasher, Array.from({ length: older }, (_, i) => hasher.leafHash(recordOf(i)))).root()]));
    }
    expect(Buffer.from(await store.record(0)).toString()).toBe('record 0 ');
    expect(Buffer.from(await store.record(size - 1)).toString()).toBe(Buffer.from(recordOf(size - 1)).toString());
    await store.close();

    const reopened = await openFileLogStore({ directory, hasher, hashAlgorithm: 'sha256', origin: 'test.example/log', tileHeight });
    expect(reopened.size).toBe(size);
    expect(reopened.recovered).toBeUndefined();
    expectSameTree(reopened, hasher, size, false);
    for (let i = 0; i < size; i += 37) expect(Buffer.from(await reopened.record(i)).toString()).toBe(Buffer.from(recordOf(i)).toString());
    await appendRange(reopened, hasher, size, size + 100);
    expectSameTree(reopened, hasher, size + 100, false);
    await reopened.close();
  });

  it('holds empty records and records of different lengths', async () => {
    const hasher = createMerkleHasher(await loadSuite('sm'));
    const store = await openFileLogStore({ directory: await fresh(), hasher, hashAlgorithm: 'sm3', origin: 'test.example/log', tileHeight });
    const records = [new Uint8Array(0), new Uint8Array(1000).fill(7), new Uint8Array(0), Uint8Array.of(1, 2, 3)];
    await store.append(records, records.map((r) => hasher.leafHash(r)));
    for (const [i, record] of records.entries()) expect(await store.record(i)).toEqual(record);
    expect(hex([store.root(4)])).toEqual(hex([memoryMerkleTree(hasher, records.map((r) => hasher.leafHash(r))).root()]));
    await store.close();
  });
});

describe('FileLogStore arguments and state', () => {
  it('refuses sizes and indices beyond the committed size, and use after close', async () => {
    const hasher = createMerkleHasher(await loadSuite('std'));
    const store = await openFileLogStore({ directory: await fresh(), hasher, hashAlgorithm: 'sha256', origin: 'test.example/log' });
    await appendRange(store, hasher, 0, 10);
    expect(() => store.root(11)).toThrow(expect.objectContaining({ code: 'LOG_OUT_OF_RANGE' }));
    expect(() => store.leafHash(10)).toThrow(expect.objectContaining({ code: 'LOG_OUT_OF_RANGE' }));
    expect(() => store.root(-1)).toThrow(expect.objectContaining({ code: 'LOG_INVALID_ARGUMENT' }));
    await expect(store.record(10)).rejects.toMatchObject({ code: 'LOG_OUT_OF_RANGE' });
    await expect(store.append([new Uint8Array(1)], [])).rejects.toMatchObject({ code: 'LOG_INVALID_ARGUMENT' });
    await expect(store.append([new Uint8Array(1)], [new Uint8Array(31)])).rejects.toMatchObject({ code: 'LOG_INVALID_ARGUMENT' });
    expect(store.size).toBe(10);
    await store.close();
    expect(() => store.root(1)).toThrow(expect.objectContaining({ code: 'LOG_CLOSED' }));
    await expect(store.append([], [])).rejects.toMatchObject({ code: 'LOG_CLOSED' });
  });

  it('locks its directory against a second store, and releases it on close', async () => {
    const hasher = createMerkleHasher(await loadSuite('std'));
    const directory = await fresh();
    const store = await openFileLogStore({ directory, hasher, hashAlgorithm: 'sha256', origin: 'test.example/log' });
    await expect(openFileLogStore({ directory, hasher, hashAlgorithm: 'sha256', origin: 'test.example/log' })).rejects.toMatchObject({ code: 'LOG_LOCKED' });
    await store.close();
    const again = await openFileLogStore({ directory, hasher, hashAlgorithm: 'sha256', origin: 'test.example/log' });
    await again.close();
  });

  it('refuses a directory of another origin or hash algorithm', async () => {
    const std = createMerkleHasher(await loadSuite('std'));
    const sm = createMerkleHasher(await loadSuite('sm'));
    const directory = await fresh();
    await (await openFileLogStore({ directory, hasher: std, hashAlgorithm: 'sha256', origin: 'test.example/log' })).close();
    await expect(openFileLogStore({ directory, hasher: sm, hashAlgorithm: 'sm3', origin: 'test.example/log' })).rejects.toMatchObject({ code: 'LOG_MISMATCH' });
    await expect(openFileLogStore({ directory, hasher: std, hashAlgorithm: 'sha256', origin: 'test.example/other' })).rejects.toMatchObject({ code: 'LOG_MISMATCH' });
  });
});
