/**
 * The verification page's script bundles for a browser with no Node module, as the build does
 * (esbuild refuses to resolve one for `platform: 'browser'`), and its sources use no `Buffer`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('the verification page script', () => {
  it('bundles for a browser with no Node module, holding the verifier', async () => {
    const result = await build({ entryPoints: [`${here}verifyPage.ts`], bundle: true, platform: 'browser', format: 'iife', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((entry) => entry.path));
    expect(imports.filter((path) => path.startsWith('node:') || /^(fs|path|crypto|buffer|stream|util|os)$/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.endsWith('verifier/src/verifyBundle.ts'))).toBe(true);
    expect(inputs.some((path) => path.endsWith('crypto/dist/verificationSuites.js'))).toBe(true);
  });

  it('has no source that uses Buffer', () => {
    for (const name of readdirSync(here).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))) {
      const code = readFileSync(`${here}${name}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, `${name} uses Buffer`).not.toMatch(/\bBuffer\b/);
    }
  });
});
