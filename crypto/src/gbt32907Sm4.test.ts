// GB/T 32907-2016 SM4 appendix A vectors (test/fixtures/sm4.json), through the BlockCipher
// adapter (ECB, CTR) and through Node's own sm4-cbc (a fact DESIGN.md relies on).
import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './cryptoError';
import { fromHex, toHex } from './hex';
import { sm4 } from './sm4';

interface Sm4Vector {
  readonly mode?: string;
  readonly key: string;
  readonly iv?: string;
  readonly aad?: string;
  readonly plaintext: string;
  readonly ciphertext: string;
  readonly iterations?: number;
}
const { vectors } = JSON.parse(readFileSync(new URL('../test/fixtures/sm4.json', import.meta.url), 'utf8')) as { vectors: readonly Sm4Vector[] };
const ecb = vectors.filter((v) => v.mode === undefined && v.iterations === undefined);
const repeated = vectors.filter((v) => v.iterations !== undefined);
const cbc = vectors.filter((v) => v.mode === 'cbc');

describe('SM4 block cipher (GB/T 32907 appendix A)', () => {
  it.each(ecb)('encrypts one block', (v) => {
    expect(toHex(sm4(fromHex(v.key)).encryptBlock(fromHex(v.plaintext)))).toBe(v.ciphertext);
  });

  // One ECB context reused for every block: ≈ 1 s for the million blocks (measured).
  it.each(repeated)('encrypts one block $iterations times in a row', (v) => {
    const cipher = sm4(fromHex(v.key));
    let block = fromHex(v.plaintext);
    for (let i = 0; i < v.iterations!; i++) block = cipher.encryptBlock(block);
    expect(toHex(block)).toBe(v.ciphertext);
  });

  it.each(cbc)('node:crypto sm4-cbc matches the CBC vector', (v) => {
    const cipher = createCipheriv('sm4-cbc', fromHex(v.key), fromHex(v.iv!)).setAutoPadding(false);
    expect(Buffer.concat([cipher.update(fromHex(v.plaintext)), cipher.final()]).toString('hex')).toBe(v.ciphertext);
  });

  it('CTR key stream equals ECB of successive counters, over a partial last block', () => {
    const cipher = sm4(fromHex(ecb[0]!.key));
    const counter = fromHex('000102030405060708090a0b0c0d0eff');
    const data = new Uint8Array(40).fill(0);
    const stream = cipher.ctr(counter, data);
    const next = fromHex('000102030405060708090a0b0c0d0f00');
    const third = fromHex('000102030405060708090a0b0c0d0f01');
    expect(toHex(stream)).toBe(toHex(Buffer.concat([cipher.encryptBlock(counter), cipher.encryptBlock(next), cipher.encryptBlock(third)]).subarray(0, 40)));
  });

  it('refuses a key that is not 16 bytes, naming the argument and not the key', () => {
    const key = fromHex('00112233445566778899aabbccddee');
    expect(() => sm4(key)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_LENGTH', message: 'key: expected 16 bytes, got 15' }));
    expect(() => sm4(key)).toThrow(CryptoError);
  });
});
