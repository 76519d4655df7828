/**
 * Block hashes against five real Fabric 2.5.4 blocks (test/fixtures/fabric-2.5-blocks, whose
 * README gives the source and the expected header hashes), plus DER edge cases of the number.
 */
import { readFileSync } from 'node:fs';
import { common } from '@hyperledger/fabric-protos';
import { describe, expect, it } from 'vitest';
import { blockDataHash, blockHeaderBytes, blockHeaderHash } from './blockHash';

const fixtures = new URL('../../test/fixtures/fabric-2.5-blocks/', import.meta.url);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The README's table: `| n | base64 |`. */
const expectedHeaderHashes = [...readFileSync(new URL('README.md', fixtures), 'utf8').matchAll(/^\| (\d+) \| ([A-Za-z0-9+/=]{44}) \|$/gm)].map(
  ([, number, hash]) => ({ number: Number(number), hash: Buffer.from(hash as string, 'base64') }),
);
const blocks = expectedHeaderHashes.map(({ number }) => common.Block.deserializeBinary(readFileSync(new URL(`b${number}.block`, fixtures))));

function header(block: common.Block): common.BlockHeader {
  const blockHeader = block.getHeader();
  if (!blockHeader) throw new Error('fixture block without header');
  return blockHeader;
}

function envelopes(block: common.Block): Uint8Array[] {
  return block.getData()?.getDataList_asU8() ?? [];
}

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

describe('blockHeaderHash and blockDataHash on real Fabric 2.5.4 blocks', () => {
  it('reads the five blocks and their expected hashes', () => {
    expect(expectedHeaderHashes.map(({ number }) => number)).toEqual([0, 1, 2, 3, 4]);
    expect(blocks.map((block) => header(block).getNumber())).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([0, 1, 2, 3, 4])('block %i: header hash matches the README', (number) => {
    expect(hex(blockHeaderHash(header(blocks[number] as common.Block)))).toBe(hex(expectedHeaderHashes[number]?.hash as Uint8Array));
  });

  it.each([1, 2, 3, 4])('block %i: previous_hash is the header hash of the block before', (number) => {
    expect(hex(header(blocks[number] as common.Block).getPreviousHash_asU8())).toBe(hex(blockHeaderHash(header(blocks[number - 1] as common.Block))));
  });

  it.each([0, 1, 2, 3, 4])('block %i: data_hash is SHA-256 of the concatenated envelopes', (number) => {
    const block = blocks[number] as common.Block;
    expect(hex(blockDataHash(envelopes(block)))).toBe(hex(header(block).getDataHash_asU8()));
  });

  it('accepts the fields as a plain object too', () => {
    const blockHeader = header(blocks[4] as common.Block);
    const fields = { number: 4, previousHash: blockHeader.getPreviousHash_asU8(), dataHash: blockHeader.getDataHash_asU8() };
    expect(hex(blockHeaderHash(fields))).toBe(hex(blockHeaderHash(blockHeader)));
  });

  it('changes when any byte of previous_hash or data_hash, or the number, changes', () => {
    for (const block of blocks) {
      const { number, previousHash, dataHash } = {
        number: header(block).getNumber(),
        previousHash: header(block).getPreviousHash_asU8(),
        dataHash: header(block).getDataHash_asU8(),
      };
      const expected = hex(blockHeaderHash({ number, previousHash, dataHash }));
      for (let i = 0; i < previousHash.length; i++) expect(hex(blockHeaderHash({ number, previousHash: flipped(previousHash, i), dataHash }))).not.toBe(expected);
      for (let i = 0; i < dataHash.length; i++) expect(hex(blockHeaderHash({ number, previousHash, dataHash: flipped(dataHash, i) }))).not.toBe(expected);
      expect(hex(blockHeaderHash({ number: number + 1, previousHash, dataHash }))).not.toBe(expected);
    }
  });

  it('no longer matches data_hash when any byte of an envelope of blocks 0–3 changes', () => {
    for (const block of blocks.slice(0, 4)) {
      const list = envelopes(block);
      const expected = hex(header(block).getDataHash_asU8());
      list.forEach((envelope, e) => {
        for (let i = 0; i < envelope.length; i++) {
          const changed = list.map((other, o) => (o === e ? flipped(envelope, i) : other));
          expect(hex(blockDataHash(changed))).not.toBe(expected);
        }
      });
    }
  });

  it('no longer matches data_hash when the first, last or a middle byte of any of block 4’s 100 envelopes changes', () => {
    const block = blocks[4] as common.Block;
    const list = envelopes(block);
    const expected = hex(header(block).getDataHash_asU8());
    expect(list).toHaveLength(100);
    list.forEach((envelope, e) => {
      for (const i of [0, envelope.length >> 1, envelope.length - 1]) {
        expect(hex(blockDataHash(list.map((other, o) => (o === e ? flipped(envelope, i) : other))))).not.toBe(expected);
      }
    });
  });

  it('no longer matches data_hash when envelopes are reordered, dropped or split differently', () => {
    const block = blocks[4] as common.Block;
    const list = envelopes(block);
    const expected = hex(header(block).getDataHash_asU8());
    expect(hex(blockDataHash([...list].reverse()))).not.toBe(expected);
    expect(hex(blockDataHash(list.slice(1)))).not.toBe(expected);
    // Plain concatenation, as Fabric does: how the bytes are split into envelopes does not count.
    const joined = Buffer.concat(list);
    expect(hex(blockDataHash([joined.subarray(0, 7), joined.subarray(7)]))).toBe(expected);
  });
});

describe('blockHeaderBytes DER, as Go encoding/asn1 marshals a big.Int and two byte slices', () => {
  const empty = new Uint8Array();

  it.each([
    [0, '020100'],
    [1, '020101'],
    [127, '02017f'],
    [128, '02020080'],
    [255, '020200ff'],
    [256, '02020100'],
    [32_768, '0203008000'],
    [2 ** 32, '02050100000000'],
    [Number.MAX_SAFE_INTEGER, '02071fffffffffffff'],
  ])('number %d is INTEGER %s', (number, integer) => {
    const der = integer + '0400' + '0400';
    expect(hex(blockHeaderBytes({ number, previousHash: empty, dataHash: empty }))).toBe(`30${(der.length / 2).toString(16).padStart(2, '0')}${der}`);
  });

  it('uses the long length form past 127 bytes', () => {
    const der = hex(blockHeaderBytes({ number: 1, previousHash: new Uint8Array(200), dataHash: new Uint8Array(32) }));
    // SEQUENCE of 3 + 3 + 200 + 2 + 32 = 240 bytes: 30 81 f0; the OCTET STRING of 200: 04 81 c8.
    expect(der.startsWith('3081f0' + '020101' + '0481c8')).toBe(true);
    expect(der.length / 2).toBe(3 + 240);
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN])('refuses number %d', (number) => {
    expect(() => blockHeaderBytes({ number, previousHash: empty, dataHash: empty })).toThrow(RangeError);
  });
});
