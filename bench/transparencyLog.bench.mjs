// The transparency log at scale (issue 6): durable appends through the log's own API (group
// commit: fsync'd batches, one SM2 signature per batch), then, on the log just built, inclusion
// proofs of random leaves and consistency proofs per second, their sizes in bytes (the audit
// path, and the log part of a proof bundle as protobuf), the same sizes for a 1,000,000,000-record
// log from the formula, and the process's RSS while proving. Every proof measured is also
// checked against the root (outside the timed loops) so a fast wrong answer cannot pass.
// Targets: appends ≥ 50,000 records/s; inclusion proofs ≥ 20,000/s at 10,000,000 records.
// Usage: node bench/transparencyLog.bench.mjs [records=1000000] [records per append=1000]
//          [appends in flight=4] [record bytes=200] [seconds per proof measurement=3]
// The figures: node bench/transparencyLog.bench.mjs 10000000 (≈ 3–5 min, 2.7 GB of disk).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadSuite } = require('../crypto/dist/index.js');
const { openTransparencyLog, verifyInclusion, verifyConsistency, verifyCheckpoint } = require('../proofs/dist/index.js');
const { suitrust } = require('../proto/index.js');

const total = Number(process.argv[2] ?? 1_000_000);
const perAppend = Number(process.argv[3] ?? 1000);
const inFlight = Number(process.argv[4] ?? 4);
const recordBytes = Number(process.argv[5] ?? 200);
const budgetMs = Number(process.argv[6] ?? 3) * 1000;
const HASH_BYTES = 32;
const FAR_SIZE = 1_000_000_000;
const verbose = process.env.BENCH_VERBOSE === '1';
const directory = mkdtempSync(join(tmpdir(), 'suitrust-bench-tlog-'));
const origin = 'suitrust.example/exchanges';

/** A record the size of an exchange report: its index in text, then filler, so no two are equal. */
function recordOf(index) {
  const record = Buffer.alloc(recordBytes, 0x2e);
  record.write(`{"exchange":${index},"authorisation":"AUTH-${index % 9973}","resource":"R-${index % 101}"}`, 0, 'latin1');
  return record;
}
const randomBelow = (n) => Math.floor(Math.random() * n);
const load = () => { const [one] = (process.platform === 'linux' ? require('node:os').loadavg() : [0]); return Number(one.toFixed(2)); };
const varintBytes = (n) => { let bytes = 1; while (n >= 128) { n = Math.floor(n / 128); bytes++; } return bytes; };

/** Runs `work` for the time budget after a warm-up; returns calls per second and the largest RSS seen. */
async function rate(work) {
  for (let i = 0; i < 200; i++) await work();
  let count = 0;
  let rss = process.memoryUsage().rss;
  const started = performance.now();
  while (performance.now() - started < budgetMs) {
    await work();
    if (++count % 1000 === 0) rss = Math.max(rss, process.memoryUsage().rss);
  }
  return { perSecond: Math.round(count / ((performance.now() - started) / 1000)), rssMiB: Math.round(rss / 2 ** 20) };
}

const suite = await loadSuite('sm');
const { privateKey } = suite.generateKeyPair();
let log = await openTransparencyLog({ directory, suite, origin, signingKey: privateKey });
try {
  // 1. Appends: `inFlight` callers, each awaiting appends of `perAppend` records in turn; the log
  //    groups whatever is queued into one fsync'd batch. Counting promise batches tells how many.
  const batchStarts = new Set();
  const loadBefore = load();
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const caller = async () => {
    while (next < total) {
      const from = next;
      next = Math.min(total, next + perAppend);
      const records = [];
      for (let i = from; i < next; i++) records.push(recordOf(i));
      const promises = await log.append(records);
      for (const promise of promises) batchStarts.add(promise.batch.start);
      if (verbose && promises[0].leafIndex % 100_000 < perAppend) process.stderr.write(`\rappended ${log.size}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, caller));
  const appendSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (verbose) process.stderr.write('\n');
  if (log.size !== total) throw new Error(`appended ${log.size} records, expected ${total}`);
  console.log(JSON.stringify({
    benchmark: 'transparency-log-append',
    suite: 'sm',
    records: total,
    recordBytes,
    recordsPerAppend: perAppend,
    appendsInFlight: inFlight,
    fsyncedBatches: batchStarts.size,
    meanRecordsPerBatch: Math.round(total / batchStarts.size),
    seconds: Number(appendSeconds.toFixed(1)),
    recordsPerSecond: Math.round(total / appendSeconds),
    // CPU of this process (all its threads) per record, and what that allows when nothing else
    // runs: the one JavaScript thread hashes, copies and signs, so this is the ceiling of one core.
    cpuMicrosecondsPerRecord: Number(((cpuSeconds / total) * 1e6).toFixed(1)),
    recordsPerCpuSecond: Math.round(total / cpuSeconds),
    loadAverage: [loadBefore, load()],
  }));

  // Reopen, as a proof server would: the upper levels come back from the tree file.
  await log.close();
  const opening = performance.now();
  log = await openTransparencyLog({ directory, suite, origin, signingKey: privateKey });
  const openMs = performance.now() - opening;
  const { hasher } = log;
  const { checkpoint, note } = await log.checkpoint();
  const root = checkpoint.root;

  // 2. Inclusion proofs of random leaves in the tree of every record, then a check of a sample.
  const proveLoad = load();
  const inclusion = await rate(() => log.inclusionProof(randomBelow(total)));
  let pathBytesMax = 0;
  let pathBytesSum = 0;
  const sample = 2000;
  for (let i = 0; i < sample; i++) {
    const proof = await log.inclusionProof(i === 0 ? total - 1 : randomBelow(total));
    const checked = verifyInclusion(hasher, { ...proof, root });
    if (!checked.ok) throw new Error(`inclusion proof of ${proof.leafIndex} does not verify: ${checked.reason}`);
    const bytes = proof.path.length * HASH_BYTES;
    pathBytesMax = Math.max(pathBytesMax, bytes);
    pathBytesSum += bytes;
  }

  // 3. Consistency proofs: from a random earlier size to the current one (a monitor catching up
  //    to the latest checkpoint), and between two random sizes (each a right edge not cached).
  const toCurrent = await rate(() => log.consistencyProof(1 + randomBelow(total - 1)));
  const between = await rate(() => {
    const a = 1 + randomBelow(total - 1);
    const b = 1 + randomBelow(total - 1);
    return log.consistencyProof(Math.min(a, b), Math.max(a, b));
  });
  let consistencyBytesMax = 0;
  for (let i = 0; i < 200; i++) {
    const first = 1 + randomBelow(total - 1);
    const proof = await log.consistencyProof(first);
    const checked = verifyConsistency(hasher, { firstSize: first, secondSize: total, firstRoot: await log.root(first), secondRoot: root, proof: proof.proof });
    if (!checked.ok) throw new Error(`consistency proof ${first} → ${total} does not verify: ${checked.reason}`);
    consistencyBytesMax = Math.max(consistencyBytesMax, proof.proof.length * HASH_BYTES);
  }

  // 4. The log part of a proof bundle (LogProof): the record, its audit path, the signed
  //    checkpoint and the anchoring transaction's id, for the leaf with the longest path.
  const opened = verifyCheckpoint(note, { verifiers: [log.verifier], origin });
  if (!opened.ok) throw new Error(`checkpoint does not verify: ${opened.message}`);
  const keyId = (id) => { const bytes = Buffer.alloc(4); bytes.writeUInt32BE(id >>> 0); return bytes; };
  const logPart = (proof, record) => suitrust.proofs.v1.LogProof.encode({
    leaf: record,
    inclusion: { leafIndex: proof.leafIndex, treeSize: proof.treeSize, path: proof.path },
    checkpoint: {
      origin,
      size: checkpoint.size,
      rootHash: root,
      hashAlgorithm: suite.hashAlgorithm,
      note: note.slice(0, note.lastIndexOf('\n\n') + 1),
      signatures: opened.verified.map((s) => ({ keyName: s.name, keyId: keyId(s.keyId), signature: s.signature })),
    },
    anchorTxId: 'f'.repeat(64),
  }).finish().length;
  const longest = await log.inclusionProof(0);
  const logPartBytes = logPart(longest, await log.record(0));
  // At FAR_SIZE: the same parts with ⌈log2 n⌉ path hashes of 32 bytes (34 with their protobuf
  // tag and length), and the sizes' varints and decimal digits grown with n.
  const farPathHashes = Math.ceil(Math.log2(FAR_SIZE));
  const grown = 2 * (varintBytes(FAR_SIZE) - varintBytes(total)) + (String(FAR_SIZE).length - String(total).length);
  const farLogPartBytes = logPartBytes + (farPathHashes - longest.path.length) * (HASH_BYTES + 2) + grown;
  console.log(JSON.stringify({
    benchmark: 'transparency-log-proofs',
    suite: 'sm',
    treeSize: total,
    openMs: Math.round(openMs),
    inclusionProofsPerSecond: inclusion.perSecond,
    consistencyToCurrentPerSecond: toCurrent.perSecond,
    consistencyBetweenRandomSizesPerSecond: between.perSecond,
    rssMiBWhileProving: Math.max(inclusion.rssMiB, toCurrent.rssMiB, between.rssMiB),
    inclusionPathBytesMax: pathBytesMax,
    inclusionPathBytesMean: Math.round(pathBytesSum / sample),
    consistencyProofBytesMax: consistencyBytesMax,
    bundleLogPartBytes: logPartBytes,
    formula: {
      treeSize: FAR_SIZE,
      inclusionPathBytesMax: farPathHashes * HASH_BYTES,
      bundleLogPartBytes: farLogPartBytes,
      // SUBPROOF descends at most ⌈log2 n⌉ times, one hash each, plus the old tree's own node.
      consistencyProofBytesMax: (farPathHashes + 1) * HASH_BYTES,
    },
    loadAverage: [proveLoad, load()],
  }));
} finally {
  await log.close();
  rmSync(directory, { recursive: true, force: true });
}
