import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './ruleCodes';

/** Every non-test source of the chaincode, as text. */
function sources(dir = join(__dirname, '..')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'ruleCodes.ts' ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('the registry of rule codes', () => {
  it('lists only codes some rule refuses with, so clients never wait for a refusal that cannot come', () => {
    const text = sources().join('\n');
    const unused = Object.keys(RULES).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('holds stable upper-snake-case codes, each with a sentence for problem details', () => {
    for (const [code, sentence] of Object.entries(RULES)) {
      expect(code).toMatch(/^[A-Z]+(_[A-Z0-9]+)*$/);
      expect(sentence.length).toBeGreaterThan(10);
    }
  });
});
