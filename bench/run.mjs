// Runs every benchmark in this folder, one after another (each starts its own embedded network),
// and prints one JSON line per result. `npm run bench` builds first.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const file of readdirSync(here).filter((name) => name.endsWith('.bench.mjs')).sort()) {
  const result = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', env: { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: 'critical' } });
  if (result.status !== 0) process.exitCode = 1;
}
