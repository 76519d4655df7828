// The same load against the embedded peer and a real Fabric 2.5 network, in one run: certificate
// issuance (`certificates:issue` as the profile's issuer) through the stock
// `@hyperledger/fabric-gateway` client with a node:crypto signer, N issuances with C in flight,
// each waiting for its commit status VALID. Prints both and the ratio embedded / real.
//
// The real network is started from nothing with network/scripts/network.sh (three Raft
// orderers, three peers, TLS, chaincode as a service) in a temporary state folder on ports
// offset by 40000, and removed afterwards (`network.sh clean`), also on failure or Ctrl-C.
// Without Fabric's binaries (FABRIC_BIN or PATH) it prints one line and exits 0.
//
// Usage: FABRIC_BIN=/path/to/fabric-2.5/bin node bench/ledgerSideBySide.bench.mjs [N=2000] [C=32]
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { createRequire } from 'node:module';

process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'critical';
const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const { connect, hash } = require('@hyperledger/fabric-gateway');
const { contracts, formatCertificateId } = require('../chaincode/dist/index.js');
const { startEmbeddedNetwork, readConnectionProfile, signatureToLowS } = require('../network/dist/index.js');

const BENCHMARK = 'ledger-side-by-side';
/** Progress on stderr with BENCH_VERBOSE=1; stdout carries only the result line. */
const progress = (message) => process.env.BENCH_VERBOSE === '1' && console.error(`${new Date().toISOString()} ${message}`);
const NETWORK_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '../network/scripts/network.sh');
const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 32);
const warmUp = Math.max(100, 2 * concurrency);
// The real network's channel settings (network/fabric/configtx.yaml), given to the embedded one too.
const LIMITS = { maxMessageCount: 500, preferredMaxBytes: 2 * 1024 * 1024, batchTimeoutMs: 100 };

/** Fabric's binaries as network.sh finds them: FABRIC_BIN (or its bin/), else `peer` on PATH. */
function findFabricBinaries() {
  const tools = ['peer', 'orderer', 'configtxgen', 'osnadmin'];
  const candidates = process.env.FABRIC_BIN
    ? [join(process.env.FABRIC_BIN, 'bin'), process.env.FABRIC_BIN]
    : (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return candidates.find((folder) =>
    tools.every((tool) => {
      try {
        accessSync(join(folder, tool), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }),
  );
}

const fabricBin = findFabricBinaries();
if (!fabricBin) {
  console.log(JSON.stringify({ benchmark: BENCHMARK, skipped: 'no Fabric binaries (peer, orderer, configtxgen, osnadmin): set FABRIC_BIN to run it against a real network' }));
  process.exit(0);
}

/** Runs the load against the ledger behind `profile`; returns its throughput and latencies. */
async function measure(profile) {
  const client = new grpc.Client(profile.peer.endpoint, grpc.credentials.createSsl(readFileSync(profile.peer.tlsRootCertPath)), {
    ...(profile.peer.hostnameOverride ? { 'grpc.ssl_target_name_override': profile.peer.hostnameOverride } : {}),
    'grpc.max_receive_message_length': 100 * 1024 * 1024,
  });
  const gatewayAs = (prefix) => {
    const identity = profile.identities.find((candidate) => candidate.name.startsWith(`${prefix}@`));
    if (!identity) throw new Error(`no identity ${prefix}@… in the connection profile`);
    const key = createPrivateKey(readFileSync(identity.keyPath));
    const gateway = connect({
      client,
      identity: { mspId: identity.mspId, credentials: readFileSync(identity.certPath) },
      // As gateway/src/ledger/fabricLedgerClient.ts: the whole message to a node:crypto signer.
      signer: async (message) => signatureToLowS(sign('sha256', message, { key, dsaEncoding: 'der' }), 'P-256'),
      hash: hash.none,
      evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
      endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
      submitOptions: () => ({ deadline: Date.now() + 30_000 }),
      commitStatusOptions: () => ({ deadline: Date.now() + 120_000 }),
    });
    return { identity, gateway, network: gateway.getNetwork(profile.channel) };
  };
  const admin = gatewayAs('admin');
  const issuer = gatewayAs('issuer');
  try {
    const market = issuer.identity.dept;
    const typeCode = `${market}001`;
    const registration = await admin.network.getContract(profile.chaincode, 'registry').submitAsync('registerCertificateType', {
      arguments: [JSON.stringify({ typeCode, name: '营业执照', issuers: [market] })],
    });
    const registered = await registration.getStatus();
    if (!registered.successful) throw new Error(`registerCertificateType: validation code ${registered.code}`);

    const certificates = issuer.network.getContract(profile.chaincode, 'certificates');
    const issue = async (serial) => {
      const request = {
        certificateId: formatCertificateId({ typeCode, issuerCode: market, serial, version: '001' }),
        holderPseudonym: randomBytes(32).toString('hex'),
        contentDigest: { algorithm: 'sm3', value: randomBytes(32).toString('hex') },
        validFrom: new Date().toISOString(),
      };
      const started = performance.now();
      const submitted = await certificates.submitAsync('issue', { arguments: [JSON.stringify(request)] });
      const status = await submitted.getStatus();
      if (!status.successful) throw new Error(`certificates:issue ${request.certificateId}: validation code ${status.code}`);
      return performance.now() - started;
    };
    const run = async (count, prefix) => {
      const latencies = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: Math.min(concurrency, count) }, async () => {
          while (next < count) {
            const serial = `${prefix}${String(next++).padStart(7, '0')}`;
            latencies.push(await issue(serial));
          }
        }),
      );
      return { latencies, seconds: (performance.now() - started) / 1000 };
    };
    progress(`warm-up: ${warmUp} issuances`);
    await run(warmUp, 'W');
    progress(`measuring: ${total} issuances, ${concurrency} in flight`);
    const { latencies, seconds } = await run(total, 'B');
    latencies.sort((a, b) => a - b);
    const pct = (p) => Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1));
    return { transactions: latencies.length, seconds: Number(seconds.toFixed(2)), committedPerSecond: Math.round(latencies.length / seconds), latencyMs: { p50: pct(50), p99: pct(99) } };
  } finally {
    admin.gateway.close();
    issuer.gateway.close();
    client.close();
  }
}

// ---- the real network, through its scripts; cleaning up -----------------------------------

const embeddedDirectory = mkdtempSync(join(tmpdir(), 'suitrust-bench-'));
const fabricHome = mkdtempSync(join(tmpdir(), 'suitrust-fabric-bench-'));
const fabricEnvironment = {
  ...process.env,
  FABRIC_BIN: fabricBin,
  SUITRUST_FABRIC_HOME: fabricHome,
  SUITRUST_FABRIC_PORT_OFFSET: process.env.SUITRUST_FABRIC_BENCH_PORT_OFFSET ?? '40000',
  SUITRUST_ENDORSEMENT: process.env.SUITRUST_ENDORSEMENT ?? 'any',
};
const script = (args) =>
  new Promise((resolve, reject) => {
    execFile(NETWORK_SCRIPT, args, { env: fabricEnvironment, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      progress(`network.sh ${args.join(' ')}: ${error ? `failed (${error.code ?? error.signal})` : 'done'}\n${`${stdout}${stderr}`.trim().split('\n').slice(-3).join('\n')}`);
      if (error) {
        const output = `${stdout}${stderr}`.trim();
        reject(Object.assign(new Error(`network.sh ${args.join(' ')} failed (${error.code ?? error.signal}): ${output.slice(-3000)} (logs: ${fabricHome}/logs)`), { lastLine: output.split('\n').pop() }));
      } else {
        resolve(stdout);
      }
    });
  });
/** Whether network.sh made the state folder (its marker, envVar.sh's STATE_MARKER): only then may it clean it. */
const fabricStateMade = () => existsSync(join(fabricHome, '.suitrust-fabric-state'));
let fabricCleaned = false;
/** Stops every process network.sh started and removes its state folder (keeps it, stopped, with SUITRUST_FABRIC_KEEP=1). */
function cleanFabric() {
  if (fabricCleaned) return;
  fabricCleaned = true;
  const keep = process.env.SUITRUST_FABRIC_KEEP === '1';
  if (fabricStateMade()) {
    progress(`network.sh ${keep ? 'down' : 'clean'}`);
    try {
      execFileSync(NETWORK_SCRIPT, [keep ? 'down' : 'clean'], { env: fabricEnvironment, stdio: 'ignore', timeout: 120_000 });
    } catch (error) {
      console.error(`network.sh ${keep ? 'down' : 'clean'} failed: ${error.message}`);
    }
  }
  if (!keep) rmSync(fabricHome, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    cleanFabric();
    rmSync(embeddedDirectory, { recursive: true, force: true });
    process.exit(130);
  });
}

// fabric-shim (loaded with the chaincode) logs unhandled rejections at its `error` level, which
// CORE_CHAINCODE_LOGGING_LEVEL=critical silences: a failed top-level await would end the run with
// status 0 and no word. Hence the explicit catch below, and this guard for a run that stalls.
let finished = false;
process.on('beforeExit', () => {
  if (finished) return;
  finished = true;
  console.error(`${BENCHMARK}: stopped before the end, with nothing left to wait for`);
  cleanFabric();
  process.exitCode = 1;
});

/**
 * `network.sh up`, then `deploy`. A failed `up` is cleaned away and tried again: on a busy machine
 * the script can take a node for dead while it is still being exec'd (its pid still shows
 * `setsid`, not `orderer`: envVar.sh's pidOf), "exited" with an empty log.
 */
async function startFabric() {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      await script(['up']);
      break;
    } catch (error) {
      if (attempt === attempts) throw error;
      console.error(`${BENCHMARK}: network.sh up failed (${error.lastLine}); cleaning and trying again (${attempt}/${attempts})`);
      if (fabricStateMade()) await script(['clean']);
    }
  }
  await script(['deploy']);
}

try {
  // The embedded peer, in this process (as the gateway runs it), on the real network's batch settings.
  progress('starting the embedded peer');
  const embeddedNetwork = await startEmbeddedNetwork({ directory: join(embeddedDirectory, 'network'), contracts, port: 0, limits: LIMITS });
  let embedded;
  try {
    embedded = await measure(await readConnectionProfile(embeddedNetwork.connectionProfilePath));
  } finally {
    await embeddedNetwork.close();
  }

  progress(`starting a real network in ${fabricHome}`);
  const starting = performance.now();
  await startFabric();
  const startSeconds = Number(((performance.now() - starting) / 1000).toFixed(1));
  const fabric = { ...(await measure(await readConnectionProfile(join(fabricHome, 'connection-profile.json')))), startSeconds };

  console.log(
    JSON.stringify({
      benchmark: BENCHMARK,
      load: 'certificates:issue through fabric-gateway, each waiting for VALID',
      transactions: total,
      concurrency,
      warmUp,
      embedded,
      fabric,
      ratio: {
        committedPerSecond: Number((embedded.committedPerSecond / fabric.committedPerSecond).toFixed(2)),
        p50: Number((embedded.latencyMs.p50 / fabric.latencyMs.p50).toFixed(2)),
        p99: Number((embedded.latencyMs.p99 / fabric.latencyMs.p99).toFixed(2)),
      },
    }),
  );
} catch (error) {
  console.error(`${BENCHMARK}: failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  finished = true;
  cleanFabric();
  rmSync(embeddedDirectory, { recursive: true, force: true });
}
