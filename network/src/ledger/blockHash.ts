/**
 * Block hashes exactly as Fabric 2.5 computes them (`protoutil/blockutils.go`):
 *
 * - `BlockHeaderBytes` / `BlockHeaderHash`: SHA-256 of the DER encoding (ITU-T X.690 §10, with
 *   §8.3 INTEGER, §8.7 OCTET STRING, §8.9 SEQUENCE) of
 *   `SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }`, as Go's
 *   `encoding/asn1` marshals it from a `*big.Int` number and two `[]byte` fields.
 * - `ComputeBlockDataHash`: SHA-256 of the envelopes' bytes simply concatenated. No length prefix
 *   and no Merkle tree, whatever the comment in `common.proto` says.
 *
 * The header DER is also what the orderer signs (value ‖ signature_header ‖ header DER), so proofs
 * need the bytes as well as their hash.
 */
import { createHash } from 'node:crypto';
import type { common } from '@hyperledger/fabric-protos';

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;

/** The fields of a block header, as the protobuf getters give them. */
export interface BlockHeaderFields {
  /** The block number: a non-negative safe integer (the protobuf getter's type). */
  readonly number: number;
  /** The previous block's header hash; empty for a genesis block. */
  readonly previousHash: Uint8Array;
  /** SHA-256 of the block's envelopes, concatenated. */
  readonly dataHash: Uint8Array;
}

/**
 * The DER bytes Fabric hashes to identify a block (Fabric `protoutil.BlockHeaderBytes`).
 *
 * @param header - a `common.BlockHeader`, or its three fields
 * @returns DER of SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }
 * @throws {RangeError} when the number is not a non-negative safe integer
 */
export function blockHeaderBytes(header: common.BlockHeader | BlockHeaderFields): Uint8Array {
  const fields = headerFields(header);
  return derTlv(SEQUENCE, concat([derInteger(fields.number), derTlv(OCTET_STRING, fields.previousHash), derTlv(OCTET_STRING, fields.dataHash)]));
}

/**
 * A block's header hash: what the next block carries as `previous_hash` (Fabric
 * `protoutil.BlockHeaderHash`).
 *
 * @param header - a `common.BlockHeader`, or its three fields
 * @returns the 32-byte SHA-256 of {@link blockHeaderBytes}
 * @throws {RangeError} when the number is not a non-negative safe integer
 * @example
 * ```ts
 * const block = common.Block.deserializeBinary(bytes);
 * const id = Buffer.from(blockHeaderHash(block.getHeader()!)).toString('hex');
 * ```
 */
export function blockHeaderHash(header: common.BlockHeader | BlockHeaderFields): Uint8Array {
  return sha256([blockHeaderBytes(header)]);
}

/**
 * A block's data hash (Fabric 2.5 `protoutil.ComputeBlockDataHash`): SHA-256 of the envelopes'
 * bytes concatenated, hashed incrementally so no concatenated copy is made.
 *
 * @param envelopes - the block's `data.data` entries, in order
 * @returns the 32-byte digest `header.data_hash` must equal
 */
export function blockDataHash(envelopes: readonly Uint8Array[]): Uint8Array {
  return sha256(envelopes);
}

function headerFields(header: common.BlockHeader | BlockHeaderFields): BlockHeaderFields {
  if ('getNumber' in header) {
    return { number: header.getNumber(), previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() };
  }
  return header;
}

function sha256(parts: readonly Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  const digest = hash.digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/**
 * X.690 §8.3: big-endian two's complement in the fewest octets. Go marshals a non-negative
 * `big.Int` as its magnitude with a 0x00 prepended when the top bit is set, and zero as one 0x00.
 */
function derInteger(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`block number: expected a non-negative safe integer, got ${value}`);
  const octets: number[] = [];
  for (let rest = BigInt(value); rest > 0n; rest >>= 8n) octets.unshift(Number(rest & 0xffn));
  if (octets.length === 0 || (octets[0] as number) & 0x80) octets.unshift(0);
  return derTlv(INTEGER, Uint8Array.from(octets));
}

/** X.690 §8.1 with §10.1: definite length, short form below 128, else minimal long form. */
function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const length: number[] = [];
  if (content.length < 0x80) {
    length.push(content.length);
  } else {
    for (let rest = content.length; rest > 0; rest = Math.floor(rest / 256)) length.unshift(rest % 256);
    length.unshift(0x80 | length.length);
  }
  return concat([Uint8Array.of(tag, ...length), content]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
