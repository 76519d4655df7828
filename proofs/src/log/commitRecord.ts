/**
 * The log's commit record: which prefix of its files is acknowledged. Appends write records,
 * offsets and tree nodes past the committed end, sync them, and only then write a new commit
 * record and sync it; so after any crash the files beyond the committed sizes are the remains
 * of an unacknowledged batch, cut away on open, and anything missing below them is corruption.
 *
 * The `commit` file holds two 128-byte slots, written alternately (slot = sequence mod 2), as a
 * file system's superblock copies are: a torn write can only damage the slot being written, and
 * the other still holds the previous commit. Each slot:
 *
 * | bytes   | field |
 * | ------- | ----- |
 * | 0–7     | magic `SUITLOG1` (ASCII) |
 * | 8–15    | sequence, uint64 big-endian |
 * | 16–23   | tree size (records), uint64 big-endian |
 * | 24–31   | end of the record data, uint64 big-endian |
 * | 32      | root length h (1–64) |
 * | 33–96   | root hash, zero-padded to 64 bytes |
 * | 97–111  | zero |
 * | 112–127 | first 16 bytes of SHA-256 of bytes 0–111 |
 */
import { createHash } from 'node:crypto';

/** Bytes of one slot. */
export const COMMIT_SLOT_BYTES = 128;
/** Bytes of the commit file: two slots. */
export const COMMIT_FILE_BYTES = 2 * COMMIT_SLOT_BYTES;
const MAGIC = Buffer.from('SUITLOG1', 'ascii');
const MAX_ROOT_BYTES = 64;
const CHECKSUM_OFFSET = 112;

/** One commit: the acknowledged prefix of the log. */
export interface CommitRecord {
  /** Increases by one with every commit. */
  readonly sequence: number;
  /** Records committed. */
  readonly size: number;
  /** Bytes of record data committed. */
  readonly dataEnd: number;
  /** The tree head at `size`, to check the tree file against on open. */
  readonly root: Uint8Array;
}

/**
 * Encodes a commit into its slot's bytes.
 * @param commit - the commit.
 * @returns 128 bytes, to write at offset `(sequence mod 2) × 128`.
 * @throws {RangeError} when the root is longer than 64 bytes.
 */
export function encodeCommitRecord(commit: CommitRecord): Buffer {
  if (commit.root.length < 1 || commit.root.length > MAX_ROOT_BYTES) throw new RangeError(`root: expected 1 to ${MAX_ROOT_BYTES} bytes, got ${commit.root.length}`);
  const slot = Buffer.alloc(COMMIT_SLOT_BYTES);
  MAGIC.copy(slot, 0);
  slot.writeBigUInt64BE(BigInt(commit.sequence), 8);
  slot.writeBigUInt64BE(BigInt(commit.size), 16);
  slot.writeBigUInt64BE(BigInt(commit.dataEnd), 24);
  slot[32] = commit.root.length;
  slot.set(commit.root, 33);
  createHash('sha256').update(slot.subarray(0, CHECKSUM_OFFSET)).digest().copy(slot, CHECKSUM_OFFSET, 0, COMMIT_SLOT_BYTES - CHECKSUM_OFFSET);
  return slot;
}

/**
 * Decodes one slot.
 * @param slot - 128 bytes.
 * @returns the commit, or `undefined` when the slot is empty, torn or not a commit.
 */
export function decodeCommitSlot(slot: Uint8Array): CommitRecord | undefined {
  if (slot.length !== COMMIT_SLOT_BYTES) return undefined;
  const bytes = Buffer.from(slot.buffer, slot.byteOffset, slot.byteLength);
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const checksum = createHash('sha256').update(bytes.subarray(0, CHECKSUM_OFFSET)).digest().subarray(0, COMMIT_SLOT_BYTES - CHECKSUM_OFFSET);
  if (!checksum.equals(bytes.subarray(CHECKSUM_OFFSET))) return undefined;
  const rootLength = bytes[32] as number;
  const numbers = [8, 16, 24].map((offset) => bytes.readBigUInt64BE(offset));
  if (rootLength < 1 || rootLength > MAX_ROOT_BYTES || numbers.some((n) => n > BigInt(Number.MAX_SAFE_INTEGER))) return undefined;
  const [sequence, size, dataEnd] = numbers.map(Number) as [number, number, number];
  return { sequence, size, dataEnd, root: new Uint8Array(bytes.subarray(33, 33 + rootLength)) };
}

/**
 * The latest valid commit of a commit file's content.
 * @param file - the file's bytes (normally 256).
 * @returns the valid slot with the highest sequence, or `undefined` when neither is valid.
 */
export function latestCommit(file: Uint8Array): CommitRecord | undefined {
  const slots = [0, 1].map((i) => (file.length >= (i + 1) * COMMIT_SLOT_BYTES ? decodeCommitSlot(file.subarray(i * COMMIT_SLOT_BYTES, (i + 1) * COMMIT_SLOT_BYTES)) : undefined));
  return slots.reduce<CommitRecord | undefined>((best, slot) => (slot !== undefined && (best === undefined || slot.sequence > best.sequence) ? slot : best), undefined);
}
