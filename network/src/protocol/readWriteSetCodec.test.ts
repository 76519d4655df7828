import { ledger } from '@hyperledger/fabric-protos';
import { describe, expect, it } from 'vitest';
import type { ReadWriteSet } from '../ledger/txSimulator';
import { decodeReadWriteSet, encodeReadWriteSet, type DecodedReadWriteSet } from './readWriteSetCodec';

const { rwset } = ledger;
const { kvrwset } = rwset;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function sample(): ReadWriteSet {
  return {
    namespace: 'suitrust',
    reads: new Map([
      ['b', { blockNum: 3, txNum: 1 }],
      ['a', undefined],
      ['c', { blockNum: 0, txNum: 0 }],
    ]),
    ranges: [
      { startKey: 'k', endKey: 'l', reads: [{ key: 'k1', version: { blockNum: 2, txNum: 7 } }, { key: 'k2', version: { blockNum: 5, txNum: 0 } }] },
      { startKey: '', endKey: '', reads: [] },
    ],
    writes: new Map<string, Uint8Array | null>([
      ['z', bytes('last')],
      ['m', null],
      ['d', bytes('value')],
    ]),
  };
}

function decodeOne(encoded: Uint8Array): DecodedReadWriteSet {
  const decoded = decodeReadWriteSet(encoded);
  if (!decoded.ok) throw new Error(decoded.reason);
  expect(decoded.readWriteSets).toHaveLength(1);
  return decoded.readWriteSets[0] as DecodedReadWriteSet;
}

function kvOf(encoded: Uint8Array): ledger.rwset.kvrwset.KVRWSet {
  const tx = rwset.TxReadWriteSet.deserializeBinary(encoded);
  return kvrwset.KVRWSet.deserializeBinary(tx.getNsRwsetList()[0]!.getRwset_asU8());
}

describe('read-write set codec', () => {
  it('round-trips reads, absent reads, range queries, writes and deletes', () => {
    const set = sample();
    const decoded = decodeOne(encodeReadWriteSet(set));
    expect(decoded.namespace).toBe('suitrust');
    expect(decoded.reads).toEqual(set.reads);
    expect(decoded.writes).toEqual(set.writes);
    expect(decoded.ranges).toEqual(set.ranges.map((range) => ({ ...range, itrExhausted: true })));
  });

  it('writes the KV data model, one namespace, and the wire fields Fabric reads', () => {
    const encoded = encodeReadWriteSet(sample());
    const tx = rwset.TxReadWriteSet.deserializeBinary(encoded);
    expect(tx.getDataModel()).toBe(rwset.TxReadWriteSet.DataModel.KV);
    expect(tx.getNsRwsetList().map((ns) => ns.getNamespace())).toEqual(['suitrust']);
    const kv = kvOf(encoded);
    const absent = kv.getReadsList().find((read) => read.getKey() === 'a')!;
    expect(absent.hasVersion()).toBe(false);
    const range = kv.getRangeQueriesInfoList()[0]!;
    expect(range.getItrExhausted()).toBe(true);
    expect(range.getRawReads()!.getKvReadsList().map((read) => [read.getKey(), read.getVersion()!.getBlockNum(), read.getVersion()!.getTxNum()])).toEqual([
      ['k1', 2, 7],
      ['k2', 5, 0],
    ]);
    const deleted = kv.getWritesList().find((write) => write.getKey() === 'm')!;
    expect(deleted.getIsDelete()).toBe(true);
    expect(deleted.getValue_asU8()).toHaveLength(0);
  });

  it('sorts reads and writes by the UTF-8 bytes of the key, as Go sorts strings', () => {
    // U+FFFF sorts before U+10000 in UTF-8, after it in JavaScript's UTF-16 order.
    const astral = '\u{10000}';
    const bmp = '\uffff';
    expect([astral, bmp].sort()).toEqual([astral, bmp]);
    const set: ReadWriteSet = {
      namespace: 'ns',
      reads: new Map([
        [astral, undefined],
        [bmp, undefined],
        ['B', undefined],
        ['a', undefined],
      ]),
      ranges: [],
      writes: new Map([
        [astral, bytes('1')],
        ['a', bytes('2')],
        [bmp, bytes('3')],
        ['B', bytes('4')],
      ]),
    };
    const kv = kvOf(encodeReadWriteSet(set));
    expect(kv.getReadsList().map((read) => read.getKey())).toEqual(['B', 'a', bmp, astral]);
    expect(kv.getWritesList().map((write) => write.getKey())).toEqual(['B', 'a', bmp, astral]);
  });

  it('encodes a write of an empty value as a delete, as Fabric does', () => {
    const set: ReadWriteSet = { namespace: 'ns', reads: new Map(), ranges: [], writes: new Map([['k', new Uint8Array()]]) };
    const kv = kvOf(encodeReadWriteSet(set));
    expect(kv.getWritesList()[0]!.getIsDelete()).toBe(true);
    expect(decodeOne(encodeReadWriteSet(set)).writes.get('k')).toBeNull();
  });

  it('decodes a write with an empty value and no delete flag as a delete', () => {
    const write = new kvrwset.KVWrite();
    write.setKey('k');
    const kv = new kvrwset.KVRWSet();
    kv.setWritesList([write]);
    const ns = new rwset.NsReadWriteSet();
    ns.setNamespace('ns');
    ns.setRwset(kv.serializeBinary());
    const tx = new rwset.TxReadWriteSet();
    tx.setNsRwsetList([ns]);
    expect(decodeOne(tx.serializeBinary()).writes.get('k')).toBeNull();
  });

  it('records a repeated range query once, keeping query order otherwise', () => {
    const range = { startKey: 'a', endKey: 'b', reads: [] };
    const set: ReadWriteSet = { namespace: 'ns', reads: new Map(), ranges: [{ startKey: 'x', endKey: 'y', reads: [] }, range, { ...range }], writes: new Map() };
    expect(decodeOne(encodeReadWriteSet(set)).ranges.map((r) => r.startKey)).toEqual(['x', 'a']);
  });

  it('keeps a range query that stopped early (itr_exhausted false)', () => {
    const set = { namespace: 'ns', reads: new Map(), ranges: [{ startKey: 'a', endKey: 'a5', itrExhausted: false, reads: [{ key: 'a5', version: { blockNum: 1, txNum: 0 } }] }], writes: new Map() };
    expect(decodeOne(encodeReadWriteSet(set)).ranges[0]!.itrExhausted).toBe(false);
  });

  it('sorts namespaces and refuses a namespace twice', () => {
    const empty = (namespace: string): ReadWriteSet => ({ namespace, reads: new Map(), ranges: [], writes: new Map() });
    const decoded = decodeReadWriteSet(encodeReadWriteSet([empty('zeta'), empty('_lifecycle'), empty('alpha')]));
    expect(decoded.ok && decoded.readWriteSets.map((set) => set.namespace)).toEqual(['_lifecycle', 'alpha', 'zeta']);
    expect(() => encodeReadWriteSet([empty('a'), empty('a')])).toThrow(/twice/);
  });

  it('decodes empty results as no namespace', () => {
    expect(decodeReadWriteSet(new Uint8Array())).toEqual({ ok: true, readWriteSets: [] });
  });

  it('refuses bytes that are not a read-write set', () => {
    expect(decodeReadWriteSet(Uint8Array.of(0x0a, 0x05, 0x01))).toMatchObject({ ok: false, code: 'BAD_RWSET' });
    const ns = new rwset.NsReadWriteSet();
    ns.setNamespace('ns');
    ns.setRwset(Uint8Array.of(0xff, 0xff, 0xff));
    const tx = new rwset.TxReadWriteSet();
    tx.setNsRwsetList([ns]);
    expect(decodeReadWriteSet(tx.serializeBinary())).toMatchObject({ ok: false, code: 'BAD_RWSET', reason: expect.stringContaining('"ns"') });
  });

  it('refuses what the embedded peer does not implement: private data, key metadata, Merkle summaries', () => {
    const wrap = (kv: ledger.rwset.kvrwset.KVRWSet, collections = false): Uint8Array => {
      const ns = new rwset.NsReadWriteSet();
      ns.setNamespace('ns');
      ns.setRwset(kv.serializeBinary());
      if (collections) {
        const collection = new rwset.CollectionHashedReadWriteSet();
        collection.setCollectionName('private');
        ns.setCollectionHashedRwsetList([collection]);
      }
      const tx = new rwset.TxReadWriteSet();
      tx.setNsRwsetList([ns]);
      return tx.serializeBinary();
    };
    expect(decodeReadWriteSet(wrap(new kvrwset.KVRWSet(), true))).toMatchObject({ ok: false, reason: expect.stringContaining('private data') });

    const metadata = new kvrwset.KVRWSet();
    const write = new kvrwset.KVMetadataWrite();
    write.setKey('k');
    metadata.setMetadataWritesList([write]);
    expect(decodeReadWriteSet(wrap(metadata))).toMatchObject({ ok: false, reason: expect.stringContaining('metadata') });

    const merkle = new kvrwset.KVRWSet();
    const info = new kvrwset.RangeQueryInfo();
    info.setReadsMerkleHashes(new kvrwset.QueryReadsMerkleSummary());
    merkle.setRangeQueriesInfoList([info]);
    expect(decodeReadWriteSet(wrap(merkle))).toMatchObject({ ok: false, reason: expect.stringContaining('Merkle') });
  });

  it('refuses a key read twice with different versions, and a range read without a version', () => {
    const read = (key: string, blockNum?: number): ledger.rwset.kvrwset.KVRead => {
      const r = new kvrwset.KVRead();
      r.setKey(key);
      if (blockNum !== undefined) {
        const v = new kvrwset.Version();
        v.setBlockNum(blockNum);
        r.setVersion(v);
      }
      return r;
    };
    const encode = (kv: ledger.rwset.kvrwset.KVRWSet): Uint8Array => {
      const ns = new rwset.NsReadWriteSet();
      ns.setNamespace('ns');
      ns.setRwset(kv.serializeBinary());
      const tx = new rwset.TxReadWriteSet();
      tx.setNsRwsetList([ns]);
      return tx.serializeBinary();
    };
    const twice = new kvrwset.KVRWSet();
    twice.setReadsList([read('k', 1), read('k', 2)]);
    expect(decodeReadWriteSet(encode(twice))).toMatchObject({ ok: false, reason: expect.stringContaining('twice') });

    const same = new kvrwset.KVRWSet();
    same.setReadsList([read('k', 1), read('k', 1)]);
    expect(decodeReadWriteSet(encode(same)).ok).toBe(true);

    const unversioned = new kvrwset.KVRWSet();
    const info = new kvrwset.RangeQueryInfo();
    const reads = new kvrwset.QueryReads();
    reads.setKvReadsList([read('k')]);
    info.setRawReads(reads);
    unversioned.setRangeQueriesInfoList([info]);
    expect(decodeReadWriteSet(encode(unversioned))).toMatchObject({ ok: false, reason: expect.stringContaining('without a version') });
  });
});
