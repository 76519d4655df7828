/**
 * The embedded store's durability promise, tested with real crashes: a child process appends
 * (one by one, in concurrent groups, and with appendMany) and prints an ack the moment each
 * append resolves; it is SIGKILLed at a random moment and the store reopened. Every acknowledged
 * event must be there, at its acknowledged position, and the global positions must run 1…N with
 * no gap; each stream's revisions 0…n with no gap. Several rounds, each continuing the last.
 *
 * SIGKILL tests a process crash, where the OS page cache survives. That acknowledged appends also
 * survive a power cut rests on `synchronous = FULL` (an fsync of the WAL before each commit
 * returns), which the store sets and `sqliteEventStore.test.ts` checks; no test short of pulling
 * the plug can show more.
 *
 * The child is the TypeScript in `sqliteCrashAppender.ts`, bundled by esbuild for plain Node.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventIdFor, eventStores, type RecordedEvent } from '../src/index';

const ROUNDS = 5;
const CHILD_SOURCE = new URL('./sqliteCrashAppender.ts', import.meta.url).pathname;
const NODE_MODULES = new URL('../../node_modules', import.meta.url).pathname;

interface Ack {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly count: number;
}

interface Round {
  readonly openedAt: bigint;
  readonly acks: readonly Ack[];
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function runAndKill(child: string, database: string, killAfterMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, database], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: NODE_MODULES } });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    process_.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && /^ack /m.test(stdout)) timer = setTimeout(() => process_.kill('SIGKILL'), killAfterMs);
    });
    process_.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    process_.on('error', reject);
    // 'close', not 'exit': stdout is drained, so every ack the child wrote has been read.
    process_.on('close', (_code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n');
      lines.pop(); // an unterminated last line was cut by the kill: not an ack
      const opened = /^open (\d+)$/.exec(lines[0] ?? '');
      if (!opened) return reject(new Error(`appender did not open the store (signal ${signal}):\n${stdout}\n${stderr}`));
      const acks = lines.slice(1).map((line) => {
        const match = /^ack (\S+) (\d+) (\d+) (\d+)$/.exec(line);
        if (!match) throw new Error(`malformed line ${JSON.stringify(line)}`);
        return { stream: match[1] as string, revision: BigInt(match[2] as string), position: BigInt(match[3] as string), count: Number(match[4]) };
      });
      resolve({ openedAt: BigInt(opened[1] as string), acks, signal, stderr });
    });
  });
}

describe('SQLite event store under SIGKILL', () => {
  let root: string;
  let child: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sqlite-event-store-crash-'));
    child = join(root, 'sqliteCrashAppender.cjs');
    buildSync({ entryPoints: [CHILD_SOURCE], outfile: child, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'error' });
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(`keeps every acknowledged append, gapless, through ${ROUNDS} kill-and-reopen rounds`, async () => {
    const database = join(root, 'events.db');
    const acknowledged: Ack[] = [];
    let lastAckedPosition = 0n;
    for (let round = 0; round < ROUNDS; round++) {
      const run = await runAndKill(child, database, 30 + Math.floor(Math.random() * 250));
      const context = `round ${round}: opened at ${run.openedAt}, ${run.acks.length} acks, signal ${run.signal}, stderr ${run.stderr}`;
      expect(run.signal, context).toBe('SIGKILL');
      expect(run.acks.length, context).toBeGreaterThan(0);
      expect(run.openedAt, context).toBeGreaterThanOrEqual(lastAckedPosition);
      acknowledged.push(...run.acks);
      lastAckedPosition = run.acks.reduce((max, ack) => (ack.position > max ? ack.position : max), lastAckedPosition);

      const store = eventStores.sqlite(database);
      try {
        const all: RecordedEvent[] = [];
        for (let from = 0n; ; ) {
          const batch = await store.readAll({ fromPosition: from, maxCount: 5000 });
          if (batch.length === 0) break;
          all.push(...batch);
          from = batch[batch.length - 1]!.position;
        }
        // Positions 1…N, no gap; every event's id is the one its (stream, revision) must have.
        expect(all.map((event) => event.position), context).toEqual(all.map((_, i) => BigInt(i + 1)));
        const byStream = new Map<string, RecordedEvent[]>();
        for (const event of all) {
          byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
          expect(event.id, context).toBe(eventIdFor(event.stream, Number(event.revision)));
        }
        for (const [stream, events] of byStream) expect(events.map((event) => event.revision), `${context}: ${stream}`).toEqual(events.map((_, i) => BigInt(i)));
        // Every acknowledged append is there, at the acknowledged revision and position.
        const at = new Map(all.map((event) => [`${event.stream}@${event.revision}`, event]));
        for (const ack of acknowledged) {
          const last = at.get(`${ack.stream}@${ack.revision}`);
          expect(last?.position, `${context}: ${JSON.stringify({ ...ack, revision: String(ack.revision), position: String(ack.position) })}`).toBe(ack.position);
          for (let k = 1; k < ack.count; k++) expect(at.has(`${ack.stream}@${ack.revision - BigInt(k)}`), context).toBe(true);
        }
      } finally {
        await store.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS * 10);
  });
});
