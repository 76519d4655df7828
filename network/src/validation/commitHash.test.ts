import { createHash } from 'node:crypto';
import { BinaryWriter } from 'google-protobuf';
import { describe, expect, it } from 'vitest';
import { computeCommitHash, encodeOrderPreservingVarUint64, updateBatchBytes } from './commitHash';
import type { StateUpdate } from './updateBatch';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const put = (namespace: string, key: string, value: string, blockNum: number, txNum: number): StateUpdate => ({ namespace, key, value: utf8(value), version: { blockNum, txNum } });
const del = (namespace: string, key: string, blockNum: number, txNum: number): StateUpdate => ({ namespace, key, value: null, version: { blockNum, txNum } });

/**
 * `txmgr.Updates` written with google-protobuf's own writer, as an encoder independent of the one
 * under test, with proto3's omission of empty fields.
 */
function expectedUpdates(entries: { namespace?: string; key: string; value?: string; isDelete?: boolean; version: [number, number] }[]): string {
  const writer = new BinaryWriter();
  for (const entry of entries) {
    writer.writeMessage(1, entry, (e: typeof entry, w: BinaryWriter) => {
      if (e.namespace) w.writeString(1, e.namespace);
      w.writeBytes(3, utf8(e.key));
      if (e.isDelete) w.writeBool(4, true);
      if (e.value) w.writeBytes(5, utf8(e.value));
      w.writeBytes(6, Buffer.concat([encodeOrderPreservingVarUint64(e.version[0]), encodeOrderPreservingVarUint64(e.version[1])]));
    });
  }
  return hex(writer.getResultBuffer());
}

describe("Fabric's order-preserving uint64 encoding", () => {
  it('writes the count of significant bytes, then the bytes', () => {
    expect(hex(encodeOrderPreservingVarUint64(0))).toBe('00');
    expect(hex(encodeOrderPreservingVarUint64(1))).toBe('0101');
    expect(hex(encodeOrderPreservingVarUint64(255))).toBe('01ff');
    expect(hex(encodeOrderPreservingVarUint64(256))).toBe('020100');
    expect(hex(encodeOrderPreservingVarUint64(0x0102030405n))).toBe('050102030405');
    expect(hex(encodeOrderPreservingVarUint64((1n << 64n) - 1n))).toBe('08ffffffffffffffff');
    expect(() => encodeOrderPreservingVarUint64(-1)).toThrow(RangeError);
    expect(() => encodeOrderPreservingVarUint64(1n << 64n)).toThrow(RangeError);
  });
});

describe('update batch bytes', () => {
  it('encodes a one-write batch byte for byte (hand-checked)', () => {
    // Updates { kvwrites: [ KVWrite { namespace: "cc", key: "k", value: "v", version_bytes: 01 01 00 } ] }
    //   0a 0f                  field 1 (kvwrites), 15 bytes
    //     0a 02 63 63          field 1 (namespace) "cc"
    //     1a 01 6b             field 3 (key) "k"
    //     2a 01 76             field 5 (value) "v"
    //     32 03 01 01 00       field 6 (version_bytes): block 1 = 01 01, tx 0 = 00
    expect(hex(updateBatchBytes([put('cc', 'k', 'v', 1, 0)]))).toBe('0a0f0a0263631a016b2a01763203010100');
  });

  it("reproduces Fabric's own example: namespace written once per group, deletes flagged without value", () => {
    // core/ledger/kvledger/txmgmt/txmgr/update_batch_bytes_test.go TestUpdateBatchBytesBuilderOnlyPublicWrites
    const batch = [put('ns1', 'key1', 'value1', 1, 1), put('ns1', 'key2', 'value2', 1, 2), put('ns2', 'key3', 'value3', 1, 3), put('ns3', 'key4', 'value4', 1, 4), put('ns3', 'key5', 'value5', 1, 5), del('ns3', 'key6', 1, 6)];
    expect(hex(updateBatchBytes(batch))).toBe(
      expectedUpdates([
        { namespace: 'ns1', key: 'key1', value: 'value1', version: [1, 1] },
        { key: 'key2', value: 'value2', version: [1, 2] },
        { namespace: 'ns2', key: 'key3', value: 'value3', version: [1, 3] },
        { namespace: 'ns3', key: 'key4', value: 'value4', version: [1, 4] },
        { key: 'key5', value: 'value5', version: [1, 5] },
        { key: 'key6', isDelete: true, version: [1, 6] },
      ]),
    );
  });

  it('sorts by namespace then key in byte order, whatever the input order', () => {
    const batch = [put('b', '\u{10000}', '1', 2, 0), put('a', 'z', '2', 2, 1), put('b', '\uffff', '3', 2, 2), put('b', 'a', '4', 2, 3)];
    const bytes = hex(updateBatchBytes(batch));
    expect(hex(updateBatchBytes([...batch].reverse()))).toBe(bytes);
    expect(bytes).toBe(
      expectedUpdates([
        { namespace: 'a', key: 'z', value: '2', version: [2, 1] },
        { namespace: 'b', key: 'a', value: '4', version: [2, 3] },
        { key: '\uffff', value: '3', version: [2, 2] },
        { key: '\u{10000}', value: '1', version: [2, 0] },
      ]),
    );
  });

  it('leaves out the channel configuration namespace "" and is empty for an empty batch', () => {
    expect(updateBatchBytes([put('', 'resourcesconfigtx.CHANNEL_CONFIG_KEY', 'x', 1, 0)])).toHaveLength(0);
    expect(updateBatchBytes([])).toHaveLength(0);
  });

  it('refuses a key twice', () => {
    expect(() => updateBatchBytes([put('ns', 'k', 'a', 1, 0), put('ns', 'k', 'b', 1, 1)])).toThrow(/twice/);
  });
});

describe('commit hash', () => {
  const writes = [put('suitrust', 'asset1', '{"owner":"bob"}', 5, 0), del('suitrust', 'asset2', 5, 2)];
  const filter = Uint8Array.of(0, 11, 0);
  const previous = createHash('sha256').update('block 4').digest();
  const base = computeCommitHash({ previous, transactionsFilter: filter, writes });

  it('is SHA-256(varint(len(filter)) ‖ filter ‖ update batch bytes ‖ previous) (hand-checked)', () => {
    const hash = computeCommitHash({ previous: new Uint8Array(), transactionsFilter: Uint8Array.of(0), writes: [put('cc', 'k', 'v', 1, 0)] });
    // 01 00 (one VALID transaction) ‖ the one-write batch above ‖ nothing (block 1 has no previous)
    expect(hex(hash)).toBe('1ed597fce1883484f669ab7fb325b38c91af3f8c4d943aa3d5a446ab138a1d6d');
    expect(hex(hash)).toBe(createHash('sha256').update(Buffer.from('01000a0f0a0263631a016b2a01763203010100', 'hex')).digest('hex'));
  });

  it('is deterministic and independent of the order writes are given in', () => {
    expect(hex(computeCommitHash({ previous, transactionsFilter: filter, writes }))).toBe(hex(base));
    expect(hex(computeCommitHash({ previous, transactionsFilter: filter, writes: [...writes].reverse() }))).toBe(hex(base));
    expect(base).toHaveLength(32);
  });

  it('depends on every input', () => {
    const variants = [
      computeCommitHash({ previous: new Uint8Array(), transactionsFilter: filter, writes }),
      computeCommitHash({ previous, transactionsFilter: Uint8Array.of(0, 12, 0), writes }),
      computeCommitHash({ previous, transactionsFilter: Uint8Array.of(0, 11), writes }),
      computeCommitHash({ previous, transactionsFilter: filter, writes: [put('suitrust', 'asset1', '{"owner":"eve"}', 5, 0), writes[1]!] }),
      computeCommitHash({ previous, transactionsFilter: filter, writes: [put('suitrust', 'asset9', '{"owner":"bob"}', 5, 0), writes[1]!] }),
      computeCommitHash({ previous, transactionsFilter: filter, writes: [put('suitrust', 'asset1', '{"owner":"bob"}', 6, 0), writes[1]!] }),
      computeCommitHash({ previous, transactionsFilter: filter, writes: [put('suitrust', 'asset1', '{"owner":"bob"}', 5, 1), writes[1]!] }),
      computeCommitHash({ previous, transactionsFilter: filter, writes: [writes[0]!, put('suitrust', 'asset2', 'x', 5, 2)] }),
      computeCommitHash({ previous, transactionsFilter: filter, writes: [put('other', 'asset1', '{"owner":"bob"}', 5, 0), writes[1]!] }),
      computeCommitHash({ previous, transactionsFilter: filter, writes: [writes[0]!] }),
    ].map(hex);
    expect(new Set([hex(base), ...variants]).size).toBe(variants.length + 1);
  });

  it('prefixes the filter with its length as a protobuf varint', () => {
    const filter200 = new Uint8Array(200);
    const expected = createHash('sha256').update(Uint8Array.of(0xc8, 0x01)).update(filter200).update(previous).digest('hex');
    expect(hex(computeCommitHash({ previous, transactionsFilter: filter200, writes: [] }))).toBe(expected);
  });
});
