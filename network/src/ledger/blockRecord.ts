/**
 * The framing of one block in a segment file, written with a single `write`:
 *
 * ```
 * offset  size  field
 *      0     4  magic "SBR1"
 *      4     4  body length, u32 big-endian
 *      8     8  block number, u64 big-endian
 *     16     4  header check: the first 4 bytes of SHA-256(bytes 0–15)
 *     20     n  body: the serialised common.Block
 *   20+n    32  SHA-256(body)
 * ```
 *
 * Why SHA-256 rather than CRC32C: Node has no CRC32C (`zlib.crc32` is the IEEE polynomial, and
 * only since 20.15), and SHA-256 is cheap where it runs on SHA-NI: ≈ 19 µs for a 30 KB block on
 * the project's 2-core machine (measured), against ≈ 400 µs for the write and fdatasync every
 * append pays. It also catches a deliberate edit that a CRC would let through with a fixed-up CRC.
 *
 * Why a header check: it makes the length trustworthy on its own. A record whose header checks
 * and whose body runs past the end of the file is a torn last write, with nothing after it; a
 * record whose header checks and whose body fails while bytes follow is an acknowledged block
 * gone bad. Without it a corrupt length in the middle of a file would look like a torn tail and
 * take every later block with it. The magic lets a scan find later records quickly.
 */
import { createHash } from 'node:crypto';

const MAGIC = Buffer.from('SBR1', 'latin1');
/** Bytes before the body. */
export const RECORD_HEADER_BYTES = 20;
/** Bytes after the body: its SHA-256. */
export const RECORD_TRAILER_BYTES = 32;
/** The largest body the u32 length can frame. */
export const MAX_RECORD_BODY_BYTES = 0xffff_ffff;

/** What lies at an offset of a segment file. */
export type RecordAt =
  | {
      readonly kind: 'record';
      readonly number: number;
      readonly bodyOffset: number;
      readonly bodyLength: number;
      /** Offset just past the record. */
      readonly end: number;
    }
  /** The header is incomplete, or checks but the record runs past the end of the bytes. */
  | { readonly kind: 'torn' }
  /** The magic or the header check is wrong: the length cannot be trusted. */
  | { readonly kind: 'bad-header' }
  /** The header checks, the body does not. */
  | { readonly kind: 'bad-checksum'; readonly number: number; readonly end: number };

/**
 * Frames a block's bytes as one record.
 *
 * @param number - the block's number
 * @param body - the serialised block
 * @returns the record, ready for a single write
 * @throws {RangeError} when the body exceeds {@link MAX_RECORD_BODY_BYTES}
 */
export function encodeBlockRecord(number: number, body: Uint8Array): Buffer {
  if (body.length > MAX_RECORD_BODY_BYTES) throw new RangeError(`body: expected at most ${MAX_RECORD_BODY_BYTES} bytes, got ${body.length}`);
  const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + body.length + RECORD_TRAILER_BYTES);
  MAGIC.copy(record, 0);
  record.writeUInt32BE(body.length, 4);
  record.writeBigUInt64BE(BigInt(number), 8);
  headerCheck(record, 0).copy(record, 16);
  record.set(body, RECORD_HEADER_BYTES);
  sha256(body).copy(record, RECORD_HEADER_BYTES + body.length);
  return record;
}

/**
 * Reads the record at `offset` of a segment's bytes.
 *
 * @param bytes - the segment file's contents
 * @param offset - where a record should start
 * @returns the record's place, or what is wrong with it
 */
export function readBlockRecord(bytes: Buffer, offset: number): RecordAt {
  if (bytes.length - offset < RECORD_HEADER_BYTES) return { kind: 'torn' };
  if (!bytes.subarray(offset, offset + MAGIC.length).equals(MAGIC) || !headerCheck(bytes, offset).equals(bytes.subarray(offset + 16, offset + 20))) {
    return { kind: 'bad-header' };
  }
  const bodyLength = bytes.readUInt32BE(offset + 4);
  const number = Number(bytes.readBigUInt64BE(offset + 8));
  const bodyOffset = offset + RECORD_HEADER_BYTES;
  const end = bodyOffset + bodyLength + RECORD_TRAILER_BYTES;
  if (end > bytes.length) return { kind: 'torn' };
  if (!checkRecordBody(bytes.subarray(bodyOffset, end))) return { kind: 'bad-checksum', number, end };
  return { kind: 'record', number, bodyOffset, bodyLength, end };
}

/**
 * Finds the first intact record starting at or after `from`: used after a damaged record, to
 * tell a torn tail (nothing intact follows) from damage in the middle (something does).
 *
 * @param bytes - the segment file's contents
 * @param from - where to start looking
 * @returns the offset of an intact record, or -1
 */
export function findBlockRecord(bytes: Buffer, from: number): number {
  for (let at = bytes.indexOf(MAGIC, from); at >= 0; at = bytes.indexOf(MAGIC, at + 1)) {
    if (readBlockRecord(bytes, at).kind === 'record') return at;
  }
  return -1;
}

/**
 * Checks a body read back with its trailer.
 *
 * @param bodyAndTrailer - the body followed by its 32-byte SHA-256
 * @returns whether the digest matches
 */
export function checkRecordBody(bodyAndTrailer: Uint8Array): boolean {
  const bytes = Buffer.from(bodyAndTrailer.buffer, bodyAndTrailer.byteOffset, bodyAndTrailer.byteLength);
  const bodyLength = bytes.length - RECORD_TRAILER_BYTES;
  return bodyLength >= 0 && sha256(bytes.subarray(0, bodyLength)).equals(bytes.subarray(bodyLength));
}

function headerCheck(bytes: Buffer, offset: number): Buffer {
  return sha256(bytes.subarray(offset, offset + 16)).subarray(0, 4);
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}
