// Builds the browser verification page: the page script bundled by esbuild for the browser (no
// Node module may resolve), beside its HTML, into dist/page/ for the gateway to serve at /verify.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}dist/page`, { recursive: true });
await build({
  entryPoints: [`${root}src/page/verifyPage.ts`],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  outfile: `${root}dist/page/verify.js`,
  logLevel: 'warning',
});
copyFileSync(`${root}src/page/verify.html`, `${root}dist/page/verify.html`);
