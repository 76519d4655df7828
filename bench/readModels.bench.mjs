// Read models at scale (issue 5): fills the embedded event store with N certificates (issued,
// a tenth of them suspended, a fifth used) as the relay appends them, rebuilds the certificates
// view from zero (target ≥ 50,000 events/s), then measures certificate-status queries against
// that view with N certificates in it (target p99 ≤ 5 ms): through the SQLite query alone, and
// over HTTP through the gateway's view route with a department's token.
// Usage: node bench/readModels.bench.mjs [N=1000000] [queries=20000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'critical';
const require = createRequire(import.meta.url);
const { eventStores, checkpointStores, eventIdFor, NO_STREAM, START, STREAM_EXISTS, rebuildViews, certificateReadModel, certificateQueries } = require('../projections/dist/index.js');

const total = Number(process.argv[2] ?? 1_000_000);
const queries = Number(process.argv[3] ?? 20_000);
const directory = mkdtempSync(join(tmpdir(), 'suitrust-bench-views-'));
const idOf = (n) => `1.2.156.3005.2.11100000000013338W001.11100000000013338W.${String(n).padStart(10, '0')}.001.X`;
const verbose = process.env.BENCH_VERBOSE === '1';

try {
  const events = eventStores.sqlite(join(directory, 'events.db'));
  // 1. Fill: what the relay would have appended for `total` issuance transactions and their follow-ups.
  let started = performance.now();
  let appended = 0;
  const chunk = 5000;
  for (let from = 0; from < total; from += chunk) {
    const requests = [];
    for (let n = from; n < Math.min(total, from + chunk); n++) {
      const certificateId = idOf(n);
      const txId = `issue-${n}`;
      const metadata = { transactionId: txId, blockNumber: String(Math.floor(n / 500)), index: '0', txTime: '2026-11-25T02:00:00.000Z', function: 'certificates:issue', submitterMsp: 'MarketRegulationMSP', submitterDepartment: '11100000000013338W' };
      const issued = {
        id: eventIdFor(txId, 0),
        type: 'certificateIssued',
        data: { certificateId, typeCode: '11100000000013338W001', issuer: '11100000000013338W', holderPseudonym: (n % 100_000).toString(16).padStart(64, '0'), contentDigestAlgorithm: 'sm3', contentDigest: n.toString(16).padStart(64, '0'), validity: { from: { seconds: 1_764_000_000 } } },
        metadata,
      };
      requests.push({ stream: `certificate-${certificateId}`, events: [issued], expectedRevision: NO_STREAM });
      if (n % 10 === 0) requests.push({ stream: `certificate-${certificateId}`, events: [{ id: eventIdFor(`suspend-${n}`, 0), type: 'certificateSuspended', data: { certificateId, reason: 'audit' }, metadata: { ...metadata, transactionId: `suspend-${n}` } }], expectedRevision: STREAM_EXISTS });
      if (n % 5 === 0) {
        const use = { certificateId, typeCode: '11100000000013338W001', holderPseudonym: issued.data.holderPseudonym, usingDepartment: '11100000000013339X', matterCode: 'M-0001', purpose: 'licence application' };
        requests.push({ stream: `certificate-${certificateId}`, events: [{ id: eventIdFor(`use-${n}`, 0), type: 'certificateUsed', data: use, metadata: { ...metadata, transactionId: `use-${n}` } }], expectedRevision: STREAM_EXISTS });
      }
    }
    await events.appendMany(requests);
    appended += requests.length;
    if (verbose) process.stderr.write(`\rfilled ${appended} events`);
  }
  const fillSeconds = (performance.now() - started) / 1000;
  if (verbose) process.stderr.write('\n');

  // 2. Reading the global order alone (what a rebuild costs before applying anything).
  started = performance.now();
  let read = 0;
  for (let from = START; ; ) {
    const page = await events.readAll({ fromPosition: from, maxCount: 5000 });
    if (page.length === 0) break;
    read += page.length;
    from = page[page.length - 1].position;
  }
  const readSeconds = (performance.now() - started) / 1000;

  // 3. Rebuild the certificates view from zero.
  const viewsPath = join(directory, 'views.db');
  started = performance.now();
  const applied = await rebuildViews({ events, viewsPath, models: [certificateReadModel] });
  const rebuildSeconds = (performance.now() - started) / 1000;
  const rebuilt = applied.get(certificateReadModel.name);

  // 4. Status queries, uniformly random over every certificate.
  const views = checkpointStores.sqlite(viewsPath);
  const sample = (measure) => {
    const latencies = [];
    return async () => {
      for (let i = 0; i < queries; i++) {
        const n = Math.floor(Math.random() * total);
        const begun = performance.now();
        const row = await measure(idOf(n));
        latencies.push(performance.now() - begun);
        if (row?.status !== (n % 10 === 0 ? 'suspended' : 'valid')) throw new Error(`certificate ${n}: unexpected ${JSON.stringify(row)}`);
      }
      latencies.sort((a, b) => a - b);
      const at = (p) => Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(3));
      return { p50: at(50), p99: at(99), max: at(100) };
    };
  };
  const direct = await sample((id) => views.query((database) => certificateQueries.certificate(database, id)))();
  const http = await statusOverHttp(views, sample);

  console.log(JSON.stringify({
    benchmark: 'read-models',
    certificates: total,
    events: appended,
    fill: { seconds: Number(fillSeconds.toFixed(1)), eventsPerSecond: Math.round(appended / fillSeconds) },
    readAll: { events: read, seconds: Number(readSeconds.toFixed(1)), eventsPerSecond: Math.round(read / readSeconds) },
    rebuild: { events: rebuilt, seconds: Number(rebuildSeconds.toFixed(1)), eventsPerSecond: Math.round(rebuilt / rebuildSeconds) },
    statusQueryMs: { queries, sqlite: direct, http },
  }));
  await views.close();
  await events.close();
} catch (error) {
  process.stderr.write(`readModels benchmark failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  rmSync(directory, { recursive: true, force: true });
}

/**
 * The same queries over HTTP, one at a time on loopback, through the gateway with its view routes
 * on the view database (a view read never reaches the ledger; the embedded peer is there because
 * the gateway needs a ledger client and its callers' identities).
 */
async function statusOverHttp(views, sample) {
  const { contracts } = require('../chaincode/dist/index.js');
  const { loadSuite } = require('../crypto/dist/index.js');
  const { startEmbeddedNetwork, readConnectionProfile } = require('../network/dist/index.js');
  const { buildGateway, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms } = require('../gateway/dist/index.js');
  const network = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0 });
  const profile = await readConnectionProfile(network.connectionProfilePath);
  const ledger = fabricLedgerClient({ profile });
  const credentials = join(directory, 'credentials.json');
  const app = await buildGateway({ ledger, callers: await loadCallerDirectory(credentials, profile), pseudonyms: await loadHolderPseudonyms(join(directory, 'pseudonym.key'), await loadSuite('sm')), views, logger: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const { token } = JSON.parse(readFileSync(credentials, 'utf8')).find((c) => c.identity.startsWith('officer@'));
  try {
    return await sample(async (id) => {
      const response = await fetch(`${address}/views/certificates/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
      return response.json();
    })();
  } finally {
    await app.close();
    ledger.close();
    await network.close();
  }
}
