// Proof bundle verification in Node (issue 6 target: ≤ 5 ms per bundle with the SM suite).
// Starts the embedded network and a gateway per suite (receipts SM2 and SM3 digests for `sm`,
// Ed25519 and SHA-256 for `std`), notarises evidence over HTTP, fetches each transaction's bundle
// as protobuf over HTTP (`GET /proofs/transactions/:txId`), then verifies the bytes with
// `verifyBundle` round-robin, timing each call (mean, p50, p99): with `nodeBundleCrypto` (Node's
// OpenSSL for SHA-256, SM3 and P-256, as the `verify` command runs it) and with the portable
// plain-JavaScript set the browser page runs (a tenth as many calls: it is ≈ 30× slower). Then the
// same bundles through the verifier's parts, to show where the time goes. Every verification
// must come out valid.
// Usage: node bench/bundleVerification.bench.mjs [verifications per suite=2000] [bundles=20]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';

process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'critical';
const require = createRequire(import.meta.url);
const { contracts } = require('../chaincode/dist/index.js');
const { loadSuite } = require('../crypto/dist/index.js');
const { startEmbeddedNetwork, readConnectionProfile } = require('../network/dist/index.js');
const { buildGateway, embeddedNetworkProofs, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms, loadReceiptSigner, PROTOBUF_MEDIA_TYPE } = require('../gateway/dist/index.js');
const { verifyBundle, verifyLedgerProof, portableBundleCrypto } = require('../verifier/dist/index.js');
const { nodeBundleCrypto } = require('../verifier/dist/node/nodeBundleCrypto.js');
// The verifier's parts, for the breakdown only (not its public surface).
const { TrustIndex } = require('../verifier/dist/trustIndex.js');
const { transactionChecks } = require('../verifier/dist/transactionChecks.js');
const { blockContentChecks, headerChainChecks, headerFields, ordererSignatureCheck } = require('../verifier/dist/blockChecks.js');
const { attestationChecks } = require('../verifier/dist/attestationChecks.js');
const { claimChecks } = require('../verifier/dist/claimChecks.js');
const { receiptChecks } = require('../verifier/dist/receiptChecks.js');
const { suitrust } = require('../proto/index.js');

const verifications = Number(process.argv[2] ?? 2000);
const bundleCount = Number(process.argv[3] ?? 20);
const directory = mkdtempSync(join(tmpdir(), 'suitrust-bench-bundles-'));
const load = () => Number(loadavg()[0].toFixed(2));
const ms = (value) => Number(value.toFixed(3));

/** Mean, p50 and p99 of `count` timed calls of `work(i)`, after a warm-up. */
function timed(count, work) {
  for (let i = 0; i < Math.min(50, count); i++) work(i);
  const latencies = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    work(i);
    latencies[i] = performance.now() - started;
  }
  latencies.sort();
  const at = (p) => latencies[Math.min(count - 1, Math.floor((p / 100) * count))];
  return { mean: ms(latencies.reduce((a, b) => a + b, 0) / count), p50: ms(at(50)), p99: ms(at(99)) };
}

/** Mean ms of one call of `work(i)` over `count` calls. */
function meanMs(count, work) {
  for (let i = 0; i < Math.min(50, count); i++) work(i);
  const started = performance.now();
  for (let i = 0; i < count; i++) work(i);
  return ms((performance.now() - started) / count);
}

/** Starts a gateway of one suite on the network; returns its base URL, tokens and closer. */
async function gatewayOf(network, profile, suiteName) {
  const folder = join(directory, `gateway-${suiteName}`);
  const suite = await loadSuite(suiteName);
  const ledger = fabricLedgerClient({ profile });
  const auditor = profile.identities.find((identity) => identity.role === 'auditor');
  const proofs = await embeddedNetworkProofs(network, profile, auditor.name);
  const app = await buildGateway({
    ledger,
    callers: await loadCallerDirectory(join(folder, 'credentials.json'), profile),
    pseudonyms: await loadHolderPseudonyms(join(folder, 'pseudonym.key'), suite),
    receipts: await loadReceiptSigner(join(folder, 'receipt.key'), suite),
    proofs,
    logger: false,
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const tokens = JSON.parse(readFileSync(join(folder, 'credentials.json'), 'utf8'));
  const tokenOf = (prefix) => tokens.find((entry) => entry.identity.startsWith(prefix)).token;
  const close = async () => {
    await app.close();
    proofs.source.close();
    ledger.close();
  };
  return { suite, base, tokenOf, close };
}

/** Notarises `bundleCount` documents and fetches each one's bundle as protobuf bytes. */
async function bundlesOf({ suite, base, tokenOf }) {
  const algorithm = suite.hashAlgorithm;
  const documents = Array.from({ length: bundleCount }, (_, i) => new TextEncoder().encode(`Exhibit ${i} (${algorithm}): the lease as signed on 1 April, page ${i + 1}.`));
  const txIds = [];
  for (const document of documents) {
    const response = await fetch(`${base}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf('judge@')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ algorithm, digest: Buffer.from(suite.hash(document)).toString('hex'), caseReference: '(2026)沪0105民初12号' }),
    });
    if (response.status !== 201) throw new Error(`POST /evidence answered ${response.status}: ${await response.text()}`);
    txIds.push((await response.json()).transactionId);
  }
  const bundles = [];
  for (const txId of txIds) {
    const response = await fetch(`${base}/proofs/transactions/${txId}`, { headers: { authorization: `Bearer ${tokenOf('auditor@')}`, accept: PROTOBUF_MEDIA_TYPE } });
    if (response.status !== 200) throw new Error(`GET /proofs/transactions/${txId} answered ${response.status}`);
    bundles.push(new Uint8Array(await response.arrayBuffer()));
  }
  const trust = suitrust.proofs.v1.TrustAnchors.fromObject(await (await fetch(`${base}/trust`)).json());
  return { documents, bundles, trust };
}

/** The verifier's parts on decoded bundles, as `verifyBundle` runs them, each timed alone. */
function breakdown(decoded, documents, trust, crypto) {
  const n = decoded.length;
  const each = (work) => meanMs(Math.max(200, Math.floor(verifications / 4)), (i) => work(decoded[i % n], i % n));
  // A fresh index per call, as each verification makes its own (it remembers judged identities).
  const indexed = (work) => (bundle, i) => work(bundle, i, new TrustIndex(trust, crypto.p256));
  return {
    trustAnchorsParse: each(() => new TrustIndex(trust, crypto.p256)),
    transaction: each(indexed((bundle, _i, index) => transactionChecks({ envelope: bundle.ledger.envelope, channelId: bundle.ledger.channelId, txId: bundle.ledger.txId, trust: index, endorsementPolicy: trust.endorsementPolicy }))),
    blockAndHeaderChain: each((bundle) => [blockContentChecks(bundle.ledger), headerChainChecks(bundle.ledger)]),
    ordererSignatures: each(indexed((bundle, _i, index) => {
      const chain = bundle.ledger.headerChain;
      const checks = [ordererSignatureCheck('blockSignature.orderer', headerFields(bundle.ledger.blockHeader), bundle.ledger.blockSignatures, index)];
      if (chain.length > 0) checks.push(ordererSignatureCheck('lastBlockSignature.orderer', headerFields(chain[chain.length - 1]), bundle.ledger.lastBlockSignatures, index));
      return checks;
    })),
    attestation: each(indexed((bundle, _i, index) => attestationChecks({ attestation: bundle.ledger.attestation, channelId: bundle.ledger.channelId, header: headerFields(bundle.ledger.blockHeader), txIndex: bundle.ledger.txIndex, envelopeCount: bundle.ledger.blockEnvelopes.length, trust: index, threshold: trust.attestationThreshold }))),
    claim: each((bundle, i) => claimChecks({ claim: bundle.claim, ledger: bundle.ledger, document: documents[i], crypto })),
    receipt: each((bundle) => receiptChecks(bundle.receipt, bundle.ledger.txId, trust, crypto, suitrust.proofs.v1.ProofBundle.encode({ ...bundle, receipt: null }).finish())),
    ledgerProofWhole: each((bundle) => verifyLedgerProof(bundle.ledger, trust, crypto)),
  };
}

let network;
const gateways = [];
try {
  const limits = { maxMessageCount: 10, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 };
  network = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits });
  const profile = await readConnectionProfile(network.connectionProfilePath);
  for (const suiteName of ['sm', 'std']) {
    const gateway = await gatewayOf(network, profile, suiteName);
    gateways.push(gateway);
    const { documents, bundles, trust } = await bundlesOf(gateway);
    const decoded = bundles.map((bytes) => suitrust.proofs.v1.ProofBundle.decode(bytes));
    const loadBefore = load();
    const measure = (crypto, count) => {
      let invalid = 0;
      const latency = timed(count, (i) => {
        const outcome = verifyBundle(bundles[i % bundles.length], { trust, document: documents[i % bundles.length], crypto });
        if (!outcome.valid) invalid++;
      });
      if (invalid > 0) {
        const failedChecks = verifyBundle(bundles[0], { trust, document: documents[0], crypto }).checks.filter((check) => !check.ok);
        throw new Error(`${invalid} verifications failed (${suiteName}): ${JSON.stringify(failedChecks)}`);
      }
      return latency;
    };
    const native = measure(nodeBundleCrypto, verifications);
    const portable = measure(portableBundleCrypto, Math.max(20, Math.floor(verifications / 10)));
    const sample = verifyBundle(bundles[0], { trust, document: documents[0], crypto: nodeBundleCrypto });
    console.log(JSON.stringify({
      benchmark: `bundle-verification-${suiteName}`,
      bundles: bundles.length,
      verifications,
      bundleBytes: { min: Math.min(...bundles.map((b) => b.length)), max: Math.max(...bundles.map((b) => b.length)) },
      checksPerBundle: sample.checks.length,
      msPerBundle: native,
      msPerBundlePortable: portable,
      breakdownMs: breakdown(decoded, documents, trust, nodeBundleCrypto),
      decodeMs: meanMs(verifications, (i) => suitrust.proofs.v1.ProofBundle.decode(bundles[i % bundles.length])),
      loadAverage: [loadBefore, load()],
    }));
  }
} catch (error) {
  process.stderr.write(`bundleVerification benchmark failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  for (const gateway of gateways) await gateway.close();
  await network?.close();
  rmSync(directory, { recursive: true, force: true });
}
