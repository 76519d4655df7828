/**
 * The wire form of a transaction's read-write set: `rwset.TxReadWriteSet` (data model KV) holding
 * one `rwset.NsReadWriteSet` per namespace, whose `rwset` bytes are a `kvrwset.KVRWSet`
 * (fabric-protos `ledger/rwset/rwset.proto`, `ledger/rwset/kvrwset/kv_rwset.proto`).
 *
 * Encoding follows Fabric 2.5's builder (`core/ledger/kvledger/txmgmt/rwsetutil/rwset_builder.go`,
 * `rwset_proto_util.go`): namespaces, reads and writes sorted by key in byte order (Go's
 * `sort.Strings`, i.e. {@link compareKeys}); a key read as absent carries no version; a write of
 * an empty value is a delete (`newKVWrite`: `IsDelete: len(value) == 0`); range queries keep the
 * order they were run in, a repeated (start, end, exhausted) query recorded once.
 *
 * Decoding follows the committer (`rwsetutil.TxRwSet.FromProtoBytes`, `IsKVWriteDelete`): a write
 * is a delete when flagged so or when its value is empty.
 */
import { ledger } from '@hyperledger/fabric-protos';
import type { RangeRead, ReadWriteSet } from '../ledger/txSimulator';
import { compareKeys, sameVersion, type Version } from '../ledger/version';

const { rwset } = ledger;
const { kvrwset } = rwset;

/**
 * A range query as recorded on the wire. `itrExhausted` is `false` when the chaincode stopped
 * iterating early: then `endKey` is the last key it saw, and validation includes that key.
 */
export interface DecodedRangeRead extends RangeRead {
  readonly itrExhausted: boolean;
}

/** A namespace's read-write set as decoded, with each range query's exhaustion flag. */
export interface DecodedReadWriteSet extends ReadWriteSet {
  readonly ranges: readonly DecodedRangeRead[];
}

/** Outcome of {@link decodeReadWriteSet}. */
export type ReadWriteSetDecoding =
  | { readonly ok: true; readonly readWriteSets: readonly DecodedReadWriteSet[] }
  | { readonly ok: false; readonly code: 'BAD_RWSET'; readonly reason: string };

/**
 * Encodes read-write sets as the `results` bytes of a `peer.ChaincodeAction`.
 *
 * @param sets - one set, or one per namespace (each namespace at most once)
 * @returns serialised `rwset.TxReadWriteSet`
 * @throws {Error} when a namespace appears twice
 * @example
 * ```ts
 * const results = encodeReadWriteSet(simulator.readWriteSet());
 * ```
 */
export function encodeReadWriteSet(sets: ReadWriteSet | readonly ReadWriteSet[]): Uint8Array {
  const list: readonly ReadWriteSet[] = isSingle(sets) ? [sets] : sets;
  const namespaces = new Set<string>();
  for (const set of list) {
    if (namespaces.has(set.namespace)) throw new Error(`encodeReadWriteSet: namespace "${set.namespace}" appears twice`);
    namespaces.add(set.namespace);
  }
  const message = new rwset.TxReadWriteSet();
  message.setDataModel(rwset.TxReadWriteSet.DataModel.KV);
  message.setNsRwsetList(
    [...list]
      .sort((a, b) => compareKeys(a.namespace, b.namespace))
      .map((set) => {
        const ns = new rwset.NsReadWriteSet();
        ns.setNamespace(set.namespace);
        ns.setRwset(encodeKvRwSet(set));
        return ns;
      }),
  );
  return message.serializeBinary();
}

/**
 * Decodes the `results` bytes of a `peer.ChaincodeAction`.
 *
 * Refused, as malformed or beyond what this peer implements: bytes that are not the protobuf
 * messages; private-data (collection) read-write sets, key-metadata writes (state-based
 * endorsement) and Merkle-summarised range reads, none of which the embedded peer produces; a key
 * read twice with different versions (Fabric's builder reads each key once, and such a set could
 * never pass validation); a range read without a version (a range scan returns only existing
 * keys, each with its version).
 *
 * @param bytes - serialised `rwset.TxReadWriteSet` (empty bytes: no namespaces)
 * @returns the namespaces' sets in wire order, or the reason they cannot be read
 */
export function decodeReadWriteSet(bytes: Uint8Array): ReadWriteSetDecoding {
  let message: ledger.rwset.TxReadWriteSet;
  try {
    message = rwset.TxReadWriteSet.deserializeBinary(bytes);
  } catch (error) {
    return failure(`TxReadWriteSet does not parse: ${describe(error)}`);
  }
  const readWriteSets: DecodedReadWriteSet[] = [];
  for (const ns of message.getNsRwsetList()) {
    const namespace = ns.getNamespace();
    if (ns.getCollectionHashedRwsetList().length > 0) return failure(`namespace "${namespace}" has private data collections, which this peer does not support`);
    let kv: ledger.rwset.kvrwset.KVRWSet;
    try {
      kv = kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    } catch (error) {
      return failure(`KVRWSet of namespace "${namespace}" does not parse: ${describe(error)}`);
    }
    const decoded = decodeKvRwSet(namespace, kv);
    if (typeof decoded === 'string') return failure(decoded);
    readWriteSets.push(decoded);
  }
  return { ok: true, readWriteSets };
}

function isSingle(sets: ReadWriteSet | readonly ReadWriteSet[]): sets is ReadWriteSet {
  return !Array.isArray(sets);
}

function encodeKvRwSet(set: ReadWriteSet): Uint8Array {
  const kv = new kvrwset.KVRWSet();
  kv.setReadsList([...set.reads].sort(([a], [b]) => compareKeys(a, b)).map(([key, version]) => kvRead(key, version)));
  kv.setRangeQueriesInfoList(uniqueRanges(set.ranges).map(rangeQueryInfo));
  kv.setWritesList(
    [...set.writes]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, value]) => {
        const write = new kvrwset.KVWrite();
        write.setKey(key);
        write.setIsDelete(value === null || value.length === 0);
        if (value !== null) write.setValue(value);
        return write;
      }),
  );
  return kv.serializeBinary();
}

/** Fabric's builder keeps the first of several identical (start, end, exhausted) queries. */
function uniqueRanges(ranges: readonly RangeRead[]): RangeRead[] {
  const seen = new Set<string>();
  return ranges.filter((range) => {
    const id = JSON.stringify([range.startKey, range.endKey, exhausted(range)]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The simulator always iterates to the end; a decoded range may say otherwise. */
function exhausted(range: RangeRead): boolean {
  return (range as Partial<DecodedRangeRead>).itrExhausted ?? true;
}

function rangeQueryInfo(range: RangeRead): ledger.rwset.kvrwset.RangeQueryInfo {
  const info = new kvrwset.RangeQueryInfo();
  info.setStartKey(range.startKey);
  info.setEndKey(range.endKey);
  info.setItrExhausted(exhausted(range));
  const reads = new kvrwset.QueryReads();
  reads.setKvReadsList(range.reads.map(({ key, version }) => kvRead(key, version)));
  info.setRawReads(reads);
  return info;
}

function kvRead(key: string, version: Version | undefined): ledger.rwset.kvrwset.KVRead {
  const read = new kvrwset.KVRead();
  read.setKey(key);
  if (version !== undefined) {
    const wire = new kvrwset.Version();
    wire.setBlockNum(version.blockNum);
    wire.setTxNum(version.txNum);
    read.setVersion(wire);
  }
  return read;
}

function decodeKvRwSet(namespace: string, kv: ledger.rwset.kvrwset.KVRWSet): DecodedReadWriteSet | string {
  if (kv.getMetadataWritesList().length > 0) return `namespace "${namespace}" writes key metadata, which this peer does not support`;
  const reads = new Map<string, Version | undefined>();
  for (const read of kv.getReadsList()) {
    const key = read.getKey();
    const version = decodeVersion(read);
    if (reads.has(key) && !sameVersion(reads.get(key), version)) return `namespace "${namespace}" reads key "${key}" twice with different versions`;
    reads.set(key, version);
  }
  const ranges: DecodedRangeRead[] = [];
  for (const info of kv.getRangeQueriesInfoList()) {
    if (info.hasReadsMerkleHashes()) return `namespace "${namespace}" has a Merkle-summarised range query, which this peer does not support`;
    const rangeReads: { key: string; version: Version }[] = [];
    for (const read of info.getRawReads()?.getKvReadsList() ?? []) {
      const version = decodeVersion(read);
      // A range scan returns only keys that exist, so each carries the version it was read at.
      if (version === undefined) return `namespace "${namespace}" has a range read of key "${read.getKey()}" without a version`;
      rangeReads.push({ key: read.getKey(), version });
    }
    ranges.push({ startKey: info.getStartKey(), endKey: info.getEndKey(), itrExhausted: info.getItrExhausted(), reads: rangeReads });
  }
  const writes = new Map<string, Uint8Array | null>();
  for (const write of kv.getWritesList()) {
    const key = write.getKey();
    const value = write.getValue_asU8();
    const isDelete = write.getIsDelete() || value.length === 0;
    // A key written twice (Fabric's builder never does it): a delete among them wins.
    if (writes.get(key) === null) continue;
    writes.set(key, isDelete ? null : value);
  }
  return { namespace, reads, ranges, writes };
}

function decodeVersion(read: ledger.rwset.kvrwset.KVRead): Version | undefined {
  const version = read.getVersion();
  return version === undefined ? undefined : { blockNum: version.getBlockNum(), txNum: version.getTxNum() };
}

function failure(reason: string): ReadWriteSetDecoding {
  return { ok: false, code: 'BAD_RWSET', reason };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
