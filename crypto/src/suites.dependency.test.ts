// Optional dependencies are loaded only when used (STYLE.md): a process that asks only for the
// `sm` suite never loads libsodium; asking for `std` does.
import { describe, expect, it, vi } from 'vitest';

const loaded = vi.hoisted(() => ({ libsodium: false }));

vi.mock('libsodium-wrappers', async (importOriginal) => {
  loaded.libsodium = true;
  return importOriginal();
});

describe('lazy loading of libsodium', () => {
  it('is not loaded by importing the package or by using the sm suite', async () => {
    const { loadSuite } = await import('./index');
    const suite = await loadSuite('sm');
    const { privateKey, publicKey } = suite.generateKeyPair();
    const message = new TextEncoder().encode('only sm');
    expect(suite.verify(publicKey, message, suite.sign(privateKey, message))).toBe(true);
    suite.decrypt(new Uint8Array(16), suite.encrypt(new Uint8Array(16), message));
    expect(loaded.libsodium).toBe(false);
  });

  it('is loaded when the std suite is requested', async () => {
    const { loadSuite } = await import('./index');
    const suite = await loadSuite('std');
    expect(suite.name).toBe('std');
    expect(loaded.libsodium).toBe(true);
  });
});
