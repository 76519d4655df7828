/**
 * The verifiers run in the chaincode's anchor contract and in a browser page: they and all they
 * import must load without any Node module (no `node:fs`, no `Buffer`) and with no dependency
 * but `@noble/hashes` (signed-note key IDs). This walks their imports from the sources.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ENTRIES = ['verifyInclusion', 'verifyConsistency', 'checkpoint', 'signedNote', 'suiteNoteKeys', 'inclusionPromise', 'merkleHasher', 'merkleTree', 'memoryMerkleTree'];
const ALLOWED_PACKAGES = new Set(['@noble/hashes/sha2']);

function source(module: string): string {
  return readFileSync(new URL(`./${module}.ts`, import.meta.url), 'utf8');
}

/** Modules loaded at run time (type-only imports vanish from the output). */
function runtimeImports(text: string): string[] {
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)].map((match) => match[1] as string);
}

describe('verifier modules', () => {
  it('import no Node module and no package but @noble/hashes, transitively', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [...ENTRIES];
    while (queue.length > 0) {
      const module = queue.pop() as string;
      if (seen.has(module)) continue;
      seen.add(module);
      const text = source(module);
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, `${module}.ts uses Buffer`).not.toMatch(/\bBuffer\b/);
      for (const specifier of runtimeImports(text)) {
        if (specifier.startsWith('./')) queue.push(specifier.slice(2));
        else packages.add(specifier);
      }
    }
    expect([...packages].filter((name) => !ALLOWED_PACKAGES.has(name))).toEqual([]);
    expect(seen).toContain('base64');
    expect(seen).not.toContain('fileLogStore');
  });
});
