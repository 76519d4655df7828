// End-to-end write throughput: HTTP POST /evidence → gateway → fabric-gateway → embedded peer →
// block → commit status, with N writes and C in flight, over real HTTP on loopback from a
// separate load-generating process. WRITE_BATCHING=off turns group commit off;
// BATCH_TIMEOUT_MS sets the orderer's batch timeout (20 ms by default, as `npm start`).
// Usage: node bench/httpWrites.bench.mjs [N=5000] [C=256]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'critical';
const require = createRequire(import.meta.url);
const { contracts } = require('../chaincode/dist/index.js');
const { loadSuite } = require('../crypto/dist/index.js');
const { startEmbeddedNetwork, startEmbeddedNetworkThread, readConnectionProfile } = require('../network/dist/index.js');
const { buildGateway, coalescingLedgerClient, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms } = require('../gateway/dist/index.js');

const total = Number(process.argv[2] ?? 5000);
const concurrency = Number(process.argv[3] ?? 256);
const directory = mkdtempSync(join(tmpdir(), 'suitrust-bench-'));
// fabric-shim swallows unhandled rejections into its (silenced) log: fail loudly instead.
try {
  const batchTimeoutMs = Number(process.env.BATCH_TIMEOUT_MS ?? 20);
  const limits = { maxMessageCount: 500, preferredMaxBytes: 512 * 1024, batchTimeoutMs };
  // As `npm start` runs it: the peer on its own thread unless PEER_THREAD=off.
  const peerThread = process.env.PEER_THREAD !== 'off';
  const network = peerThread
    ? await startEmbeddedNetworkThread({ directory: join(directory, 'network'), port: 0, limits })
    : await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits });
  const profile = await readConnectionProfile(network.connectionProfilePath);
  // As `npm start` runs it: group commit on unless WRITE_BATCHING=off.
  const batching = process.env.WRITE_BATCHING !== 'off';
  const maxInFlight = Number(process.env.WRITE_BATCH_IN_FLIGHT ?? 4);
  const ledger = batching ? coalescingLedgerClient(fabricLedgerClient({ profile }), { maxInFlight }) : fabricLedgerClient({ profile });
  const credentials = join(directory, 'credentials.json');
  const app = await buildGateway({
    ledger,
    callers: await loadCallerDirectory(credentials, profile),
    pseudonyms: await loadHolderPseudonyms(join(directory, 'pseudonym.key'), await loadSuite('sm')),
    logger: false,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const token = JSON.parse(readFileSync(credentials, 'utf8')).find((c) => c.identity.startsWith('judge@')).token;
  // The load comes from another process (bench/httpLoad.mjs), as a department's system would;
  // this process is the service: gateway, embedded peer and chaincode.
  const cpuBefore = process.cpuUsage();
  const load = await new Promise((resolve, reject) => {
    execFile(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'httpLoad.mjs'), address, token, String(total), String(concurrency)], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))));
  });
  const { latencies } = load;
  const seconds = load.seconds;
  // Includes the 50 warm-up writes and start-up of the load process: an upper bound.
  const cpu = process.cpuUsage(cpuBefore);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  console.log(JSON.stringify({ benchmark: 'http-writes-end-to-end', writeBatching: batching, peerThread, writes: latencies.length, concurrency, seconds: Number(seconds.toFixed(2)), committedPerSecond: Math.round(latencies.length / seconds), latencyMs: { p50: pct(50), p99: pct(99) }, serviceCpuMsPerWrite: Number(((cpu.user + cpu.system) / 1000 / latencies.length).toFixed(2)) }));
  await app.close();
  ledger.close();
  await network.close();
} catch (error) {
  process.stderr.write(`httpWrites benchmark failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  rmSync(directory, { recursive: true, force: true });
}
