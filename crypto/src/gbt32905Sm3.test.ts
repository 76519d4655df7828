// GB/T 32905-2016 SM3 appendix A vectors (test/fixtures/sm3.json), and HMAC-SM3 against
// sm-crypto's independent pure-JavaScript HMAC.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from './hex';
import { hmacSm3, sm3 } from './sm3';
import { portableSm3 } from './portableSm3';

interface Sm3Fixture {
  readonly vectors: readonly { readonly message_ascii: string; readonly digest: string }[];
}
const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/sm3.json', import.meta.url), 'utf8')) as Sm3Fixture;
const smCryptoSm3 = (createRequire(import.meta.url)('sm-crypto') as { sm3: (input: number[], options?: { key: number[] }) => string }).sm3;
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('SM3 (GB/T 32905 appendix A)', () => {
  it.each(fixture.vectors)('hashes "$message_ascii"', ({ message_ascii, digest }) => {
    expect(toHex(sm3(ascii(message_ascii)))).toBe(digest);
  });

  it('hashes the concatenation of its arguments', () => {
    const [first] = fixture.vectors;
    expect(toHex(sm3(ascii('ab'), ascii(''), ascii('c')))).toBe(first?.digest);
  });
});

describe('SM3 in plain TypeScript (portableSm3)', () => {
  it.each(fixture.vectors)('hashes "$message_ascii"', ({ message_ascii, digest }) => {
    expect(toHex(portableSm3(ascii(message_ascii)))).toBe(digest);
  });

  it('agrees with OpenSSL at every length around the block and padding boundaries, and for parts', () => {
    for (const length of [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 4096 + 17]) {
      const data = randomBytes(length);
      expect(toHex(portableSm3(data)), `length ${length}`).toBe(toHex(sm3(data)));
      expect(toHex(portableSm3(data.subarray(0, length >> 1), data.subarray(length >> 1)))).toBe(toHex(sm3(data)));
    }
  });
});

describe('HMAC-SM3 (RFC 2104 with SM3)', () => {
  it.each([1, 16, 32, 64, 65, 100])('agrees with sm-crypto for a %i-byte key', (keyLength) => {
    const key = randomBytes(keyLength);
    const data = randomBytes(77);
    expect(toHex(hmacSm3(key, data))).toBe(smCryptoSm3([...data], { key: [...key] }));
  });
});
