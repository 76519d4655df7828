// The WebAssembly-free signing suites agree with the full suites: the same Ed25519 signatures as
// libsodium on RFC 8032 §7.1 vectors, cross-verification both ways, and no libsodium loaded.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const loaded = vi.hoisted(() => ({ libsodium: false }));
vi.mock('libsodium-wrappers', async (importOriginal) => {
  loaded.libsodium = true;
  return importOriginal();
});

interface Ed25519Vector {
  readonly name: string;
  readonly secret_key: string;
  readonly public_key: string;
  readonly message: string;
  readonly signature: string;
}
const { vectors } = JSON.parse(readFileSync(new URL('../test/fixtures/ed25519.json', import.meta.url), 'utf8')) as { vectors: readonly Ed25519Vector[] };
const message = new TextEncoder().encode('suitrust.example/exchanges\n8\n');

describe('signing suites', () => {
  it('sign and verify Ed25519 as RFC 8032 §7.1 says, without loading libsodium', async () => {
    const { signingSuite } = await import('./signingSuites');
    const { fromHex, toHex } = await import('./hex');
    const suite = signingSuite('std');
    for (const v of vectors) {
      const seed = fromHex(v.secret_key);
      expect(toHex(suite.publicKeyOf(seed))).toBe(v.public_key);
      expect(toHex(suite.sign(seed, fromHex(v.message)))).toBe(v.signature);
      expect(suite.verify(fromHex(v.public_key), fromHex(v.message), fromHex(v.signature))).toBe(true);
      expect(suite.verify(fromHex(v.public_key), Uint8Array.of(...fromHex(v.message), 0), fromHex(v.signature))).toBe(false);
    }
    expect(toHex(suite.hash(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(loaded.libsodium).toBe(false);
  });

  it('answers false, never throws, for malformed keys and signatures', async () => {
    const { signingSuite } = await import('./signingSuites');
    const suite = signingSuite('std');
    expect(suite.verify(new Uint8Array(31), message, new Uint8Array(64))).toBe(false);
    expect(suite.verify(new Uint8Array(32), message, new Uint8Array(63))).toBe(false);
    expect(suite.verify(new Uint8Array(32).fill(0xff), message, new Uint8Array(64).fill(0xff))).toBe(false);
    expect(() => suite.sign(new Uint8Array(31), message)).toThrow(/privateKey/);
  });

  it('interoperate with the full suites both ways (std: libsodium; sm: the same suite)', async () => {
    const { signingSuite } = await import('./signingSuites');
    const { loadSuite } = await import('./loadSuite');
    for (const name of ['std', 'sm'] as const) {
      const full = await loadSuite(name);
      const light = signingSuite(name);
      expect(light.signatureAlgorithm).toBe(full.signatureAlgorithm);
      expect(light.hashAlgorithm).toBe(full.hashAlgorithm);
      expect(light.hash(message)).toEqual(full.hash(message));
      const { privateKey, publicKey } = full.generateKeyPair();
      expect(light.publicKeyOf(privateKey)).toEqual(publicKey);
      expect(light.verify(publicKey, message, full.sign(privateKey, message))).toBe(true);
      expect(full.verify(publicKey, message, light.sign(privateKey, message))).toBe(true);
    }
  });

  it('refuses an unknown suite name', async () => {
    const { signingSuite } = await import('./signingSuites');
    expect(() => signingSuite('rsa' as 'sm')).toThrow(expect.objectContaining({ code: 'CRYPTO_UNKNOWN_SUITE' }));
  });
});
