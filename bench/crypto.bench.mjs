// Crypto suite rates: sign and verify (recurring and new keys), authenticated encryption of
// 1 MiB messages, and the keyed pseudonym, for both suites.
// Usage: node bench/crypto.bench.mjs [seconds per measurement = 1]
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const { loadSuite } = require('../crypto/dist/index.js');
const budgetMs = Number(process.argv[2] ?? 1) * 1000;

function rate(work) {
  for (let i = 0; i < 20; i++) work(i); // warm-up
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < budgetMs) work(count++);
  return count / ((performance.now() - started) / 1000);
}

for (const name of ['sm', 'std']) {
  const suite = await loadSuite(name);
  const keys = Array.from({ length: 4 }, () => suite.generateKeyPair());
  const message = randomBytes(256);
  const signatures = keys.map((key) => suite.sign(key.privateKey, message));
  const fresh = Array.from({ length: 200 }, () => suite.generateKeyPair());
  const freshSignatures = fresh.map((key) => suite.sign(key.privateKey, message));
  const key = randomBytes(suite.encryptionKeyLength);
  const mebibyte = randomBytes(1 << 20);
  const sealed = suite.encrypt(key, mebibyte);
  const pseudonymKey = randomBytes(32);
  console.log(JSON.stringify({
    benchmark: `crypto-${name}`,
    signPerSecond: Math.round(rate((i) => suite.sign(keys[i % 4].privateKey, message))),
    verifyRecurringKeyPerSecond: Math.round(rate((i) => suite.verify(keys[i % 4].publicKey, message, signatures[i % 4]))),
    verifyNewKeyPerSecond: Math.round(rate((i) => suite.verify(fresh[i % 200].publicKey, message, freshSignatures[i % 200]))),
    encryptMiBPerSecond: Number(rate(() => suite.encrypt(key, mebibyte)).toFixed(1)),
    decryptMiBPerSecond: Number(rate(() => suite.decrypt(key, sealed)).toFixed(1)),
    pseudonymPerSecond: Math.round(rate((i) => suite.pseudonym(pseudonymKey, Buffer.from(`11010519491231002${i % 10}`)))),
  }));
}
