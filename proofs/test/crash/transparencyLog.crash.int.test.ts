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
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '@suitrust/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerkleHasher, memoryMerkleTree, openTransparencyLog, verifyCheckpoint } from '../../src/index';

const ROUNDS = 4;
const CHILD = new URL('./logAppender.cjs', import.meta.url).pathname;
const DIST = new URL('../../dist/index.js', import.meta.url).pathname;
const { recordOf, privateKeyOf } = createRequire(import.meta.url)(CHILD) as { recordOf: (i: number) => Uint8Array; privateKeyOf: (suite: string) => Uint8Array };

interface Round {
  readonly openedAt: number;
  readonly acks: readonly { first: number; count: number }[];
  readonly signal: NodeJS.Signals | null;
}

function runAndKill(directory: string, suite: string, killAfterMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, directory, suite], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && /^ack /m.test(stdout)) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    // 'close', not 'exit': stdout is drained, so every ack the child wrote has been read.
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter(Boolean);
      const opened = /^open (\d+) (\S+)$/.exec(lines[0] ?? '');
      if (!opened) return reject(new Error(`appender did not open the log (signal ${signal}):\n${stdout}\n${stderr}`));
      const acks = lines.slice(1).map((line) => {
        const match = /^ack (\d+) (\d+)$/.exec(line);
        if (!match) throw new Error(`unexpected line ${JSON.stringify(line)}; stderr:\n${stderr}`);
        return { first: Number(match[1]), count: Number(match[2]) };
      });
      resolve({ openedAt: Number(opened[1]), acks, signal });
    });
  });
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
