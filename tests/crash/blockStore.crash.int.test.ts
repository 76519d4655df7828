/**
 * The block store's crash promise, tested with real crashes: a child process appends blocks and
 * acknowledges each one on stdout the moment `append` resolves; it is SIGKILLed at a random
 * moment, and the store reopened. Every acknowledged block must be there byte for byte, the hash
 * chain must verify, and no torn record may remain. Several rounds, each continuing the chain.
 *
 * SIGKILL tests a process crash, where the page cache survives. Odd rounds then also do what a
 * power cut may do to unsynced data: cut the file anywhere after the last acknowledged record.
 * That acknowledged data reaches the disk rests on the fdatasync before each acknowledgement,
 * which no test short of pulling the plug can show.
 */
import { appendFileSync, existsSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { common } from '@hyperledger/fabric-protos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockDataHash, blockHeaderHash } from '../../network/src/ledger/blockHash';
import { encodeBlockRecord, RECORD_HEADER_BYTES, RECORD_TRAILER_BYTES } from '../../network/src/ledger/blockRecord';
import { buildBlock } from '../../network/src/ledger/buildBlock';
import { openFileBlockStore } from '../../network/src/ledger/fileBlockStore';
import { runAppenderUntilKilled } from '../shared/killedAppender';

const ROUNDS = 6;
const CHILD = new URL('./blockStoreAppender.cjs', import.meta.url).pathname;
const DIST = new URL('../../network/dist/ledger/', import.meta.url).pathname;
const SOURCES = new URL('../../network/src/ledger/', import.meta.url).pathname;
const { envelopesFor, TXS_PER_BLOCK } = createRequire(import.meta.url)(CHILD) as {
  envelopesFor: (number: number) => Uint8Array[];
  TXS_PER_BLOCK: number;
};
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The chain the child builds: each block's content depends only on its number and the chain. */
const chain: common.Block[] = [];
const recordEnds: number[] = [];
function expectedBlock(number: number): common.Block {
  while (chain.length <= number) {
    const previous = chain.at(-1)?.getHeader();
    const block = buildBlock({ number: chain.length, previousHash: previous ? blockHeaderHash(previous) : new Uint8Array(), envelopes: envelopesFor(chain.length) });
    recordEnds.push((recordEnds.at(-1) ?? 0) + RECORD_HEADER_BYTES + block.serializeBinary().length + RECORD_TRAILER_BYTES);
    chain.push(block);
  }
  return chain[number] as common.Block;
}
/** Offset just past block `number`'s record in a single-segment store. */
function recordEnd(number: number): number {
  expectedBlock(number);
  return recordEnds[number] as number;
}

interface Round {
  readonly openedAt: number;
  readonly recovered: string;
  readonly acks: readonly number[];
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs the appender until `killAfterMs` past its first ack, then SIGKILLs it. */
async function runAndKill(directory: string, killAfterMs: number): Promise<Round> {
  const run = await runAppenderUntilKilled(CHILD, [directory], killAfterMs);
  return { ...run, acks: run.acks.map((ack) => Number(/^(\d+)$/.exec(ack)?.[1] ?? Number.NaN)) };
}

describe('file block store under SIGKILL', () => {
  let root: string;

  beforeAll(async () => {
    // The child runs compiled JavaScript. (Not compared by date with the sources: tsc -b leaves
    // an unchanged file's output untouched, so a fresh build can look older than its source.)
    for (const source of readdirSync(SOURCES).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
      const output = join(DIST, source.replace(/\.ts$/, '.js'));
      if (!existsSync(output)) throw new Error(`${output} is missing: build first (\`npx tsc -b\`; \`npm test\` does it)`);
    }
    root = await mkdtemp(join(tmpdir(), 'block-store-crash-'));
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it(`keeps every acknowledged block through ${ROUNDS} kill-and-reopen rounds`, async () => {
    const directory = join(root, 'crashchannel');
    const segment = join(directory, '000000.blocks');
    let lastAck = -1;
    const recoveries: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const run = await runAndKill(directory, 20 + Math.floor(Math.random() * 180));
      const context = `round ${round}: ${JSON.stringify({ ...run, acks: `${run.acks[0]}…${run.acks.at(-1)} (${run.acks.length})` })}`;
      expect(run.signal, context).toBe('SIGKILL');
      // The child resumed right after the last acknowledged block (or past an unacknowledged one
      // that reached the file), and acknowledged blocks one by one from there.
      expect(run.openedAt, context).toBeGreaterThanOrEqual(lastAck + 1);
      expect(run.acks, context).toEqual(run.acks.map((_, i) => run.openedAt + i));
      expect(run.acks.length, context).toBeGreaterThan(0);
      lastAck = run.acks.at(-1) as number;

      // Odd rounds also lose what a power cut may lose: the bytes after the last acknowledged
      // record, cut at a random point, or a random prefix of the next record when none reached
      // the file. (The data stays in one segment: well under 64 MiB.)
      let tornAt: number | undefined;
      if (round % 2 === 1) {
        expect(readdirSync(directory).filter((name) => name.endsWith('.blocks'))).toEqual(['000000.blocks']);
        const ackedEnd = recordEnd(lastAck);
        const size = statSync(segment).size;
        if (size > ackedEnd) {
          tornAt = ackedEnd + Math.floor(Math.random() * (size - ackedEnd));
          truncateSync(segment, tornAt);
        } else {
          const next = encodeBlockRecord(lastAck + 1, expectedBlock(lastAck + 1).serializeBinary());
          appendFileSync(segment, next.subarray(0, 1 + Math.floor(Math.random() * (next.length - 1))));
          tornAt = size;
        }
      }

      const store = await openFileBlockStore({ directory });
      recoveries.push(store.recovered ? `${store.recovered.reason}:${store.recovered.discardedBytes}` : '-');
      try {
        expect(store.height, context).toBeGreaterThanOrEqual(lastAck + 1);
        if (tornAt !== undefined) {
          expect(store.height, context).toBe(lastAck + 1);
          if (tornAt > recordEnd(lastAck)) expect(store.recovered, context).toMatchObject({ offset: recordEnd(lastAck), blockNumber: lastAck + 1 });
        }
        let previousHash: Uint8Array = new Uint8Array();
        for (let number = 0; number < store.height; number++) {
          const block = await store.blockByNumber(number);
          const header = block?.getHeader();
          if (!block || !header) throw new Error(`${context}: block ${number} is missing`);
          expect(hex(header.getPreviousHash_asU8()), `${context}: block ${number}`).toBe(hex(previousHash));
          expect(hex(header.getDataHash_asU8()), `${context}: block ${number}`).toBe(hex(blockDataHash(block.getData()?.getDataList_asU8() ?? [])));
          // Byte for byte what the child built.
          expect(hex(block.serializeBinary()) === hex(expectedBlock(number).serializeBinary()), `${context}: block ${number} differs from what was appended`).toBe(true);
          for (let index = 0; index < TXS_PER_BLOCK; index++) {
            expect(store.transactionLocation(`crash-${number}-${index}`), context).toMatchObject({ blockNumber: number, txIndex: index });
          }
          previousHash = blockHeaderHash(header);
        }
        expect(hex(store.chainInfo().currentBlockHash)).toBe(hex(previousHash));
      } finally {
        await store.close();
      }
      // No torn record left behind: a second open finds the files ending cleanly.
      const again = await openFileBlockStore({ directory });
      expect(again.recovered, context).toBeUndefined();
      expect(again.height, context).toBe(store.height);
      await again.close();
    }
    // Printed so a run shows what the crashes left (a kill alone tears a record only inside write(2)).
    console.info(`block store crash test: ${ROUNDS} rounds, ${lastAck + 1}+ blocks acknowledged, recovered on open: ${recoveries.join(' ')}`);
  });
});
