/**
 * Durable storage of a transparency log: its records, and every node of its RFC 9162 tree, in
 * append-only files of one directory.
 *
 * | file          | content |
 * | ------------- | ------- |
 * | `records.dat` | the records, concatenated |
 * | `records.idx` | per record, the end of its bytes in `records.dat` (uint48 little-endian in 8 bytes) |
 * | `tree.hash`   | every leaf hash and complete-subtree hash, in post-order (`treeLayout.ts`) |
 * | `commit`      | the acknowledged sizes and root, in two alternating slots (`commitRecord.ts`) |
 * | `log.json`    | origin and hash algorithm, written once (`logManifest.ts`) |
 * | `LOCK`        | the pid of the process that has the log open (`@suitrust/durable` lockDirectory) |
 *
 * **Appends.** One batch is one positioned write to each of the three data files, an fdatasync of
 * each (in parallel), then the commit record and its fdatasync: four syncs per batch whatever its
 * size, which is what makes batching pay. Nodes are hashed once, as they complete
 * (`treeFrontier.ts`); nothing is read back to append.
 *
 * **Recovery on open.** Files longer than the commit says are the remains of an unacknowledged
 * batch and are cut back. Records or offsets shorter than committed are lost acknowledged data:
 * opening fails with `LOG_CORRUPT` rather than reissue their indices to other records. A tree
 * file shorter than committed is cut to its last whole leaf and the missing nodes recomputed from
 * the records (the tree is derived data). The tree must then reproduce the committed root, and
 * the last leaf hash the last record.
 *
 * **Reads.** Any node is a computed offset, so a proof needs no recomputation. Levels at or above
 * the tile height (8: 256 leaves) live in memory too (≈ 2.5 MB at 10,000,000 leaves). Below it,
 * the 511 nodes of the aligned 256-leaf subtree around a leaf are contiguous (16 KiB), so all the
 * lower siblings of an audit path come from one read, cached for the next proofs. Reads are
 * synchronous `pread`s: ≈ 2.4 µs for 16 KiB from the page cache against ≈ 17 µs per read through
 * libuv's thread pool, measured on the project's 2-core machine; the event loop pays a disk
 * latency only when the page cache misses. Measured there with SM3: ≈ 77,000 audit paths/s at
 * 1,000,000 leaves and 21,000–42,000/s at 10,000,000 (random leaves, tree file in the page cache;
 * 9,000–20,000/s while it is still being read from disk). Smaller tiles (2^6 leaves, 4 KiB) read
 * less when cold but keep 4× the levels in memory and take 4× the reads to open; at 2^8 a warm
 * open of 10,000,000 leaves takes ≈ 0.2 s.
 */
import { fstatSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesEqual } from './bytesEqual';
import { COMMIT_FILE_BYTES, COMMIT_SLOT_BYTES, encodeCommitRecord, latestCommit, type CommitRecord } from './commitRecord';
import { DirectoryLockedError, lockDirectory, makeDirectoryDurably, readFully, readFullySync, syncDirectory, writeFileAtomically, writeFully, type DirectoryLock } from '@suitrust/durable';
import { HashColumn } from './hashColumn';
import { decodeLogManifest, encodeLogManifest, MANIFEST_FILE, MANIFEST_FORMAT } from './logManifest';
import type { MerkleHasher } from './merkleHasher';
import type { NodeReader } from './merkleTree';
import { TransparencyLogError } from './transparencyLogError';
import { TreeFrontier } from './treeFrontier';
import { nodeCount, nodePosition, sizeWithinNodes } from './treeLayout';
import { completeSubtrees, exactLog2, isPowerOfTwo } from './treeMath';

const RECORDS_FILE = 'records.dat';
const OFFSETS_FILE = 'records.idx';
const TREE_FILE = 'tree.hash';
const COMMIT_FILE = 'commit';
const OFFSET_BYTES = 8;
/** Offsets are stored in 6 bytes (readUIntLE's limit): record data up to 256 TiB. */
const MAX_DATA_BYTES = 2 ** 48;
/** 256-leaf tiles: 16 KiB reads, and ≈ 2.5 MB of upper levels in memory at 10,000,000 leaves. */
const DEFAULT_TILE_HEIGHT = 8;
/** Tiles kept after a read: a proof touches one, a consistency proof two or three. */
const CACHED_TILES = 8;
/** Tree sizes whose right-edge hashes are kept: proofs are asked at a few checkpoint sizes. */
const CACHED_EDGES = 16;
/** Records, and bytes of them, read per step when recomputing missing tree nodes. */
const REBUILD_CHUNK = 65_536;
const REBUILD_CHUNK_BYTES = 64 * 1024 * 1024;
/** Hashes longer than a commit slot holds are refused. */
const MAX_HASH_LENGTH = 64;

/** Options of {@link openFileLogStore}. */
export interface FileLogStoreOptions {
  /** The log's directory; created, with its parents, when missing. */
  readonly directory: string;
  /** The tree's hasher. */
  readonly hasher: MerkleHasher;
  /** The hash algorithm's name, recorded in `log.json` (`sm3`, `sha256`). */
  readonly hashAlgorithm: string;
  /** The log's origin, recorded in `log.json`. */
  readonly origin: string;
  /** Height of the subtrees read whole (default 8); levels at or above it are kept in memory. */
  readonly tileHeight?: number;
}

/** A file cut back to its committed length on open. */
export interface TruncatedFile {
  /** The file's name in the log directory. */
  readonly file: string;
  /** Its length found on open. */
  readonly from: number;
  /** Its length kept. */
  readonly to: number;
}

/** What opening repaired: the remains of a crash during an unacknowledged batch. */
export interface LogRecovery {
  /** Records committed, and so in the log after open. */
  readonly committedSize: number;
  /** Files cut back to their committed length. */
  readonly truncated: readonly TruncatedFile[];
  /** Leaves whose tree nodes were missing and were recomputed from their records. */
  readonly rebuiltLeaves: number;
}

interface Handles {
  readonly records: FileHandle;
  readonly offsets: FileHandle;
  readonly tree: FileHandle;
  readonly commit: FileHandle;
}

/**
 * Opens (or creates) the storage of a log, repairing the remains of a crash.
 * @param options - directory, hasher, hash name, origin.
 * @returns the store, at its committed size.
 * @throws {TransparencyLogError} `LOG_CORRUPT` when committed data is missing or inconsistent;
 *   `LOG_MISMATCH` when the directory holds a log of another origin or hash; `LOG_LOCKED` when
 *   another log holds the directory; `LOG_INVALID_ARGUMENT` for a bad option.
 */
export async function openFileLogStore(options: Readonly<FileLogStoreOptions>): Promise<FileLogStore> {
  return FileLogStore.open(options);
}

/** The files of one log: appends batches durably and reads any committed node or record. */
export class FileLogStore {
  readonly #directory: string;
  readonly #hasher: MerkleHasher;
  readonly #hashLength: number;
  readonly #tileHeight: number;
  readonly #tileLeaves: number;
  readonly #handles: Handles;
  readonly #lock: DirectoryLock;
  /** Levels ≥ tile height; `#upper[k − tileHeight]` holds level k's complete nodes. */
  readonly #upper: HashColumn[] = [];
  readonly #tiles = new Map<number, Uint8Array>();
  /** By tree size: for each piece start s of its right edge, MTH(D[s:size]). */
  readonly #edges = new Map<number, Map<number, Uint8Array>>();
  #frontier: TreeFrontier;
  #size = 0;
  #dataEnd = 0;
  #sequence = 0;
  #appending = false;
  #failed: unknown;
  #closed = false;
  #recovered: LogRecovery | undefined;

  private constructor(options: Readonly<FileLogStoreOptions>, handles: Handles, lock: DirectoryLock, tileHeight: number) {
    this.#directory = options.directory;
    this.#hasher = options.hasher;
    this.#hashLength = options.hasher.hashLength;
    this.#tileHeight = tileHeight;
    this.#tileLeaves = 2 ** tileHeight;
    this.#handles = handles;
    this.#lock = lock;
    this.#frontier = new TreeFrontier(options.hasher, 0, []);
  }

  /**
   * See {@link openFileLogStore}.
   * @param options - directory, hasher, hash name, origin.
   * @returns the store.
   */
  static async open(options: Readonly<FileLogStoreOptions>): Promise<FileLogStore> {
    const tileHeight = options.tileHeight ?? DEFAULT_TILE_HEIGHT;
    if (!Number.isInteger(tileHeight) || tileHeight < 1 || tileHeight > 16) {
      throw new TransparencyLogError(`tileHeight: expected an integer in [1, 16], got ${tileHeight}`, { code: 'LOG_INVALID_ARGUMENT' });
    }
    if (options.hasher.hashLength > MAX_HASH_LENGTH) {
      throw new TransparencyLogError(`hasher.hashLength: expected at most ${MAX_HASH_LENGTH}, got ${options.hasher.hashLength}`, { code: 'LOG_INVALID_ARGUMENT' });
    }
    const directory = options.directory;
    await makeDirectoryDurably(directory);
    const lock = await lockDirectory(directory, 'transparency log').catch((error: unknown) => {
      throw error instanceof DirectoryLockedError ? new TransparencyLogError(error.message, { code: 'LOG_LOCKED', cause: error }) : error;
    });
    const opened: FileHandle[] = [];
    try {
      const created = await prepareDirectory(options);
      const openFile = async (name: string): Promise<FileHandle> => {
        const handle = await open(join(directory, name), 'r+');
        opened.push(handle);
        return handle;
      };
      const handles: Handles = {
        records: await openFile(RECORDS_FILE),
        offsets: await openFile(OFFSETS_FILE),
        tree: await openFile(TREE_FILE),
        commit: await openFile(COMMIT_FILE),
      };
      const store = new FileLogStore(options, handles, lock, tileHeight);
      await store.#recover(created);
      return store;
    } catch (err) {
      await Promise.allSettled(opened.map((handle) => handle.close()));
      await lock.release();
      throw err;
    }
  }

  /** Records committed: every read is bounded by it. */
  get size(): number {
    return this.#size;
  }

  /** What opening repaired, or `undefined` when the files ended at the commit. */
  get recovered(): LogRecovery | undefined {
    return this.#recovered;
  }

  /**
   * Appends records durably: resolves once records, offsets, tree nodes and the commit record
   * are synced. One call at a time.
   * @param records - the records.
   * @param leafHashes - their leaf hashes, `HASH(0x00 ‖ record)`, computed by the caller.
   * @throws {TransparencyLogError} `LOG_FAILED` when a write or sync fails (and for every later
   *   append: only reopening tells what reached the disk), `LOG_CLOSED`, `LOG_INVALID_ARGUMENT`.
   */
  async append(records: readonly Uint8Array[], leafHashes: readonly Uint8Array[]): Promise<void> {
    this.#assertOpen();
    if (this.#failed !== undefined) throw new TransparencyLogError(`transparency log ${this.#directory} failed a write earlier; reopen it`, { code: 'LOG_FAILED', cause: this.#failed });
    if (this.#appending) throw new TransparencyLogError('append: a batch is already being written', { code: 'LOG_INVALID_ARGUMENT' });
    if (records.length !== leafHashes.length) throw new TransparencyLogError(`leafHashes: expected ${records.length}, got ${leafHashes.length}`, { code: 'LOG_INVALID_ARGUMENT' });
    if (records.length === 0) return;
    this.#appending = true;
    try {
      const firstIndex = this.#size;
      const offsets = Buffer.allocUnsafe(records.length * OFFSET_BYTES);
      let end = this.#dataEnd;
      records.forEach((record, i) => {
        end += record.length;
        writeOffset(offsets, i * OFFSET_BYTES, end);
      });
      if (end > MAX_DATA_BYTES) throw new TransparencyLogError(`records: the log's data would exceed ${MAX_DATA_BYTES} bytes`, { code: 'LOG_INVALID_ARGUMENT' });
      const data = Buffer.concat(records);
      const tree = this.#growTree(leafHashes);
      const root = this.#frontier.root();
      try {
        const { records: recordsFile, offsets: offsetsFile, tree: treeFile, commit: commitFile } = this.#handles;
        await Promise.all([
          writeFully(recordsFile, data, this.#dataEnd),
          writeFully(offsetsFile, offsets, firstIndex * OFFSET_BYTES),
          writeFully(treeFile, tree, nodeCount(firstIndex) * this.#hashLength),
        ]);
        await Promise.all([recordsFile.datasync(), offsetsFile.datasync(), treeFile.datasync()]);
        const commit: CommitRecord = { sequence: this.#sequence + 1, size: firstIndex + records.length, dataEnd: end, root };
        await writeFully(commitFile, encodeCommitRecord(commit), (commit.sequence % 2) * COMMIT_SLOT_BYTES);
        await commitFile.datasync();
        this.#sequence = commit.sequence;
        this.#size = commit.size;
        this.#dataEnd = end;
      } catch (err) {
        // After a failed fsync the kernel may have dropped the dirty pages, and a retry can
        // report success for data that is gone (PostgreSQL's "fsyncgate", 2018): stop here.
        this.#failed = err;
        throw new TransparencyLogError(`transparency log ${this.#directory}: writing records ${firstIndex}..${firstIndex + records.length - 1} failed`, { code: 'LOG_FAILED', cause: err });
      }
    } finally {
      this.#appending = false;
    }
  }

  /**
   * A reader of the nodes of the committed tree of size `size`, for the RFC 9162 engine.
   * @param size - a committed size, `1 ≤ size ≤ this.size`.
   * @returns the reader.
   */
  reader(size: number): NodeReader {
    this.#assertSize('size', size, 1);
    return (start, end) => {
      const width = end - start;
      if (isPowerOfTwo(width) && start % width === 0) return this.#subtree(exactLog2(width), start / width);
      const hash = end === size ? this.#edge(size).get(start) : undefined;
      if (hash === undefined) throw new RangeError(`[${start}, ${end}) is not a node of the tree of size ${size}`);
      return hash;
    };
  }

  /**
   * The tree head at a committed size.
   * @param size - `0 ≤ size ≤ this.size`.
   * @returns MTH of the first `size` records.
   * @throws {TransparencyLogError} `LOG_OUT_OF_RANGE` beyond the committed size.
   */
  root(size: number): Uint8Array {
    this.#assertSize('size', size, 0);
    if (size === 0) return this.#hasher.emptyRoot();
    if (isPowerOfTwo(size)) return this.#subtree(exactLog2(size), 0);
    return this.#edge(size).get(0) as Uint8Array;
  }

  /**
   * The stored leaf hash of record `index`.
   * @param index - `0 ≤ index < this.size`.
   * @returns `HASH(0x00 ‖ record)`.
   * @throws {TransparencyLogError} `LOG_OUT_OF_RANGE` beyond the committed size.
   */
  leafHash(index: number): Uint8Array {
    this.#assertIndex(index);
    return this.#subtree(0, index);
  }

  /**
   * Reads record `index`.
   * @param index - `0 ≤ index < this.size`.
   * @returns the record's bytes.
   * @throws {TransparencyLogError} `LOG_OUT_OF_RANGE` beyond the committed size.
   */
  async record(index: number): Promise<Uint8Array> {
    this.#assertIndex(index);
    const { start, end } = await this.#recordBounds(index);
    return new Uint8Array(await readFully(this.#handles.records, end - start, start));
  }

  /** Closes the files and releases the directory; the store is unusable afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await Promise.all(Object.values(this.#handles).map((handle: FileHandle) => handle.close()));
    } finally {
      await this.#lock.release();
    }
  }

  /** Appends leaf hashes to the frontier; returns the nodes they complete, in post-order. */
  #growTree(leafHashes: readonly Uint8Array[]): Buffer {
    const first = this.#frontier.size;
    const h = this.#hashLength;
    const tree = Buffer.allocUnsafe((nodeCount(first + leafHashes.length) - nodeCount(first)) * h);
    for (const leafHash of leafHashes) {
      if (!(leafHash instanceof Uint8Array) || leafHash.length !== h) throw new TransparencyLogError(`leafHashes: expected ${h}-byte hashes`, { code: 'LOG_INVALID_ARGUMENT' });
    }
    let offset = 0;
    const sink = (level: number, _index: number, hash: Uint8Array): void => {
      tree.set(hash, offset);
      offset += h;
      if (level >= this.#tileHeight) this.#upperLevel(level).push(hash);
    };
    for (const leafHash of leafHashes) this.#frontier.push(leafHash, sink);
    return tree;
  }

  #upperLevel(level: number): HashColumn {
    for (let k = this.#upper.length + this.#tileHeight; k <= level; k++) this.#upper.push(new HashColumn(this.#hashLength));
    return this.#upper[level - this.#tileHeight] as HashColumn;
  }

  /** The complete subtree (level, index); it must lie within the committed size. */
  #subtree(level: number, index: number): Uint8Array {
    if (level >= this.#tileHeight) return this.#upperLevel(level).get(index);
    const perTile = 2 ** (this.#tileHeight - level);
    const tile = Math.floor(index / perTile);
    const h = this.#hashLength;
    if ((tile + 1) * this.#tileLeaves <= this.#size) {
      const at = (nodePosition(level, index) - nodePosition(0, tile * this.#tileLeaves)) * h;
      return this.#tile(tile).slice(at, at + h);
    }
    // The last, partial tile: read the node alone.
    const hash = new Uint8Array(h);
    readFullySync(this.#handles.tree.fd, hash, nodePosition(level, index) * h);
    return hash;
  }

  #tile(tile: number): Uint8Array {
    let bytes = this.#tiles.get(tile);
    if (bytes !== undefined) {
      this.#tiles.delete(tile);
      this.#tiles.set(tile, bytes);
      return bytes;
    }
    const nodes = 2 * this.#tileLeaves - 1;
    if (this.#tiles.size >= CACHED_TILES) {
      const [oldest, reused] = this.#tiles.entries().next().value as [number, Uint8Array];
      this.#tiles.delete(oldest);
      bytes = reused;
    } else {
      bytes = new Uint8Array(nodes * this.#hashLength);
    }
    readFullySync(this.#handles.tree.fd, bytes, nodePosition(0, tile * this.#tileLeaves) * this.#hashLength);
    this.#tiles.set(tile, bytes);
    return bytes;
  }

  /** For the tree of `size`, MTH(D[s:size]) for every start s of a piece of its right edge. */
  #edge(size: number): Map<number, Uint8Array> {
    let edge = this.#edges.get(size);
    if (edge !== undefined) return edge;
    edge = new Map();
    const pieces = completeSubtrees(0, size);
    const last = pieces[pieces.length - 1] as (typeof pieces)[number];
    let hash = this.#subtree(last.level, last.index);
    edge.set(last.index * 2 ** last.level, hash);
    for (let i = pieces.length - 2; i >= 0; i--) {
      const piece = pieces[i] as (typeof pieces)[number];
      hash = this.#hasher.nodeHash(this.#subtree(piece.level, piece.index), hash);
      edge.set(piece.index * 2 ** piece.level, hash);
    }
    if (this.#edges.size >= CACHED_EDGES) this.#edges.delete(this.#edges.keys().next().value as number);
    this.#edges.set(size, edge);
    return edge;
  }

  async #recordBounds(index: number): Promise<{ start: number; end: number }> {
    const from = index === 0 ? 0 : index - 1;
    const bytes = await readFully(this.#handles.offsets, (index - from + 1) * OFFSET_BYTES, from * OFFSET_BYTES);
    const end = readOffset(bytes, (index - from) * OFFSET_BYTES);
    return { start: index === 0 ? 0 : readOffset(bytes, 0), end };
  }

  /** Cuts the files back to the commit, rebuilds missing tree nodes, loads the caches, checks the root. */
  async #recover(created: boolean): Promise<void> {
    const commit = latestCommit(await readFile(join(this.#directory, COMMIT_FILE)));
    if (commit === undefined) throw this.#corrupt(`${COMMIT_FILE} holds no valid commit record`);
    const size = commit.size;
    const h = this.#hashLength;
    const truncated: TruncatedFile[] = [];
    const cut = async (file: string, handle: FileHandle, length: number, required: number): Promise<number> => {
      if (length < required) throw this.#corrupt(`${file} has ${length} bytes; the commit of ${size} records needs ${required}`);
      if (length > required) {
        await handle.truncate(required);
        await handle.datasync();
        truncated.push({ file, from: length, to: required });
      }
      return required;
    };
    const lengthOf = (handle: FileHandle): number => fstatSync(handle.fd).size;
    await cut(OFFSETS_FILE, this.#handles.offsets, lengthOf(this.#handles.offsets), size * OFFSET_BYTES);
    if (size > 0) {
      const last = readOffset(await readFully(this.#handles.offsets, OFFSET_BYTES, (size - 1) * OFFSET_BYTES), 0);
      if (last !== commit.dataEnd) throw this.#corrupt(`${OFFSETS_FILE} ends record ${size - 1} at byte ${last}; the commit says ${commit.dataEnd}`);
    }
    await cut(RECORDS_FILE, this.#handles.records, lengthOf(this.#handles.records), commit.dataEnd);
    this.#dataEnd = commit.dataEnd;
    this.#sequence = commit.sequence;

    // The tree: cut to its last whole leaf at most `size`, then recompute what is missing.
    const treeLength = lengthOf(this.#handles.tree);
    const present = Math.min(size, sizeWithinNodes(Math.floor(treeLength / h)));
    await cut(TREE_FILE, this.#handles.tree, treeLength, nodeCount(present) * h);
    this.#size = present;
    this.#loadTree();
    let rebuilt = 0;
    if (present < size) rebuilt = await this.#rebuildTree(size);

    const root = this.root(size);
    if (!bytesEqual(root, commit.root)) throw this.#corrupt(`${TREE_FILE} does not reproduce the committed root of size ${size}`);
    if (size > 0 && !bytesEqual(this.#hasher.leafHash(await this.record(size - 1)), this.leafHash(size - 1))) {
      throw this.#corrupt(`record ${size - 1} does not match its leaf hash in ${TREE_FILE}`);
    }
    if (!created && (truncated.length > 0 || rebuilt > 0)) this.#recovered = { committedSize: size, truncated, rebuiltLeaves: rebuilt };
  }

  /** Loads the upper levels and the frontier of the tree of `#size` from the tree file. */
  #loadTree(): void {
    this.#upper.length = 0;
    this.#tiles.clear();
    this.#edges.clear();
    const size = this.#size;
    const h = this.#hashLength;
    for (let level = this.#tileHeight; 2 ** level <= size; level++) {
      const column = this.#upperLevel(level);
      const count = Math.floor(size / 2 ** level);
      const hash = new Uint8Array(h);
      for (let index = 0; index < count; index++) {
        readFullySync(this.#handles.tree.fd, hash, nodePosition(level, index) * h);
        column.push(hash);
      }
    }
    const peaks: (Uint8Array | undefined)[] = [];
    for (const piece of size > 0 ? completeSubtrees(0, size) : []) peaks[piece.level] = this.#subtree(piece.level, piece.index);
    this.#frontier = new TreeFrontier(this.#hasher, size, peaks);
  }

  /** Recomputes the tree nodes of leaves `#size`..`size − 1` from their records; returns their count. */
  async #rebuildTree(size: number): Promise<number> {
    const from = this.#size;
    for (let first = from, count = 0; first < size; first += count) {
      const start = first === 0 ? 0 : readOffset(await readFully(this.#handles.offsets, OFFSET_BYTES, (first - 1) * OFFSET_BYTES), 0);
      const ends = await readFully(this.#handles.offsets, Math.min(REBUILD_CHUNK, size - first) * OFFSET_BYTES, first * OFFSET_BYTES);
      // As many records as fit in REBUILD_CHUNK_BYTES, and at least one.
      count = 1;
      while (count < ends.length / OFFSET_BYTES && readOffset(ends, count * OFFSET_BYTES) - start <= REBUILD_CHUNK_BYTES) count++;
      const end = readOffset(ends, (count - 1) * OFFSET_BYTES);
      const data = await readFully(this.#handles.records, end - start, start);
      const leafHashes: Uint8Array[] = [];
      let position = start;
      for (let i = 0; i < count; i++) {
        const next = readOffset(ends, i * OFFSET_BYTES);
        leafHashes.push(this.#hasher.leafHash(data.subarray(position - start, next - start)));
        position = next;
      }
      const tree = this.#growTree(leafHashes);
      await writeFully(this.#handles.tree, tree, nodeCount(first) * this.#hashLength);
    }
    await this.#handles.tree.datasync();
    this.#size = size;
    this.#tiles.clear();
    return size - from;
  }

  #assertOpen(): void {
    if (this.#closed) throw new TransparencyLogError(`transparency log ${this.#directory} is closed`, { code: 'LOG_CLOSED' });
  }

  #assertSize(name: string, size: number, min: number): void {
    this.#assertOpen();
    if (!Number.isSafeInteger(size) || size < min) throw new TransparencyLogError(`${name}: expected an integer ≥ ${min}, got ${size}`, { code: 'LOG_INVALID_ARGUMENT' });
    if (size > this.#size) throw new TransparencyLogError(`${name}: ${size} is beyond the log's size ${this.#size}`, { code: 'LOG_OUT_OF_RANGE' });
  }

  #assertIndex(index: number): void {
    this.#assertOpen();
    if (!Number.isSafeInteger(index) || index < 0) throw new TransparencyLogError(`index: expected a non-negative integer, got ${index}`, { code: 'LOG_INVALID_ARGUMENT' });
    if (index >= this.#size) throw new TransparencyLogError(`index: ${index} is not below the log's size ${this.#size}`, { code: 'LOG_OUT_OF_RANGE' });
  }

  #corrupt(message: string): TransparencyLogError {
    return new TransparencyLogError(`transparency log ${this.#directory}: ${message}`, { code: 'LOG_CORRUPT' });
  }
}

/**
 * Checks `log.json` against the options, or creates a fresh log when there is none.
 * @returns true when the log was created now.
 */
async function prepareDirectory(options: Readonly<FileLogStoreOptions>): Promise<boolean> {
  const { directory, origin, hashAlgorithm, hasher } = options;
  const manifestBytes = await readFile(join(directory, MANIFEST_FILE)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (manifestBytes !== undefined) {
    const manifest = decodeLogManifest(manifestBytes);
    if (manifest === undefined) throw new TransparencyLogError(`transparency log ${directory}: ${MANIFEST_FILE} is not a ${MANIFEST_FORMAT} manifest`, { code: 'LOG_CORRUPT' });
    if (manifest.origin !== origin || manifest.hashAlgorithm !== hashAlgorithm || manifest.hashLength !== hasher.hashLength) {
      throw new TransparencyLogError(
        `transparency log ${directory} is ${JSON.stringify(manifest.origin)} with ${manifest.hashAlgorithm}; asked for ${JSON.stringify(origin)} with ${hashAlgorithm}`,
        { code: 'LOG_MISMATCH' },
      );
    }
    return false;
  }
  // No manifest: creation never finished (it is written last), so nothing was ever committed,
  // unless someone removed it from a live log: refuse rather than wipe that one.
  const commitBytes = await readFile(join(directory, COMMIT_FILE)).catch(() => new Uint8Array(0));
  const commit = latestCommit(commitBytes);
  if (commit !== undefined && commit.size > 0) {
    throw new TransparencyLogError(`transparency log ${directory}: ${MANIFEST_FILE} is missing but ${COMMIT_FILE} holds ${commit.size} records`, { code: 'LOG_CORRUPT' });
  }
  for (const name of [RECORDS_FILE, OFFSETS_FILE, TREE_FILE, COMMIT_FILE]) {
    const handle = await open(join(directory, name), 'w');
    try {
      if (name === COMMIT_FILE) {
        const empty = Buffer.alloc(COMMIT_FILE_BYTES);
        encodeCommitRecord({ sequence: 0, size: 0, dataEnd: 0, root: hasher.emptyRoot() }).copy(empty, 0);
        await writeFully(handle, empty, 0);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await syncDirectory(directory);
  await writeFileAtomically(directory, MANIFEST_FILE, encodeLogManifest({ format: MANIFEST_FORMAT, origin, hashAlgorithm, hashLength: hasher.hashLength }));
  return true;
}

function writeOffset(target: Buffer, at: number, value: number): void {
  target.writeUIntLE(value, at, 6);
  target.writeUInt16LE(0, at + 6);
}

function readOffset(source: Buffer, at: number): number {
  if (source.readUInt16LE(at + 6) !== 0) throw new RangeError(`offset at ${at}: above 2^48`);
  return source.readUIntLE(at, 6);
}
