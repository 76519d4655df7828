// RFC 8032 §7.1 Ed25519 test vectors 1 and 2 (test/fixtures/ed25519.json) through the std suite.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex';
import { createStdSuite } from './stdSuite';

interface Ed25519Vector {
  readonly name: string;
  readonly secret_key: string;
  readonly public_key: string;
  readonly message: string;
  readonly signature: string;
}
const { vectors } = JSON.parse(readFileSync(new URL('../test/fixtures/ed25519.json', import.meta.url), 'utf8')) as { vectors: readonly Ed25519Vector[] };

describe.each(vectors.map((v) => [v.name, v] as const))('Ed25519 (RFC 8032 §7.1 %s)', (_name, v) => {
  it('derives the public key, signs deterministically and verifies', async () => {
    const suite = await createStdSuite();
    const seed = fromHex(v.secret_key);
    const message = fromHex(v.message);
    expect(toHex(suite.publicKeyOf(seed))).toBe(v.public_key);
    expect(toHex(suite.sign(seed, message))).toBe(v.signature);
    expect(suite.verify(fromHex(v.public_key), message, fromHex(v.signature))).toBe(true);
    expect(suite.verify(fromHex(v.public_key), Uint8Array.of(...message, 0), fromHex(v.signature))).toBe(false);
  });
});
