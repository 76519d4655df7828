// The generic GCM engine (SP 800-38D) against an independent implementation: instantiated with
// AES from node:crypto's ECB/CTR, it must agree with node:crypto's native aes-128-gcm for every
// length of plaintext, associated data and IV (non-96-bit IVs exercise GHASH-derived J0).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BlockCipher } from './blockCipher';
import { gcmDecrypt, gcmEncrypt, gctr } from './gcm';
import { toHex } from './hex';

function aes128(key: Uint8Array): BlockCipher {
  const ecb = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  return {
    encryptBlock: (block) => new Uint8Array(ecb.update(block)),
    ctr: (counterBlock, data) => new Uint8Array(createCipheriv('aes-128-ctr', key, counterBlock).update(data)),
  };
}

function nativeAesGcm(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { ciphertext: string; tag: string } {
  const cipher = createCipheriv('aes-128-gcm', key, iv).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext: ciphertext.toString('hex'), tag: cipher.getAuthTag().toString('hex') };
}

describe('GCM engine (SP 800-38D) over AES = node:crypto aes-128-gcm', () => {
  const cases: [number, number, number][] = [];
  for (const textLength of [0, 1, 15, 16, 17, 64, 1000]) {
    for (const aadLength of [0, 5, 16, 33]) cases.push([textLength, aadLength, 12]);
  }
  for (const ivLength of [1, 8, 16, 17, 60]) cases.push([100, 20, ivLength]);

  it.each(cases)('%i-byte plaintext, %i-byte AAD, %i-byte IV', (textLength, aadLength, ivLength) => {
    const key = randomBytes(16);
    const iv = randomBytes(ivLength);
    const plaintext = randomBytes(textLength);
    const aad = randomBytes(aadLength);
    const ours = gcmEncrypt(aes128(key), iv, plaintext, aad);
    const native = nativeAesGcm(key, iv, plaintext, aad);
    expect({ ciphertext: toHex(ours.ciphertext), tag: toHex(ours.tag) }).toEqual(native);
    expect(toHex(gcmDecrypt(aes128(key), iv, ours.ciphertext, ours.tag, aad))).toBe(toHex(plaintext));
    const decipher = createDecipheriv('aes-128-gcm', key, iv).setAAD(aad).setAuthTag(ours.tag);
    expect(Buffer.concat([decipher.update(ours.ciphertext), decipher.final()]).toString('hex')).toBe(toHex(plaintext));
  });

  it('GCTR wraps only the low 32 bits of the counter (inc32, §6.2)', () => {
    const cipher = aes128(randomBytes(16));
    const icb = Uint8Array.from([...randomBytes(12), 0xff, 0xff, 0xff, 0xfe]);
    const data = randomBytes(16 * 3 + 5);
    const counters = [icb, Uint8Array.from([...icb.subarray(0, 12), 0xff, 0xff, 0xff, 0xff]), Uint8Array.from([...icb.subarray(0, 12), 0, 0, 0, 0]), Uint8Array.from([...icb.subarray(0, 12), 0, 0, 0, 1])];
    const stream = Buffer.concat(counters.map((c) => cipher.encryptBlock(c)));
    const expected = data.map((b, i) => b ^ stream[i]!);
    expect(toHex(gctr(cipher, icb, data))).toBe(toHex(expected));
  });
});
