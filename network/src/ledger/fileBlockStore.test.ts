import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { common, peer } from '@hyperledger/fabric-protos';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBlock, testChain } from '../../test/fixtures/testBlocks';
import { blockHeaderHash } from './blockHash';
import { encodeBlockRecord, RECORD_HEADER_BYTES, RECORD_TRAILER_BYTES } from './blockRecord';
import { BlockStoreError, type BlockStoreErrorCode } from './blockStoreError';
import { openFileBlockStore, type FileBlockStore } from './fileBlockStore';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytesOf = (block: common.Block | undefined): string => (block ? hex(block.serializeBinary()) : 'undefined');
const headerOf = (block: common.Block): common.BlockHeader => block.getHeader() as common.BlockHeader;

let directory: string;
let segment0: string;
const open: FileBlockStore[] = [];

beforeEach(async () => {
  directory = join(await mkdtemp(join(tmpdir(), 'file-block-store-')), 'channels', 'mychannel');
  segment0 = join(directory, '000000.blocks');
});

afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((store) => store.close()));
  await rm(join(directory, '..', '..'), { recursive: true, force: true });
});

async function openStore(segmentBytes?: number): Promise<FileBlockStore> {
  const store = await openFileBlockStore({ directory, segmentBytes });
  open.push(store);
  return store;
}

async function storeWith(blocks: readonly common.Block[], segmentBytes?: number): Promise<void> {
  const store = await openStore(segmentBytes);
  for (const block of blocks) await store.append(block);
  await store.close();
}

async function expectStoreError(promise: Promise<unknown>, code: BlockStoreErrorCode, message?: RegExp, blockNumber?: number): Promise<BlockStoreError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(BlockStoreError);
  const storeError = error as BlockStoreError;
  expect(storeError.code).toBe(code);
  if (message) expect(storeError.message).toMatch(message);
  if (blockNumber !== undefined) expect(storeError.blockNumber).toBe(blockNumber);
  return storeError;
}

/** Offsets of the records of blocks 0 … n-1 in a one-segment store. */
function recordOffsets(blocks: readonly common.Block[]): number[] {
  let offset = 0;
  return blocks.map((block) => {
    const at = offset;
    offset += RECORD_HEADER_BYTES + block.serializeBinary().length + RECORD_TRAILER_BYTES;
    return at;
  });
}

async function flipByte(path: string, offset: number): Promise<void> {
  const bytes = await readFile(path);
  bytes[offset] = (bytes[offset] as number) ^ 0xff;
  await writeFile(path, bytes);
}

describe('openFileBlockStore: appending and reopening', () => {
  it('creates the directory and starts empty', async () => {
    const store = await openStore();
    expect(store.height).toBe(0);
    expect(store.recovered).toBeUndefined();
    expect(store.chainInfo()).toEqual({ height: 0, currentBlockHash: new Uint8Array(), previousBlockHash: new Uint8Array() });
    expect(await store.blockByNumber(0)).toBeUndefined();
    expect(existsSync(segment0)).toBe(true);
  });

  it('returns every block byte for byte after a reopen, with the chain summary', async () => {
    const chain = testChain(6, 3);
    await storeWith(chain);
    const store = await openStore();
    expect(store.recovered).toBeUndefined();
    expect(store.height).toBe(6);
    for (const block of chain) expect(bytesOf(await store.blockByNumber(headerOf(block).getNumber()))).toBe(bytesOf(block));
    const last = headerOf(chain[5] as common.Block);
    const info = store.chainInfo();
    expect(hex(info.currentBlockHash)).toBe(hex(blockHeaderHash(last)));
    expect(hex(info.previousBlockHash)).toBe(hex(last.getPreviousHash_asU8()));
    expect(info.height).toBe(6);
  });

  it('keeps appending after a reopen', async () => {
    const chain = testChain(5);
    await storeWith(chain.slice(0, 2));
    await storeWith(chain.slice(2, 4));
    const store = await openStore();
    await store.append(chain[4] as common.Block);
    expect(store.height).toBe(5);
    for (const block of chain) expect(bytesOf(await store.blockByNumber(headerOf(block).getNumber()))).toBe(bytesOf(block));
  });

  it('stores the five real Fabric 2.5.4 blocks and finds block 4’s 100 transactions, NOT_VALIDATED', async () => {
    const fixtures = new URL('../../test/fixtures/fabric-2.5-blocks/', import.meta.url);
    const fabric = [0, 1, 2, 3, 4].map((n) => common.Block.deserializeBinary(readFileSync(new URL(`b${n}.block`, fixtures))));
    await storeWith(fabric);
    const store = await openStore();
    expect(store.height).toBe(5);
    expect(hex(store.chainInfo().currentBlockHash)).toBe(Buffer.from('K0Pw1yRswAWZP1NdbbHjtwuLqU2da0LBvC1G/+X7Suw=', 'base64').toString('hex'));
    const envelopes = (fabric[4] as common.Block).getData()?.getDataList_asU8() ?? [];
    expect(envelopes).toHaveLength(100);
    envelopes.forEach((envelope, txIndex) => {
      const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelope).getPayload_asU8());
      const txId = common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array()).getTxId();
      expect(store.transactionLocation(txId)).toEqual({ blockNumber: 4, txIndex, validationCode: peer.TxValidationCode.NOT_VALIDATED });
    });
    expect(bytesOf(await store.blockByHash(headerOf(fabric[2] as common.Block).getPreviousHash_asU8()))).toBe(bytesOf(fabric[1]));
  });
});

describe('append checks the chain', () => {
  const chain = testChain(3);

  it('refuses a block whose number is not the height, before or after it', async () => {
    const store = await openStore();
    await expectStoreError(store.append(chain[1] as common.Block), 'BLOCK_STORE_OUT_OF_ORDER', /block 1 is out of order: the next block must be number 0/, 1);
    await store.append(chain[0] as common.Block);
    await expectStoreError(store.append(chain[0] as common.Block), 'BLOCK_STORE_OUT_OF_ORDER', /block 0 .* must be number 1/, 0);
    expect(store.height).toBe(1);
  });

  it('refuses a block whose previous_hash is not the last header hash', async () => {
    const store = await openStore();
    await store.append(chain[0] as common.Block);
    const stranger = testBlock({ number: 1, previous: testBlock({ number: 0, txIds: ['other'] }), txIds: ['x'] });
    await expectStoreError(store.append(stranger), 'BLOCK_STORE_PREVIOUS_HASH_MISMATCH', /block 1 has previous_hash [0-9a-f]{64}, but block 0's header hash is [0-9a-f]{64}/, 1);
    expect(store.height).toBe(1);
    await store.append(chain[1] as common.Block);
    expect(store.height).toBe(2);
  });

  it('refuses a block whose data_hash does not match its envelopes', async () => {
    const store = await openStore();
    const tampered = testBlock({ number: 0, txIds: ['a', 'b'] });
    const envelopes = tampered.getData()?.getDataList_asU8() ?? [];
    tampered.getData()?.setDataList([envelopes[1] as Uint8Array, envelopes[0] as Uint8Array]);
    await expectStoreError(store.append(tampered), 'BLOCK_STORE_DATA_HASH_MISMATCH', /block 0 has data_hash [0-9a-f]{64}, but its envelopes hash to [0-9a-f]{64}/, 0);
    expect(store.height).toBe(0);
    expect((await stat(segment0)).size).toBe(0);
  });

  it('refuses a block without a header', async () => {
    const store = await openStore();
    await expectStoreError(store.append(new common.Block()), 'BLOCK_STORE_MALFORMED_BLOCK', /no header/);
  });

  it('serialises concurrent appends in call order', async () => {
    const store = await openStore();
    const long = testChain(30);
    await Promise.all(long.map((block) => store.append(block)));
    expect(store.height).toBe(30);
    const twice = testChain(31)[30] as common.Block;
    const outcomes = await Promise.allSettled([store.append(twice), store.append(twice)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    for (const block of long) expect(bytesOf(await store.blockByNumber(headerOf(block).getNumber()))).toBe(bytesOf(block));
  });
});

describe('indices', () => {
  it('finds blocks by number and by header hash, and nothing else', async () => {
    const chain = testChain(4);
    await storeWith(chain);
    const store = await openStore();
    for (const block of chain) expect(bytesOf(await store.blockByHash(blockHeaderHash(headerOf(block))))).toBe(bytesOf(block));
    expect(await store.blockByHash(new Uint8Array(32))).toBeUndefined();
    for (const number of [-1, 1.5, 4, Number.NaN]) expect(await store.blockByNumber(number)).toBeUndefined();
  });

  it('locates transactions with the validation codes of TRANSACTIONS_FILTER, the first occurrence winning', async () => {
    const { VALID, MVCC_READ_CONFLICT, DUPLICATE_TXID, NOT_VALIDATED } = peer.TxValidationCode;
    const b0 = testBlock({ number: 0, txIds: ['a', 'b', 'c'], validationCodes: [VALID, MVCC_READ_CONFLICT, VALID] });
    const b1 = testBlock({ number: 1, previous: b0, txIds: ['d', 'a'], validationCodes: [VALID, DUPLICATE_TXID] });
    // Fresh from an orderer: no filter at all.
    const b2 = testBlock({ number: 2, previous: b1, txIds: ['e'] });
    const check = (store: FileBlockStore): void => {
      expect(store.transactionLocation('a')).toEqual({ blockNumber: 0, txIndex: 0, validationCode: VALID });
      expect(store.transactionLocation('b')).toEqual({ blockNumber: 0, txIndex: 1, validationCode: MVCC_READ_CONFLICT });
      expect(store.transactionLocation('d')).toEqual({ blockNumber: 1, txIndex: 0, validationCode: VALID });
      expect(store.transactionLocation('e')).toEqual({ blockNumber: 2, txIndex: 0, validationCode: NOT_VALIDATED });
      expect(store.transactionLocation('zzz')).toBeUndefined();
    };
    const store = await openStore();
    for (const block of [b0, b1, b2]) await store.append(block);
    check(store);
    await store.close();
    check(await openStore());
  });
});

describe('recovery on open', () => {
  const chain = testChain(5, 3);

  it.each([1, 4, RECORD_HEADER_BYTES - 1, RECORD_HEADER_BYTES, RECORD_HEADER_BYTES + 1, 200, -1])(
    'truncates a torn last record of %i bytes (negative: all but that many) and lets appends continue',
    async (kept) => {
      await storeWith(chain.slice(0, 3));
      const clean = (await stat(segment0)).size;
      const record = encodeBlockRecord(3, (chain[3] as common.Block).serializeBinary());
      const torn = record.subarray(0, kept >= 0 ? kept : record.length + kept);
      await appendFile(segment0, torn);

      const store = await openStore();
      expect(store.recovered).toEqual({ segment: segment0, offset: clean, discardedBytes: torn.length, blockNumber: 3, reason: 'TORN' });
      expect(store.height).toBe(3);
      expect((await stat(segment0)).size).toBe(clean);
      await store.append(chain[3] as common.Block);
      await store.append(chain[4] as common.Block);
      await store.close();

      const reopened = await openStore();
      expect(reopened.recovered).toBeUndefined();
      expect(reopened.height).toBe(5);
      for (const block of chain) expect(bytesOf(await reopened.blockByNumber(headerOf(block).getNumber()))).toBe(bytesOf(block));
    },
  );

  it.each([
    ['its body', (offset: number) => offset + RECORD_HEADER_BYTES + 10, 'CHECKSUM'],
    ['its checksum', (_offset: number, end: number) => end - 1, 'CHECKSUM'],
    ['its magic', (offset: number) => offset, 'HEADER'],
    ['its length', (offset: number) => offset + 7, 'HEADER'],
    ['its block number', (offset: number) => offset + 15, 'HEADER'],
  ] as const)('truncates a last record damaged in %s', async (_, where, reason) => {
    await storeWith(chain);
    const last = recordOffsets(chain)[4] as number;
    const end = (await stat(segment0)).size;
    await flipByte(segment0, where(last, end));
    const store = await openStore();
    expect(store.recovered).toEqual({ segment: segment0, offset: last, discardedBytes: end - last, blockNumber: 4, reason });
    expect(store.height).toBe(4);
    await store.append(chain[4] as common.Block);
    expect(bytesOf(await store.blockByNumber(4))).toBe(bytesOf(chain[4]));
  });

  it('truncates zeros left past the last record (a crash that extended the file but lost its data)', async () => {
    await storeWith(chain.slice(0, 2));
    const clean = (await stat(segment0)).size;
    await appendFile(segment0, Buffer.alloc(4096));
    const store = await openStore();
    expect(store.recovered).toMatchObject({ offset: clean, discardedBytes: 4096, blockNumber: 2, reason: 'HEADER' });
    expect(store.height).toBe(2);
  });

  it.each([
    ['its body', (offset: number) => offset + RECORD_HEADER_BYTES + 10, /block 1 fails its SHA-256 checksum, and an intact record follows it/],
    ['its checksum', (_offset: number, next: number) => next - 1, /block 1 fails its SHA-256 checksum/],
    ['its magic', (offset: number) => offset, /the record header of block 1 is unreadable/],
    ['its length', (offset: number) => offset + 5, /the record header of block 1 is unreadable/],
  ] as const)('refuses to open when a middle block is damaged in %s, naming it and leaving the file alone', async (_, where, message) => {
    await storeWith(chain);
    const offsets = recordOffsets(chain);
    await flipByte(segment0, where(offsets[1] as number, offsets[2] as number));
    const size = (await stat(segment0)).size;
    const error = await expectStoreError(openFileBlockStore({ directory }), 'BLOCK_STORE_CORRUPT', message, 1);
    expect(error.message).toContain(segment0);
    expect(error.message).toContain(`offset ${offsets[1]}`);
    expect((await stat(segment0)).size).toBe(size);
    // The failed open released the directory.
    await flipByte(segment0, where(offsets[1] as number, offsets[2] as number));
    expect((await openStore()).height).toBe(5);
  });

  it('refuses intact records that break the chain: a wrong number, a wrong previous hash', async () => {
    const [b0, b1] = chain as [common.Block, common.Block];
    await storeWith([]);
    await writeFile(segment0, Buffer.concat([encodeBlockRecord(0, b0.serializeBinary()), encodeBlockRecord(7, b1.serializeBinary())]));
    await expectStoreError(openFileBlockStore({ directory }), 'BLOCK_STORE_CORRUPT', /holds block 7 where block 1 belongs/, 1);

    const stranger = testBlock({ number: 1, previous: testBlock({ number: 0, txIds: ['other'] }), txIds: ['x'] });
    await writeFile(segment0, Buffer.concat([encodeBlockRecord(0, b0.serializeBinary()), encodeBlockRecord(1, stranger.serializeBinary())]));
    await expectStoreError(openFileBlockStore({ directory }), 'BLOCK_STORE_CORRUPT', /block 1 has previous_hash .* but block 0's header hash is/, 1);
  });

  it('verifies a block again when reading it', async () => {
    await storeWith(chain);
    const store = await openStore();
    await flipByte(segment0, (recordOffsets(chain)[2] as number) + RECORD_HEADER_BYTES + 3);
    await expectStoreError(store.blockByNumber(2), 'BLOCK_STORE_CORRUPT', /block 2 at offset \d+ fails its SHA-256 checksum/, 2);
    expect(bytesOf(await store.blockByNumber(3))).toBe(bytesOf(chain[3]));
  });
});

describe('segment files', () => {
  const chain = testChain(12, 4);

  it('rolls over past segmentBytes and reads across segments after a reopen', async () => {
    await storeWith(chain.slice(0, 7), 2_000);
    await storeWith(chain.slice(7), 2_000);
    const segments = (await readdir(directory)).filter((name) => name.endsWith('.blocks')).sort();
    expect(segments.length).toBeGreaterThan(3);
    expect(segments[0]).toBe('000000.blocks');
    const store = await openStore(2_000);
    expect(store.height).toBe(12);
    for (const block of chain) {
      expect(bytesOf(await store.blockByNumber(headerOf(block).getNumber()))).toBe(bytesOf(block));
      expect(bytesOf(await store.blockByHash(blockHeaderHash(headerOf(block))))).toBe(bytesOf(block));
    }
    expect(store.transactionLocation('tx-11-3')).toMatchObject({ blockNumber: 11, txIndex: 3 });
  });

  it('recovers a torn tail in the last segment, and an empty last segment', async () => {
    await storeWith(chain.slice(0, 6), 2_000);
    const segments = (await readdir(directory)).filter((name) => name.endsWith('.blocks')).sort();
    const lastSegment = join(directory, segments[segments.length - 1] as string);
    await appendFile(lastSegment, encodeBlockRecord(6, (chain[6] as common.Block).serializeBinary()).subarray(0, 50));
    const store = await openStore(2_000);
    expect(store.recovered).toMatchObject({ segment: lastSegment, blockNumber: 6, reason: 'TORN', discardedBytes: 50 });
    await store.close();
    await writeFile(join(directory, `${String(segments.length).padStart(6, '0')}.blocks`), '');
    const withEmpty = await openStore(2_000);
    expect(withEmpty.recovered).toBeUndefined();
    for (const block of chain.slice(6)) await withEmpty.append(block);
    expect(withEmpty.height).toBe(12);
  });

  it('refuses a damaged tail in a segment other than the last, and a missing segment', async () => {
    await storeWith(chain, 2_000);
    const first = join(directory, '000000.blocks');
    const size = (await stat(first)).size;
    await truncate(first, size - 1);
    await expectStoreError(openFileBlockStore({ directory, segmentBytes: 2_000 }), 'BLOCK_STORE_CORRUPT', /000000\.blocks is corrupt .* later segment files hold more blocks/);
    await unlink(join(directory, '000001.blocks'));
    await expectStoreError(openFileBlockStore({ directory, segmentBytes: 2_000 }), 'BLOCK_STORE_CORRUPT', /missing segment 000001\.blocks/);
  });

  it('refuses a segment size that is not a positive integer', async () => {
    await expect(openFileBlockStore({ directory, segmentBytes: 0 })).rejects.toThrow(RangeError);
  });
});

describe('lifecycle', () => {
  it('refuses a second store on the same directory until the first closes', async () => {
    const store = await openStore();
    await expectStoreError(openFileBlockStore({ directory }), 'BLOCK_STORE_LOCKED', /already open in this process/);
    await store.close();
    expect((await openStore()).height).toBe(0);
  });

  it('refuses a directory locked by a live process, and takes over a dead one’s lock', async () => {
    await storeWith([]);
    await writeFile(join(directory, 'LOCK'), `${process.ppid}\n`);
    await expectStoreError(openFileBlockStore({ directory }), 'BLOCK_STORE_LOCKED', new RegExp(`held by live process ${process.ppid}`));
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(directory, 'LOCK'), `${dead}\n`);
    const store = await openStore();
    expect(readFileSync(join(directory, 'LOCK'), 'utf8')).toBe(`${process.pid}\n`);
    await store.close();
    expect(existsSync(join(directory, 'LOCK'))).toBe(false);
  });

  it('refuses work once closed, and closes twice quietly', async () => {
    const store = await openStore();
    await store.append(testChain(1)[0] as common.Block);
    await store.close();
    await store.close();
    await expectStoreError(store.append(testChain(2)[1] as common.Block), 'BLOCK_STORE_CLOSED');
    await expectStoreError(store.blockByNumber(0), 'BLOCK_STORE_CLOSED');
  });

  it('finishes queued appends before closing', async () => {
    const chain = testChain(10);
    const store = await openStore();
    const appends = chain.map((block) => store.append(block));
    await store.close();
    await Promise.all(appends);
    expect((await openStore()).height).toBe(10);
  });
});
