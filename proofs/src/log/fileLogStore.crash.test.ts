/**
 * Crash-style tests of the file store: the files are cut or extended as a crash (or a power
 * cut during an unacknowledged batch) leaves them, and reopening must keep exactly the
 * committed records, cut the rest, recompute a short tree, and refuse lost acknowledged data.
 * Real kills of a writing process are in test/transparencyLog.crash.int.test.ts.
 */
import { appendFile, mkdtemp, open, readFile, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '@suitrust/crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMIT_SLOT_BYTES } from './commitRecord';
import { openFileLogStore, type FileLogStore } from './fileLogStore';
import { createMerkleHasher, type MerkleHasher } from './merkleHasher';
import { memoryMerkleTree } from './memoryMerkleTree';
import { nodeCount } from './treeLayout';

const ORIGIN = 'test.example/crash';
const recordOf = (i: number): Uint8Array => new TextEncoder().encode(`crash record ${i}`.padEnd(20 + (i % 13), '.'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
let hasher: MerkleHasher;
let directory: string;
const file = (name: string): string => join(directory, name);
const open_ = (tileHeight = 2): Promise<FileLogStore> => openFileLogStore({ directory, hasher, hashAlgorithm: 'sm3', origin: ORIGIN, tileHeight });
const expectedRoot = (size: number): string => hex(memoryMerkleTree(hasher, Array.from({ length: size }, (_, i) => hasher.leafHash(recordOf(i)))).root());

async function appendRange(store: FileLogStore, from: number, to: number): Promise<void> {
  const records = Array.from({ length: to - from }, (_, i) => recordOf(from + i));
  await store.append(records, records.map((record) => hasher.leafHash(record)));
}

/** A log of 3 batches: 100, 37 and 50 records (187), closed. */
async function buildLog(): Promise<void> {
  const store = await open_();
  await appendRange(store, 0, 100);
  await appendRange(store, 100, 137);
  await appendRange(store, 137, 187);
  await store.close();
}

async function expectIntact(store: FileLogStore, size: number): Promise<void> {
  expect(store.size).toBe(size);
  expect(hex(store.root(size))).toBe(expectedRoot(size));
  for (const i of [0, size - 1]) expect(Buffer.from(await store.record(i)).toString()).toBe(Buffer.from(recordOf(i)).toString());
  // It goes on appending exactly where it stopped.
  await appendRange(store, size, size + 9);
  expect(hex(store.root(size + 9))).toBe(expectedRoot(size + 9));
}

beforeEach(async () => {
  hasher = createMerkleHasher(await loadSuite('sm'));
  directory = await mkdtemp(join(tmpdir(), 'suitrust-log-crash-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('FileLogStore recovery', () => {
  it('cuts a torn, unacknowledged batch from every file (a record, offset and node cut mid-way)', async () => {
    await buildLog();
    const lengths = { records: (await stat(file('records.dat'))).size, offsets: (await stat(file('records.idx'))).size, tree: (await stat(file('tree.hash'))).size };
    // The next batch got part-way: half a record, 5 of an offset's 8 bytes, 1.5 hashes.
    await appendFile(file('records.dat'), Buffer.from('crash record 187....'.slice(0, 9)));
    await appendFile(file('records.idx'), Buffer.alloc(5, 0x11));
    await appendFile(file('tree.hash'), Buffer.alloc(48, 0x22));
    const store = await open_();
    expect(store.recovered).toEqual({
      committedSize: 187,
      truncated: [
        { file: 'records.idx', from: lengths.offsets + 5, to: lengths.offsets },
        { file: 'records.dat', from: lengths.records + 9, to: lengths.records },
        { file: 'tree.hash', from: lengths.tree + 48, to: lengths.tree },
      ],
      rebuiltLeaves: 0,
    });
    await expectIntact(store, 187);
    await store.close();
  });

  it('drops a batch that was fully written but never committed', async () => {
    await buildLog();
    const committed = { records: (await stat(file('records.dat'))).size, tree: (await stat(file('tree.hash'))).size };
    // Batch 4 (records 187..198) written and synced in full, then the crash before its commit:
    // the data files of a 199-record log under the commit file of the 187-record one.
    const scratch = await mkdtemp(join(tmpdir(), 'suitrust-log-crash-scratch-'));
    try {
      const other = await openFileLogStore({ directory: scratch, hasher, hashAlgorithm: 'sm3', origin: ORIGIN, tileHeight: 2 });
      await appendRange(other, 0, 199);
      await other.close();
      const full = { records: await readFile(join(scratch, 'records.dat')), offsets: await readFile(join(scratch, 'records.idx')), tree: await readFile(join(scratch, 'tree.hash')) };
      await writeFile(file('records.dat'), full.records);
      await writeFile(file('records.idx'), full.offsets);
      await writeFile(file('tree.hash'), full.tree);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    const store = await open_();
    expect(store.size).toBe(187);
    expect(store.recovered?.truncated.map((t) => [t.file, t.to])).toEqual([
      ['records.idx', 187 * 8],
      ['records.dat', committed.records],
      ['tree.hash', committed.tree],
    ]);
    await expectIntact(store, 187);
    await store.close();
  });

  it('falls back to the previous commit when the last commit record is torn', async () => {
    await buildLog();
    // Three commits after creation: sequence 3 is in slot 1. Tear it.
    const handle = await open(file('commit'), 'r+');
    await handle.write(Buffer.alloc(40, 0xee), 0, 40, COMMIT_SLOT_BYTES + 20);
    await handle.close();
    const store = await open_();
    expect(store.size).toBe(137);
    expect(store.recovered?.committedSize).toBe(137);
    expect(store.recovered?.truncated.map((t) => t.file)).toEqual(['records.idx', 'records.dat', 'tree.hash']);
    await expectIntact(store, 137);
    await store.close();
  });

  it.each([
    ['in the middle of a node', (length: number) => length - 40],
    ['to its first batch', () => nodeCount(100) * 32],
    ['to nothing', () => 0],
  ])('recomputes tree nodes from the records when tree.hash is cut %s', async (_, cutAt) => {
    await buildLog();
    const length = (await stat(file('tree.hash'))).size;
    await truncate(file('tree.hash'), cutAt(length));
    const store = await open_();
    expect(store.recovered?.rebuiltLeaves).toBeGreaterThan(0);
    await expectIntact(store, 187);
    await store.close();
    // The rebuilt file is the file appends would have written.
    expect((await stat(file('tree.hash'))).size).toBe(nodeCount(196) * 32);
  });

  it.each([
    ['records.dat', 'records.dat has'],
    ['records.idx', 'records.idx has'],
  ])('refuses to open when committed bytes of %s are gone', async (name, message) => {
    await buildLog();
    const length = (await stat(file(name))).size;
    await truncate(file(name), length - 3);
    await expect(open_()).rejects.toMatchObject({ code: 'LOG_CORRUPT', message: expect.stringContaining(message) });
    // The refusal leaves the directory unlocked and untouched.
    expect((await stat(file(name))).size).toBe(length - 3);
  });

  it('refuses a tree that does not reproduce the committed root', async () => {
    await buildLog();
    const handle = await open(file('tree.hash'), 'r+');
    const { size } = await handle.stat();
    await handle.write(Buffer.alloc(1, 0xff), 0, 1, size - 1); // the last peak's last byte
    await handle.close();
    await expect(open_()).rejects.toMatchObject({ code: 'LOG_CORRUPT', message: expect.stringContaining('committed root') });
  });

  it('refuses a record that does not match its leaf hash', async () => {
    await buildLog();
    const handle = await open(file('records.dat'), 'r+');
    const { size } = await handle.stat();
    await handle.write(Buffer.from('#'), 0, 1, size - 1);
    await handle.close();
    await expect(open_()).rejects.toMatchObject({ code: 'LOG_CORRUPT', message: expect.stringContaining('record 186') });
  });

  it('refuses a commit file with no valid slot, and a missing manifest over committed records', async () => {
    await buildLog();
    const commit = await readFile(file('commit'));
    await writeFile(file('commit'), Buffer.alloc(commit.length, 0));
    await expect(open_()).rejects.toMatchObject({ code: 'LOG_CORRUPT', message: expect.stringContaining('no valid commit') });
    await writeFile(file('commit'), commit);
    await unlink(file('log.json'));
    await expect(open_()).rejects.toMatchObject({ code: 'LOG_CORRUPT', message: expect.stringContaining('log.json is missing') });
  });

  it('finishes a creation that crashed before its manifest was written', async () => {
    await buildLog();
    await rm(directory, { recursive: true });
    const store = await open_();
    await store.close();
    await unlink(file('log.json'));
    await appendFile(file('records.dat'), 'leftover');
    const again = await open_();
    expect(again.size).toBe(0);
    expect((await stat(file('records.dat'))).size).toBe(0);
    await appendRange(again, 0, 5);
    expect(hex(again.root(5))).toBe(expectedRoot(5));
    await again.close();
  });

  it('takes over the lock a killed process left behind', async () => {
    await buildLog();
    await writeFile(file('LOCK'), '999999999\n');
    const store = await open_();
    expect(store.size).toBe(187);
    await store.close();
  });
});
