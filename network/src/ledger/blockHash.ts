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
 * need the bytes as well as their hash. The DER comes from `@suitrust/verifier`, which checks
 * proofs against it; hashing stays in node:crypto, on the peer's hot path.
 */
import { createHash } from 'node:crypto';
import type { common } from '@hyperledger/fabric-protos';
import { blockHeaderBytes as headerDer } from '@suitrust/verifier';

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
  if (!Number.isSafeInteger(fields.number) || fields.number < 0) throw new RangeError(`block number: expected a non-negative safe integer, got ${fields.number}`);
  // The verifier's encoding: what the peer writes and what a proof is checked against are one code.
  return headerDer(fields);
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
