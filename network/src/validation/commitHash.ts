/**
 * The per-block commit hash a Fabric 2.5 peer writes at block metadata index COMMIT_HASH (4),
 * chaining every block's validation outcome and state changes, so that two peers with the same
 * commit hash have committed the same states (`core/ledger/kvledger/kv_ledger.go`
 * `addBlockCommitHash`):
 *
 *     commitHash(n) = SHA-256( varint(len(filter)) ‖ filter ‖ updateBatchBytes ‖ commitHash(n − 1) )
 *
 * - `filter` is the block's TRANSACTIONS_FILTER: one `peer.TxValidationCode` byte per transaction;
 * - `varint` is protobuf's unsigned base-128 varint (`proto.EncodeVarint`);
 * - `updateBatchBytes` is `core/ledger/kvledger/txmgmt/txmgr/update_batch_bytes.go`
 *   `deterministicBytesForPubAndHashUpdates`: the protobuf `txmgr.Updates { repeated KVWrite
 *   kvwrites = 1 }` (`txmgr/updates.proto`) listing the block's update batch — every key written
 *   by a VALID transaction, its last write in the block — sorted by namespace then key (Go's
 *   `sort.Strings`, byte order); each `KVWrite { string namespace = 1; string collection = 2;
 *   bytes key = 3; bool isDelete = 4; bytes value = 5; bytes version_bytes = 6 }` names its
 *   namespace only when it differs from the previous entry's; a delete has `isDelete` true and no
 *   value; `version_bytes` is the writing transaction's height (block number, index in block),
 *   each number in Fabric's order-preserving encoding (`common/ledger/util`
 *   `EncodeOrderPreservingVarUint64`: one byte giving the count of significant big-endian bytes,
 *   then those bytes; 0 is the single byte 0x00). The channel-config namespace "" is left out.
 *   Private-data collection hashes would follow each namespace's public writes; the embedded
 *   peer has none;
 * - `commitHash(n − 1)` is the previous block's commit hash, empty for the first block after
 *   genesis: Fabric adds a commit hash from block 1 on (never to the genesis block) and only while
 *   the chain of hashes is unbroken (`block.Header.Number == 1 || len(l.commitHash) != 0`).
 *
 * What it covers: the validation code of every transaction, and the key, value, delete flag and
 * version of every public state change. What it does not: the transactions' read sets, events,
 * responses and signatures (the block's data hash covers the envelopes), key metadata.
 */
import { createHash } from 'node:crypto';
import type { Version } from '../ledger/version';
import { compareUpdates, type StateUpdate } from './updateBatch';

/** What {@link computeCommitHash} needs. */
export interface CommitHashInput {
  /** The previous block's commit hash (empty for block 1). */
  readonly previous: Uint8Array;
  /** The block's TRANSACTIONS_FILTER bytes. */
  readonly transactionsFilter: Uint8Array;
  /** The block's update batch (any order: sorted here as Fabric sorts it). */
  readonly writes: readonly StateUpdate[];
}

/**
 * Computes a block's commit hash as Fabric 2.5's kvledger does.
 *
 * @param input - the previous commit hash, the block's filter and its update batch
 * @returns the 32-byte SHA-256 commit hash
 * @throws {Error} when a (namespace, key) appears twice in `writes` (a batch holds each once)
 * @example
 * ```ts
 * const results = await validateBlock(options);
 * const transactionsFilter = Uint8Array.from(results, (r) => r.code);
 * const hash = computeCommitHash({ previous, transactionsFilter, writes: blockUpdates(blockNumber, results) });
 * const metadata = new common.Metadata();
 * metadata.setValue(hash); // block metadata index 4 holds metadata.serializeBinary()
 * ```
 */
export function computeCommitHash(input: Readonly<CommitHashInput>): Uint8Array {
  return createHash('sha256')
    .update(encodeVarint(input.transactionsFilter.length))
    .update(input.transactionsFilter)
    .update(updateBatchBytes(input.writes))
    .update(input.previous)
    .digest();
}

/**
 * Fabric's deterministic bytes of an update batch's public writes (`deterministicBytesForPubAndHashUpdates`).
 *
 * @param writes - the update batch, in any order
 * @returns the serialised `txmgr.Updates` (empty for an empty batch)
 * @throws {Error} when a (namespace, key) appears twice
 */
export function updateBatchBytes(writes: readonly StateUpdate[]): Uint8Array {
  // The channel configuration (namespace "") is left out: its proto has maps, so its bytes are not deterministic.
  const sorted = writes.filter((write) => write.namespace !== '').sort(compareUpdates);
  const chunks: Uint8Array[] = [];
  let previousNamespace: string | undefined;
  for (const [i, write] of sorted.entries()) {
    const before = sorted[i - 1];
    if (before !== undefined && compareUpdates(before, write) === 0) throw new Error(`updateBatchBytes: key "${write.key}" of namespace "${write.namespace}" appears twice`);
    const fields: Uint8Array[] = [];
    if (write.namespace !== previousNamespace) fields.push(lengthDelimited(1, Buffer.from(write.namespace, 'utf8')));
    previousNamespace = write.namespace;
    const value = write.value ?? new Uint8Array();
    fields.push(lengthDelimited(3, Buffer.from(write.key, 'utf8')));
    if (value.length === 0) fields.push(Uint8Array.of(tag(4, 0), 1));
    fields.push(lengthDelimited(5, value));
    fields.push(lengthDelimited(6, heightBytes(write.version)));
    chunks.push(lengthDelimited(1, Buffer.concat(fields)));
  }
  return Buffer.concat(chunks);
}

/**
 * Fabric's `EncodeOrderPreservingVarUint64`: the count of significant big-endian bytes, then
 * those bytes, so that byte order matches numeric order.
 *
 * @param value - an unsigned 64-bit number
 * @returns 1 to 9 bytes
 * @throws {RangeError} when `value` is negative, not an integer, or above 2^64 − 1
 */
export function encodeOrderPreservingVarUint64(value: number | bigint): Uint8Array {
  const n = BigInt(value);
  if (n < 0n || n >= 1n << 64n) throw new RangeError(`encodeOrderPreservingVarUint64: expected an unsigned 64-bit integer, got ${value}`);
  if (n === 0n) return Uint8Array.of(0);
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([Uint8Array.of(bytes.length), bytes]);
}

/** A height's bytes (`version.Height.ToBytes`): block number then transaction number. */
function heightBytes(version: Version): Uint8Array {
  return Buffer.concat([encodeOrderPreservingVarUint64(version.blockNum), encodeOrderPreservingVarUint64(version.txNum)]);
}

/** A proto3 length-delimited field, omitted when empty as Go's marshaller omits default values. */
function lengthDelimited(field: number, bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return new Uint8Array();
  return Buffer.concat([Uint8Array.of(tag(field, 2)), encodeVarint(bytes.length), bytes]);
}

function tag(field: number, wireType: number): number {
  return (field << 3) | wireType;
}

/** Protobuf's unsigned varint: 7 bits a byte, least significant first, high bit set on all but the last. */
function encodeVarint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}
