'use strict';
/**
 * The process transparencyLog.crash.int.test.ts kills. Run as a script with a directory and a
 * suite name, it opens the log compiled in proofs/dist, prints `open <size> <truncated files>`,
 * then appends for ever with four appends of 50 records in flight, printing
 * `ack <first index> <count>` the moment each append resolves (stdout to a pipe is synchronous on
 * Linux, so an ack is in the pipe before anything else happens). Record i is `recordOf(i)`: the
 * log assigns indices in call order, so the child knows each record's index when it appends.
 * Plain JavaScript: the child must run without a TypeScript loader.
 */
const { join } = require('node:path');

const proofsDirectory = join(__dirname, '..', '..');
const IN_FLIGHT = 4;
const PER_APPEND = 50;

/** Record `i`: its content depends only on its index. */
function recordOf(i) {
  return new TextEncoder().encode(`crash record ${i} `.padEnd(24 + (i % 29), '#'));
}

/** A fixed private key per suite, so every round signs with the same key. */
function privateKeyOf(suiteName) {
  return new Uint8Array(32).fill(suiteName === 'sm' ? 0x11 : 0x22);
}

async function appendForever(directory, suiteName) {
  const { loadSuite } = require(join(proofsDirectory, '..', 'crypto', 'dist', 'index.js'));
  const { openTransparencyLog } = require(join(proofsDirectory, 'dist', 'index.js'));
  const suite = await loadSuite(suiteName);
  const log = await openTransparencyLog({ directory, suite, origin: 'crash.example/log', signingKey: privateKeyOf(suiteName) });
  const truncated = log.recovered ? log.recovered.truncated.map((t) => t.file).join(',') || '-' : '-';
  process.stdout.write(`open ${log.size} ${truncated}\n`);
  let next = log.size;
  const appendOne = async () => {
    const first = next;
    next += PER_APPEND;
    const records = Array.from({ length: PER_APPEND }, (_, j) => recordOf(first + j));
    const promises = await log.append(records);
    if (promises[0].leafIndex !== first) throw new Error(`expected index ${first}, got ${promises[0].leafIndex}`);
    process.stdout.write(`ack ${first} ${promises.length}\n`);
  };
  const lane = async () => {
    for (;;) await appendOne();
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

module.exports = { recordOf, privateKeyOf };

if (require.main === module) {
  appendForever(process.argv[2], process.argv[3]).catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}
