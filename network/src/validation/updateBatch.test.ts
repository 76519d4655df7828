import { describe, expect, it } from 'vitest';
import { blockUpdates } from './updateBatch';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const writes = (entries: [string, string | null][]): Map<string, Uint8Array | null> => new Map(entries.map(([key, value]) => [key, value === null ? null : utf8(value)]));

describe("a block's update batch", () => {
  it("keeps each key's last write by a VALID transaction, versioned (block, index in block), sorted by key bytes", () => {
    const updates = blockUpdates(7, [
      { txIndex: 0, code: 0, readWriteSet: { namespace: 'cc', writes: writes([['b', '1'], ['a', '1']]) } },
      { txIndex: 1, code: 11, readWriteSet: { namespace: 'cc', writes: writes([['a', 'invalid'], ['z', 'invalid']]) } },
      { txIndex: 2, code: 0 },
      { txIndex: 3, code: 0, readWriteSet: { namespace: 'cc', writes: writes([['b', null], ['\u{10000}', '3'], ['\uffff', '3']]) } },
    ]);
    expect(updates).toEqual([
      { namespace: 'cc', key: 'a', value: utf8('1'), version: { blockNum: 7, txNum: 0 } },
      { namespace: 'cc', key: 'b', value: null, version: { blockNum: 7, txNum: 3 } },
      { namespace: 'cc', key: '\uffff', value: utf8('3'), version: { blockNum: 7, txNum: 3 } },
      { namespace: 'cc', key: '\u{10000}', value: utf8('3'), version: { blockNum: 7, txNum: 3 } },
    ]);
  });

  it('orders namespaces before keys and reads an empty value as a delete', () => {
    const updates = blockUpdates(1, [
      { txIndex: 0, code: 0, readWriteSet: { namespace: 'zz', writes: writes([['a', 'x']]) } },
      { txIndex: 1, code: 0, readWriteSet: { namespace: 'aa', writes: new Map([['z', new Uint8Array()]]) } },
    ]);
    expect(updates.map((u) => [u.namespace, u.key, u.value])).toEqual([
      ['aa', 'z', null],
      ['zz', 'a', utf8('x')],
    ]);
  });
});
