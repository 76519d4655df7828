// RFC 8998 appendix A.1 SM4-GCM vector (test/fixtures/sm4.json): encryption, decryption and
// refusal of every tampered input.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex';
import { sm4GcmDecrypt, sm4GcmEncrypt } from './sm4Gcm';

interface GcmVector {
  readonly mode?: string;
  readonly key: string;
  readonly iv: string;
  readonly aad: string;
  readonly plaintext: string;
  readonly ciphertext: string;
  readonly tag: string;
}
const { vectors } = JSON.parse(readFileSync(new URL('../test/fixtures/sm4.json', import.meta.url), 'utf8')) as { vectors: readonly GcmVector[] };
const gcm = vectors.filter((v) => v.mode === 'gcm');
const authenticationFailed = expect.objectContaining({ name: 'CryptoError', code: 'CRYPTO_AUTHENTICATION_FAILED' });

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index]! ^= 0x01;
  return copy;
}

describe.each(gcm)('SM4-GCM (RFC 8998 A.1)', (v) => {
  const key = fromHex(v.key);
  const iv = fromHex(v.iv);
  const aad = fromHex(v.aad);
  const ciphertext = fromHex(v.ciphertext);
  const tag = fromHex(v.tag);

  it('encrypts to the vector ciphertext and tag', () => {
    const sealed = sm4GcmEncrypt(key, iv, fromHex(v.plaintext), aad);
    expect(toHex(sealed.ciphertext)).toBe(v.ciphertext);
    expect(toHex(sealed.tag)).toBe(v.tag);
  });

  it('decrypts the vector', () => {
    expect(toHex(sm4GcmDecrypt(key, iv, ciphertext, tag, aad))).toBe(v.plaintext);
  });

  it.each([
    ['tag', () => sm4GcmDecrypt(key, iv, ciphertext, flip(tag, 15), aad)],
    ['ciphertext', () => sm4GcmDecrypt(key, iv, flip(ciphertext, 0), tag, aad)],
    ['associated data', () => sm4GcmDecrypt(key, iv, ciphertext, tag, flip(aad, 3))],
    ['IV', () => sm4GcmDecrypt(key, flip(iv, 11), ciphertext, tag, aad)],
    ['key', () => sm4GcmDecrypt(flip(key, 0), iv, ciphertext, tag, aad)],
    ['truncated tag', () => sm4GcmDecrypt(key, iv, ciphertext, tag.subarray(0, 12), aad)],
    ['truncated ciphertext', () => sm4GcmDecrypt(key, iv, ciphertext.subarray(1), tag, aad)],
  ])('refuses a tampered %s', (_what, open) => {
    expect(open).toThrow(authenticationFailed);
  });
});
