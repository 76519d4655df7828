/**
 * Issue 5's "done when": the whole of `npm start` (embedded peer, relay, read models and HTTP
 * gateway in one process, `gateway/dist/cli/startSuiTrust.js`) is SIGKILLed while a stream of
 * HTTP writes is in flight, restarted on the same data directory, and the stream continues;
 * twice, then the process stops cleanly. Every write carries an idempotency key, and a client
 * that never heard back about one retries it with the same key after the restart, as a client
 * should. Then:
 *
 * - every write was acknowledged exactly once, with a transaction that is VALID on the ledger;
 * - the ledger holds exactly as many VALID transactions as writes were made (a retry never
 *   wrote twice, no write was lost), and the views hold each write's row once;
 * - every read model rebuilt from zero out of the event store into a fresh database equals the
 *   live views row for row.
 *
 * Half of the writes record certificate uses, which the chaincode would happily record twice:
 * only the idempotency keys keep a retried use from becoming a second one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCertificateId } from '@suitrust/chaincode';
import { openFileBlockStore } from '@suitrust/network';
import { checkpointStores, READ_MODELS, eventStores, runReadModel } from '@suitrust/projections';
import { mapLimit, startProcess, stopAll, stopProcess, type CrashProcess } from './crashProcess';

const CLI = new URL('../../gateway/dist/cli/startSuiTrust.js', import.meta.url).pathname;
const KILL_ROUNDS = 2;
/** Writes sent per round: the kill comes well before the round would end. */
const WRITES_PER_ROUND = 150;
const IN_FLIGHT = 8;
const CERTIFICATES = 5;
const START_TIMEOUT_MS = 60_000;
/** Tables of the views database that are the store's own, not a read model's. */
const STORE_TABLES = new Set(['schema_versions', 'processor_checkpoints']);

/** One keyed write and what the client knows of it. */
interface Write {
  readonly index: number;
  readonly key: string;
  readonly who: string;
  readonly path: string;
  readonly body: object;
  /** `unsent`: not sent yet; `unknown`: sent, no answer (the process died); `acknowledged`: answered 201. */
  stage: 'unsent' | 'unknown' | 'acknowledged';
  transactionId?: string;
}

interface Running {
  readonly baseUrl: string;
}

describe('the whole SuiTrust process under SIGKILL during a stream of HTTP writes', () => {
  let directory: string;
  let tokens: Map<string, string>;
  let market = '';

  const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
  const certificateId = (index: number): string => formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: `CRASH${index}`, version: '001' });
  const start = (): Promise<CrashProcess<Running>> =>
    startProcess({
      script: CLI,
      args: ['--directory', directory, '--port', '0', '--peer-port', '0'],
      env: { CORE_CHAINCODE_LOGGING_LEVEL: 'warning' },
      ready: (output) => {
        const match = /^SuiTrust gateway on (\S+) /m.exec(output);
        return match ? { baseUrl: match[1] as string } : undefined;
      },
      timeoutMs: START_TIMEOUT_MS,
      name: 'startSuiTrust',
    });
  const send = async (baseUrl: string, write: Pick<Write, 'who' | 'path' | 'body' | 'key'>): Promise<{ status: number; json: Record<string, unknown>; replayed: boolean }> => {
    const response = await fetch(new URL(write.path, baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(write.who) ?? ''}`, 'content-type': 'application/json', 'idempotency-key': write.key },
      body: JSON.stringify(write.body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown>, replayed: response.headers.get('idempotent-replayed') === 'true' };
  };
  const writeFor = (index: number): Write =>
    index % 2 === 0
      ? { index, key: `crash-write-${index}`, who: 'judge', path: '/evidence', body: { algorithm: 'sm3', digest: digest(`crash ${index}`), caseReference: `(2026)沪0105民初${index % 7}号` }, stage: 'unsent' }
      : { index, key: `crash-write-${index}`, who: 'tax-officer', path: `/certificates/${encodeURIComponent(certificateId(index % CERTIFICATES))}/uses`, body: { matterCode: `TAX-${index}`, purpose: '税务登记' }, stage: 'unsent' };

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (the root \`npm test\` does)`);
    directory = mkdtempSync(join(tmpdir(), 'suitrust-process-crash-'));
  });

  afterAll(async () => {
    await stopAll();
    if (directory) rmSync(directory, { recursive: true, force: true });
  }, 30_000);

  it(`acknowledges every write exactly once through ${KILL_ROUNDS} kills, and the views rebuild to the same rows`, async () => {
    const writes: Write[] = [];
    const setup: string[] = [];
    let current = await start();
    const credentials = JSON.parse(readFileSync(join(directory, 'gateway', 'credentials.json'), 'utf8')) as { identity: string; token: string }[];
    tokens = new Map(credentials.map((entry) => [entry.identity.split('@')[0] as string, entry.token]));
    const profile = JSON.parse(readFileSync(join(directory, 'network', 'connection-profile.json'), 'utf8')) as { identities: { name: string; dept: string }[] };
    market = profile.identities.find((identity) => identity.name.startsWith('issuer@'))?.dept ?? '';

    // The certificates the uses refer to.
    const registered = await send(current.ready.baseUrl, { who: 'admin', path: '/certificate-types', key: 'crash-setup-type', body: { typeCode: `${market}001`, name: '营业执照', issuers: [market] } });
    expect(registered.status, JSON.stringify(registered.json)).toBe(201);
    setup.push(String(registered.json['transactionId']));
    for (let index = 0; index < CERTIFICATES; index++) {
      const issued = await send(current.ready.baseUrl, {
        who: 'issuer',
        path: '/certificates',
        key: `crash-setup-certificate-${index}`,
        body: { certificateId: certificateId(index), holder: { idNumber: '11010519491231002X' }, contentDigest: { algorithm: 'sm3', value: digest(`certificate ${index}`) }, validFrom: '2026-01-01T00:00:00+08:00' },
      });
      expect(issued.status, JSON.stringify(issued.json)).toBe(201);
      setup.push(String(issued.json['transactionId']));
    }

    const summary: string[] = [];
    for (let round = 1; round <= KILL_ROUNDS + 1; round++) {
      const killing = round <= KILL_ROUNDS;
      const batch = Array.from({ length: killing ? WRITES_PER_ROUND : 60 }, (_, offset) => writeFor(writes.length + offset));
      writes.push(...batch);
      const baseUrl = current.ready.baseUrl;
      let acknowledged = 0;
      let killedAt: number | undefined;
      const unexpected: string[] = [];
      const killAfter = 20 + Math.floor(Math.random() * 60);
      await mapLimit(batch, IN_FLIGHT, async (write) => {
        if (killedAt !== undefined) return;
        write.stage = 'unknown';
        try {
          const answer = await send(baseUrl, write);
          if (answer.status !== 201) {
            unexpected.push(`${write.key}: ${answer.status} ${JSON.stringify(answer.json)}`);
            return;
          }
          write.stage = 'acknowledged';
          write.transactionId = String(answer.json['transactionId']);
          acknowledged++;
          if (killing && acknowledged === killAfter) {
            killedAt = acknowledged;
            process.kill(-(current.child.pid as number), 'SIGKILL');
          }
        } catch {
          // The process died under this request: its outcome is unknown to the client.
        }
      });
      expect(unexpected, current.output()).toEqual([]);
      if (!killing) {
        summary.push(`round ${round}: ${acknowledged} acknowledged, then stopped`);
        break;
      }
      const signal = await current.closed;
      expect(signal, `round ${round}: the process was not killed by the test:\n${current.output()}`).toBe('SIGKILL');
      const inFlight = writes.filter((write) => write.stage === 'unknown').length;
      expect(inFlight, `round ${round}: no write was in flight at the kill`).toBeGreaterThan(0);
      // What the client never heard back about, and what it had not sent yet, goes out after the restart.
      const unknown = writes.filter((write) => write.stage !== 'acknowledged');

      current = await start();
      // A client retries what it never heard back about, with the same key and body.
      let replays = 0;
      await mapLimit(unknown, IN_FLIGHT, async (write) => {
        const answer = await send(current.ready.baseUrl, write);
        expect(answer.status, `round ${round}: retry of ${write.key}: ${JSON.stringify(answer.json)}\n${current.output()}`).toBe(201);
        if (answer.replayed) replays++;
        write.stage = 'acknowledged';
        write.transactionId = String(answer.json['transactionId']);
      });
      summary.push(`round ${round}: killed after ${acknowledged} acknowledged with ${inFlight} in flight; those retried and ${unknown.length - inFlight} more sent after the restart (${replays} replayed)`);
    }

    // Wait for the views to catch up with every write, then stop cleanly.
    const uses = writes.filter((write) => write.path.endsWith('/uses'));
    const evidence = writes.filter((write) => write.path === '/evidence');
    const viewsPath = join(directory, 'views.db');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const counts = countRows(viewsPath, ['certificate_use', 'evidence']);
      const caughtUp = counts['certificate_use'] === uses.length && counts['evidence'] === evidence.length && modelsAtEnd(directory);
      if (caughtUp || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const exit = await stopProcess(current.child);
    expect(exit, `the process did not stop cleanly:\n${current.output()}`).toBe(0);

    // Every write acknowledged once, each with its own transaction.
    expect(writes.every((write) => write.stage === 'acknowledged')).toBe(true);
    const transactionIds = writes.map((write) => write.transactionId as string);
    expect(new Set(transactionIds).size, summary.join('\n')).toBe(writes.length);

    // The ledger: each acknowledged transaction VALID, and no other VALID write.
    const store = await openFileBlockStore({ directory: join(directory, 'network', 'ledger', 'suitrust') });
    try {
      for (const id of [...setup, ...transactionIds]) expect(store.transactionLocation(id)?.validationCode, `transaction ${id}`).toBe(0);
      let valid = 0;
      for (let number = 1; number < store.height; number++) {
        const block = await store.blockByNumber(number);
        const codes = block?.getMetadata()?.getMetadataList_asU8()[2] ?? new Uint8Array();
        valid += codes.filter((code) => code === 0).length;
      }
      // Besides them only the transparency log's registration, made once at first start (this
      // test appends no log records, so nothing is anchored).
      const logRegistration = 1;
      expect(valid, summary.join('\n')).toBe(setup.length + writes.length + logRegistration);
    } finally {
      await store.close();
    }

    // The live views: each write's row once, under its acknowledged transaction.
    const live = new Database(viewsPath, { readonly: true });
    try {
      const useRows = live.prepare('SELECT transaction_id AS id FROM certificate_use').all() as { id: string }[];
      expect(useRows.map((row) => row.id).sort()).toEqual(uses.map((write) => write.transactionId).sort());
      const evidenceRows = live.prepare('SELECT transaction_id AS id FROM evidence').all() as { id: string }[];
      expect(evidenceRows.map((row) => row.id).sort()).toEqual(evidence.map((write) => write.transactionId).sort());
    } finally {
      live.close();
    }

    // Every read model rebuilt from zero equals the live views, row for row.
    const rebuiltPath = join(directory, 'rebuilt-views.db');
    const events = eventStores.sqlite(join(directory, 'events.db'));
    const rebuilt = checkpointStores.sqlite(rebuiltPath);
    try {
      const end = (await events.readAll({ maxCount: 1_000_000 })).at(-1)?.position;
      for (const model of READ_MODELS) {
        const controller = new AbortController();
        const running = runReadModel({ model, events, views: rebuilt, signal: controller.signal });
        while ((await rebuilt.readCheckpoint(model.name)) !== end) await new Promise((resolve) => setTimeout(resolve, 20));
        controller.abort();
        await running;
      }
    } finally {
      await rebuilt.close();
      await events.close();
    }
    const liveTables = dumpTables(viewsPath);
    const rebuiltTables = dumpTables(rebuiltPath);
    expect(Object.keys(rebuiltTables).sort()).toEqual(Object.keys(liveTables).sort());
    for (const [table, rows] of Object.entries(liveTables)) expect(rebuiltTables[table], `table ${table}`).toEqual(rows);
    expect(liveTables['certificate_use']).toHaveLength(uses.length);
    process.stdout.write(`${summary.join('\n')}\n`);
  }, 600_000);
});

/** Row counts of `tables`, zero for a table not made yet. */
function countRows(path: string, tables: readonly string[]): Record<string, number> {
  if (!existsSync(path)) return {};
  const database = new Database(path, { readonly: true, timeout: 5000 });
  try {
    const present = new Set((database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    return Object.fromEntries(tables.map((table) => [table, present.has(table) ? (database.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n : 0]));
  } finally {
    database.close();
  }
}

/** Whether every read model's checkpoint is at the event store's last event. */
function modelsAtEnd(directory: string): boolean {
  const events = new Database(join(directory, 'events.db'), { readonly: true, timeout: 5000 });
  const views = new Database(join(directory, 'views.db'), { readonly: true, timeout: 5000 });
  try {
    const last = (events.prepare('SELECT max(position) AS last FROM events').get() as { last: number | bigint | null }).last;
    const checkpoints = new Map((views.prepare('SELECT processor_id AS id, position FROM processor_checkpoints').all() as { id: string; position: string }[]).map((row) => [row.id, row.position]));
    return last !== null && READ_MODELS.every((model) => checkpoints.get(model.name) === String(last));
  } finally {
    events.close();
    views.close();
  }
}

/** Every read-model table's rows in a stable order, and each processor's checkpoint position. */
function dumpTables(path: string): Record<string, unknown[]> {
  const database = new Database(path, { readonly: true });
  try {
    const tables = (database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
    const dump: Record<string, unknown[]> = {};
    for (const table of tables) {
      if (STORE_TABLES.has(table)) continue;
      const columns = (database.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((column) => `"${column.name}"`);
      dump[table] = database.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all();
    }
    dump['processor_checkpoints'] = database.prepare('SELECT processor_id, position FROM processor_checkpoints ORDER BY processor_id').all();
    return dump;
  } finally {
    database.close();
  }
}
