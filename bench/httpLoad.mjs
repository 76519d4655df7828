// The load generator of httpWrites.bench.mjs, in its own process as a department's system would
// be: N POST /evidence writes with C in flight over keep-alive connections, each counted when its
// 201 (committed) arrives. Prints one JSON line: seconds and sorted latencies.
// Usage: node bench/httpLoad.mjs URL TOKEN N C
import { request, Agent } from 'node:http';
import { randomBytes } from 'node:crypto';

const [url, token, totalText, concurrencyText] = process.argv.slice(2);
const total = Number(totalText);
const concurrency = Number(concurrencyText);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL('/evidence', url);

function post() {
  const body = JSON.stringify({ algorithm: 'sm3', digest: randomBytes(32).toString('hex') });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(target, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 201 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

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
agent.destroy();
process.stdout.write(`${JSON.stringify({ seconds, latencies })}\n`);
