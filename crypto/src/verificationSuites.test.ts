import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { loadSuite } from './loadSuite';
import type { SuiteName } from './cryptoSuite';
import { verificationSuite } from './verificationSuites';

describe.each<SuiteName>(['sm', 'std'])('the %s verification suite', (name) => {
  it('verifies what the Node suite signed, and hashes as it does', async () => {
    const suite = await loadSuite(name);
    const checker = verificationSuite(name);
    expect([checker.hashAlgorithm, checker.signatureAlgorithm, checker.hashLength]).toEqual([suite.hashAlgorithm, suite.signatureAlgorithm, suite.hashLength]);
    for (const length of [0, 1, 64, 1000]) {
      const message = randomBytes(length);
      expect(checker.hash(message)).toEqual(suite.hash(message));
      const { privateKey, publicKey } = suite.generateKeyPair();
      const signature = suite.sign(privateKey, message);
      expect(checker.verify(publicKey, message, signature)).toBe(true);
    }
  });

  it('rejects a changed message, signature or key, and malformed input', async () => {
    const suite = await loadSuite(name);
    const checker = verificationSuite(name);
    const { privateKey, publicKey } = suite.generateKeyPair();
    const message = new TextEncoder().encode('checkpoint 42');
    const signature = suite.sign(privateKey, message);
    const flipped = (bytes: Uint8Array, at: number): Uint8Array => bytes.map((byte, i) => (i === at ? byte ^ 1 : byte));
    expect(checker.verify(publicKey, flipped(message, 3), signature)).toBe(false);
    expect(checker.verify(publicKey, message, flipped(signature, signature.length - 1))).toBe(false);
    expect(checker.verify(suite.generateKeyPair().publicKey, message, signature)).toBe(false);
    expect(checker.verify(publicKey, message, signature.subarray(1))).toBe(false);
    expect(checker.verify(publicKey.subarray(1), message, signature)).toBe(false);
  });
});

describe('the verification suites', () => {
  it('bundle for a browser: no Node module, no Buffer', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./verificationSuites.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/\bBuffer\.|require\(["']node:/);
    expect(code.length).toBeGreaterThan(1000);
  });

  it('verify an SM2 signature made with a user ID only with that ID', async () => {
    const suite = await loadSuite('sm');
    const userId = new TextEncoder().encode('court@city.gov.cn');
    const { privateKey, publicKey } = suite.generateKeyPair();
    const message = new TextEncoder().encode('evidence');
    const signature = suite.sign(privateKey, message, { userId });
    expect(verificationSuite('sm').verify(publicKey, message, signature, { userId })).toBe(true);
    expect(verificationSuite('sm').verify(publicKey, message, signature)).toBe(false);
  });
});
