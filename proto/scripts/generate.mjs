// Generates the static protobuf code from the schemas in suitrust/ (never edited by hand):
// generated/suitrust.js (CommonJS, protobufjs/minimal) and generated/suitrust.d.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const cli = dirname(require.resolve('protobufjs-cli/package.json'));
const out = join(root, 'generated');
mkdirSync(out, { recursive: true });

const schemas = readdirSync(join(root, 'suitrust'))
  .filter((name) => name.endsWith('.proto'))
  .sort()
  .map((name) => join(root, 'suitrust', name));

const run = (script, args) =>
  execFileSync(process.execPath, [join(cli, 'bin', script), ...args], { cwd: root, stdio: 'inherit' });

// 64-bit fields become numbers: block numbers, log sizes and epoch seconds stay below 2^53.
run('pbjs', ['-t', 'static-module', '-w', 'commonjs', '--force-number', '--no-beautify', '-p', root, '-o', join(out, 'suitrust.js'), ...schemas]);
run('pbts', ['-o', join(out, 'suitrust.d.ts'), join(out, 'suitrust.js')]);
