/**
 * The transparency log's crash promise, tested with real crashes: a child process appends with
 * several appends in flight and acknowledges each the moment its promises arrive; it is
 * SIGKILLed at a random moment and the log reopened, several rounds over one directory. Every
 * acknowledged record must be there byte for byte at its promised index, the tree must be the
 * tree of exactly the records kept, and the next round must continue from there.
 *
 * SIGKILL tests a process crash (the page cache survives). A power cut can only remove what was
 * not synced, i.e. what lies past the commit record: fileLogStore.crash.test.ts cuts files that
 * way. The child runs the compiled log (proofs/dist): build first (`npx tsc -b`).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '@suitrust/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerkleHasher, memoryMerkleTree, openTransparencyLog, verifyCheckpoint } from '../../src/index';
import { runAppenderUntilKilled } from '../../../tests/shared/killedAppender';

const ROUNDS = 4;
const CHILD = new URL('./logAppender.cjs', import.meta.url).pathname;
const DIST = new URL('../../dist/index.js', import.meta.url).pathname;
const { recordOf, privateKeyOf } = createRequire(import.meta.url)(CHILD) as { recordOf: (i: number) => Uint8Array; privateKeyOf: (suite: string) => Uint8Array };

interface Round {
  readonly openedAt: number;
  readonly acks: readonly { first: number; count: number }[];
  readonly signal: NodeJS.Signals | null;
}

async function runAndKill(directory: string, suite: string, killAfterMs: number): Promise<Round> {
  const run = await runAppenderUntilKilled(CHILD, [directory, suite], killAfterMs);
  const acks = run.acks.map((ack) => {
    const match = /^(\d+) (\d+)$/.exec(ack);
    if (!match) throw new Error(`unexpected ack ${JSON.stringify(ack)}; stderr:\n${run.stderr}`);
    return { first: Number(match[1]), count: Number(match[2]) };
  });
  return { openedAt: run.openedAt, acks, signal: run.signal };
}

describe.each(['sm', 'std'] as const)('transparency log killed while appending: %s suite', (suiteName) => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), `suitrust-log-kill-${suiteName}-`));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it(`keeps every acknowledged record over ${ROUNDS} kills`, async () => {
    expect(existsSync(DIST), `${DIST} is missing: run "npx tsc -b" before this test`).toBe(true);
    const suite = await loadSuite(suiteName);
    const hasher = createMerkleHasher(suite);
    let kept = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const result = await runAndKill(directory, suiteName, 50 + Math.floor(Math.random() * 250));
      expect(result.signal).toBe('SIGKILL');
      expect(result.openedAt).toBe(kept);
      expect(result.acks.length).toBeGreaterThan(0);
      const acknowledged = Math.max(...result.acks.map((ack) => ack.first + ack.count));

      const log = await openTransparencyLog({ directory, suite, origin: 'crash.example/log', signingKey: privateKeyOf(suiteName) });
      try {
        // Everything acknowledged is kept; more may be (committed, not yet acknowledged).
        expect(log.size).toBeGreaterThanOrEqual(acknowledged);
        for (const { first, count } of result.acks) {
          for (const i of [first, first + count - 1]) expect(await log.record(i)).toEqual(recordOf(i));
        }
        const tree = memoryMerkleTree(
          hasher,
          Array.from({ length: log.size }, (_, i) => hasher.leafHash(recordOf(i))),
        );
        const { note } = await log.checkpoint();
        const verified = verifyCheckpoint(note, { verifiers: [log.verifier], origin: 'crash.example/log' });
        expect(verified.ok && Buffer.from(verified.checkpoint.root).equals(Buffer.from(tree.root()))).toBe(true);
        kept = log.size;
      } finally {
        await log.close();
      }
    }
    expect(kept).toBeGreaterThan(0);
  });
});
