/**
 * Chaincode determinism (DESIGN.md, "Fabric rules"): every endorsing organisation must compute
 * the same result, so the chaincode never reads the clock or randomness. Three checks: traps on
 * every clock and randomness API catch a call made directly by chaincode code while every
 * contract operation runs; the same proposals executed on two independent peers give
 * byte-identical results; and the sources name none of those APIs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ChaincodeSandbox, type TransactionOutcome } from '@suitrust/network';
import { contracts } from '@suitrust/chaincode';
import { enrolMembers, type CityMembers } from './cityNetwork';
import { runCityScenario } from './cityScenario';

const CHAINCODE_FRAME = /[/\\]chaincode[/\\](dist|src|package)[/\\]/;

/** Replaces clock and randomness APIs with versions that note calls made directly from chaincode. */
function trapClockAndRandomness(): { violations: string[]; restore: () => void } {
  const violations: string[] = [];
  const restores: (() => void)[] = [];
  const note = (api: string): void => {
    // Frame 0 is this note, 1 the trap; 2 is whoever called the API.
    const caller = (new Error().stack ?? '').split('\n').slice(1).find((line) => !line.includes(__filename));
    if (caller !== undefined && CHAINCODE_FRAME.test(caller) && !caller.includes('node_modules')) violations.push(`${api} from ${caller.trim()}`);
  };
  const wrap = <T extends object, K extends keyof T>(owner: T, key: K, api: string): void => {
    const original = owner[key];
    if (typeof original !== 'function') return;
    const trapped = function (this: unknown, ...args: unknown[]): unknown {
      note(api);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    owner[key] = trapped as T[K];
    restores.push(() => {
      owner[key] = original;
    });
  };
  wrap(Date, 'now', 'Date.now');
  wrap(Math, 'random', 'Math.random');
  wrap(crypto, 'randomBytes', 'crypto.randomBytes');
  wrap(crypto, 'randomUUID', 'crypto.randomUUID');
  wrap(crypto, 'randomInt', 'crypto.randomInt');
  wrap(crypto, 'randomFillSync', 'crypto.randomFillSync');
  wrap(crypto.webcrypto, 'getRandomValues', 'crypto.getRandomValues');
  wrap(performance, 'now', 'performance.now');
  wrap(process, 'hrtime', 'process.hrtime');
  const OriginalDate = Date;
  const TrappedDate = new Proxy(OriginalDate, {
    construct(target, args: unknown[], newTarget) {
      if (args.length === 0) note('new Date()');
      return Reflect.construct(target, args, newTarget) as object;
    },
    apply(target, thisArg, args: unknown[]) {
      note('Date()');
      return Reflect.apply(target, thisArg, args) as unknown;
    },
  });
  globalThis.Date = TrappedDate;
  restores.push(() => {
    globalThis.Date = OriginalDate;
  });
  return { violations, restore: () => restores.reverse().forEach((restore) => restore()) };
}

function fingerprint(outcome: TransactionOutcome): object {
  return {
    txId: outcome.txId,
    status: outcome.status,
    message: outcome.message,
    payload: outcome.payload,
    event: outcome.event ? Buffer.from(outcome.event.payload).toString('hex') : null,
    reads: [...outcome.readWriteSet.reads.entries()].map(([key, version]) => [key, version ?? null]),
    writes: [...outcome.readWriteSet.writes.entries()]
      .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
      .map(([key, value]) => [key, value === null ? null : Buffer.from(value).toString('hex')]),
  };
}

describe('chaincode determinism', () => {
  let members: CityMembers;
  beforeAll(async () => {
    members = await enrolMembers();
  });

  describe('with clock and randomness trapped', () => {
    let trap: ReturnType<typeof trapClockAndRandomness>;
    beforeAll(() => {
      trap = trapClockAndRandomness();
    });
    afterAll(() => trap.restore());

    it('notices a clock read made directly by chaincode code', () => {
      // A probe module at a chaincode path proves the trap attributes calls correctly.
      const dir = join(mkdtempSync(join(tmpdir(), 'suitrust-probe-')), 'chaincode', 'dist');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'probe.js'), 'module.exports = () => [Date.now(), new Date(), Math.random(), require("crypto").randomBytes(4)];');
      const probe = createRequire(__filename)(join(dir, 'probe.js')) as () => unknown;
      const before = trap.violations.length;
      probe();
      expect(trap.violations.slice(before).map((v) => v.split(' from ')[0])).toEqual(['Date.now', 'new Date()', 'Math.random', 'crypto.randomBytes']);
      trap.violations.splice(before);
    });

    it('runs every contract operation without reading the clock or randomness', async () => {
      const ledger = await ChaincodeSandbox.start({ contracts });
      try {
        const outcomes = await runCityScenario(ledger, members);
        expect(outcomes.filter((outcome) => outcome.status === 200).length).toBeGreaterThan(10);
        expect(outcomes.filter((outcome) => outcome.status === 500).length).toBeGreaterThan(2);
      } finally {
        ledger.close();
      }
      expect(trap.violations).toEqual([]);
    });
  });

  it('gives byte-identical results, writes and events on two independent peers', async () => {
    const first = await ChaincodeSandbox.start({ contracts });
    const second = await ChaincodeSandbox.start({ contracts });
    try {
      const a = await runCityScenario(first, members);
      const b = await runCityScenario(second, members);
      expect(b.map(fingerprint)).toEqual(a.map(fingerprint));
    } finally {
      first.close();
      second.close();
    }
  });

  it('names no clock, randomness or environment API in its sources', () => {
    const root = join(__dirname, '..', '..', 'chaincode', 'src');
    const forbidden = /\bDate\.now\b|new Date\(\s*\)|\bMath\.random\b|\brandom(Bytes|UUID|Int|FillSync)\b|getRandomValues|performance\.now|process\.hrtime|process\.env|\bsetTimeout\b|\bsetInterval\b/;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (forbidden.test(line)) offenders.push(`${relative(root, path)}:${index + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
