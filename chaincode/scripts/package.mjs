// Builds chaincode/package/: what Fabric's node builder installs and starts on its own
// (`npm ci --only=production` then `npm start -- --peer.address ...`). It holds the compiled
// chaincode bundled with the shared code it uses (schemas, protobuf runtime), and the runtime
// manifest and lockfile from deploy/, whose only dependencies are fabric-contract-api and
// fabric-shim. Output targets Node 18, the runtime of Fabric 2.5's node chaincode image.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'package');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  // The tsc output, not the sources: tsc emits the decorator metadata fabric-contract-api reads.
  entryPoints: [join(root, 'dist', 'index.js')],
  outfile: join(out, 'dist', 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  // libsodium (WebAssembly, ~0.8 MiB) serves only the std suite's encryption: the chaincode signs
  // and verifies through @suitrust/crypto's signingSuite, which never loads it.
  external: ['fabric-contract-api', 'fabric-shim', 'libsodium-wrappers'],
  logLevel: 'warning',
});
for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, 'deploy', file), join(out, file));
console.log(`chaincode package: ${out}`);
