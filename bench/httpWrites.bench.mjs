// End-to-end write throughput: HTTP POST /evidence → gateway → fabric-gateway → embedded peer →
// block → commit status, with N writes and C in flight, over real HTTP on loopback.
// Usage: node bench/httpWrites.bench.mjs [N=3000] [C=64]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'critical';
const require = createRequire(import.meta.url);
const { contracts } = require('../chaincode/dist/index.js');
const { loadSuite } = require('../crypto/dist/index.js');
const { startEmbeddedNetwork, readConnectionProfile } = require('../network/dist/index.js');
const { buildGateway, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms } = require('../gateway/dist/index.js');

const total = Number(process.argv[2] ?? 3000);
const concurrency = Number(process.argv[3] ?? 64);
const directory = mkdtempSync(join(tmpdir(), 'suitrust-bench-'));
// fabric-shim swallows unhandled rejections into its (silenced) log: fail loudly instead.
try {
  const batchTimeoutMs = Number(process.env.BATCH_TIMEOUT_MS ?? 100);
  const network = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 500, preferredMaxBytes: 512 * 1024, batchTimeoutMs } });
  const profile = await readConnectionProfile(network.connectionProfilePath);
  const ledger = fabricLedgerClient({ profile });
  const credentials = join(directory, 'credentials.json');
  const app = await buildGateway({
    ledger,
    callers: await loadCallerDirectory(credentials, profile),
    pseudonyms: await loadHolderPseudonyms(join(directory, 'pseudonym.key'), await loadSuite('sm')),
    logger: false,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const token = JSON.parse(readFileSync(credentials, 'utf8')).find((c) => c.identity.startsWith('judge@')).token;
  const post = async () => {
    const started = performance.now();
    const response = await fetch(`${address}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ algorithm: 'sm3', digest: randomBytes(32).toString('hex') }),
    });
    if (response.status !== 201) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    return performance.now() - started;
  };
  for (let i = 0; i < 50; i++) await post(); // warm-up
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      latencies.push(await post());
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(JSON.stringify({ benchmark: 'http-writes-end-to-end', writes: latencies.length, concurrency, seconds: Number(seconds.toFixed(2)), committedPerSecond: Math.round(latencies.length / seconds), latencyMs: { p50: pct(50), p99: pct(99) } }));
  await app.close();
  ledger.close();
  await network.close();
} catch (error) {
  process.stderr.write(`httpWrites benchmark failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  rmSync(directory, { recursive: true, force: true });
}
