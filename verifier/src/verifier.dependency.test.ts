/**
 * The verifier runs in a browser page: bundling it for the browser must succeed with no Node
 * module (esbuild refuses to resolve one for `platform: 'browser'`), and no source may use
 * `Buffer`. The bundle holds only the verifier, its two noble packages, crypto's verification suites, the log's verifier
 * modules (RFC 9162 inclusion, signed notes and checkpoints) and the generated proto code with protobufjs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('the verifier bundle', () => {
  it('bundles for a browser with no Node module', async () => {
    const result = await build({ entryPoints: [`${here}index.ts`], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((entry) => entry.path));
    expect(imports.filter((path) => path.startsWith('node:') || /^(fs|path|crypto|buffer|stream|util|os)$/.test(path))).toEqual([]);
    const packages = new Set(inputs.filter((path) => path.includes('node_modules/')).map((path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]));
    // protobufjs (with `long`) runs the generated proof messages; it is browser code too.
    expect([...packages].sort()).toEqual(['@noble/curves', '@noble/hashes', 'long', 'protobufjs']);
    expect(inputs.some((path) => path.includes('generated/suitrust.js'))).toBe(true);
    // SM3 and SM2 come from crypto's browser-safe verification suites, not its Node index.
    expect(inputs.some((path) => path.endsWith('crypto/dist/verificationSuites.js'))).toBe(true);
    expect(inputs.some((path) => path.endsWith('crypto/dist/index.js') || path.includes('libsodium'))).toBe(false);
    // Log proofs are checked with the log's own pure verifier modules, never its index (which opens files).
    expect(inputs.some((path) => path.endsWith('proofs/dist/log/verifyInclusion.js'))).toBe(true);
    expect(inputs.some((path) => path.endsWith('proofs/dist/index.js') || path.endsWith('proofs/dist/log/fileLogStore.js'))).toBe(false);
  });

  it('has no source that uses Buffer', () => {
    const sources = readdirSync(here).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
    for (const name of sources) {
      const code = readFileSync(`${here}${name}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, `${name} uses Buffer`).not.toMatch(/\bBuffer\b/);
    }
  });
});
