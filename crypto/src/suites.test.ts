// One behaviour table run against both suites (STYLE.md, "Tests"): everything the CryptoSuite
// interface promises, whichever algorithms stand behind it.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CryptoError, type CryptoSuite, loadSuite, suites, toHex, type SuiteName } from './index';

const bytes = (length: number): Uint8Array => new Uint8Array(randomBytes(length));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const withCode = (code: string): unknown => expect.objectContaining({ name: 'CryptoError', code });

function flipped(data: Uint8Array, index: number): Uint8Array {
  const copy = data.slice();
  copy[index < 0 ? copy.length + index : index]! ^= 0x80;
  return copy;
}

const expected: Record<SuiteName, { hash: 'sm3' | 'sha256'; signature: 'sm2' | 'ed25519'; publicKeyLength: number; encryptionKeyLength: number; abcDigest: string }> = {
  sm: { hash: 'sm3', signature: 'sm2', publicKeyLength: 65, encryptionKeyLength: 16, abcDigest: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' },
  std: { hash: 'sha256', signature: 'ed25519', publicKeyLength: 32, encryptionKeyLength: 32, abcDigest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
};

describe.each(['sm', 'std'] as const)('CryptoSuite behaviour: %s', (name) => {
  const want = expected[name];
  const load = (): Promise<CryptoSuite> => loadSuite(name);

  describe('identity', () => {
    it('names its algorithms and sizes', async () => {
      const suite = await load();
      expect(suite).toMatchObject({ name, hashAlgorithm: want.hash, signatureAlgorithm: want.signature, hashLength: 32, encryptionKeyLength: want.encryptionKeyLength });
    });

    it('is what the suites namespace returns', async () => {
      const suite = await suites[name]();
      expect(suite.name).toBe(name);
    });
  });

  describe('hash', () => {
    it('hashes "abc" to the standard digest', async () => {
      const suite = await load();
      expect(toHex(suite.hash(ascii('abc')))).toBe(want.abcDigest);
      expect(suite.hash(new Uint8Array(0))).toHaveLength(suite.hashLength);
    });
  });

  describe('signatures', () => {
    it('round-trips for several messages, including the empty one', async () => {
      const suite = await load();
      const { privateKey, publicKey } = suite.generateKeyPair();
      expect(privateKey).toHaveLength(32);
      expect(publicKey).toHaveLength(want.publicKeyLength);
      expect(suite.publicKeyOf(privateKey)).toEqual(publicKey);
      for (const message of [new Uint8Array(0), bytes(1), bytes(100), bytes(5000)]) {
        expect(suite.verify(publicKey, message, suite.sign(privateKey, message))).toBe(true);
      }
    });

    it('refuses a tampered message, signature or key, and another signer', async () => {
      const suite = await load();
      const { privateKey, publicKey } = suite.generateKeyPair();
      const other = suite.generateKeyPair();
      const message = bytes(64);
      const signature = suite.sign(privateKey, message);
      expect(suite.verify(publicKey, flipped(message, 0), signature)).toBe(false);
      expect(suite.verify(publicKey, message, flipped(signature, -1))).toBe(false);
      expect(suite.verify(publicKey, message, flipped(signature, 10))).toBe(false);
      expect(suite.verify(flipped(publicKey, -1), message, signature)).toBe(false);
      expect(suite.verify(other.publicKey, message, signature)).toBe(false);
    });

    it('returns false, never throws, for malformed signatures and keys', async () => {
      const suite = await load();
      const { privateKey, publicKey } = suite.generateKeyPair();
      const message = bytes(10);
      const signature = suite.sign(privateKey, message);
      const malformed = [new Uint8Array(0), signature.subarray(0, signature.length - 1), Uint8Array.of(...signature, 0), new Uint8Array(64), new Uint8Array(72).fill(0x30)];
      for (const bad of malformed) expect(suite.verify(publicKey, message, bad)).toBe(false);
      for (const bad of [new Uint8Array(0), new Uint8Array(want.publicKeyLength), publicKey.subarray(1)]) {
        expect(suite.verify(bad, message, signature)).toBe(false);
      }
      // Wrong types from untyped callers.
      expect(suite.verify(publicKey, message, 'signature' as unknown as Uint8Array)).toBe(false);
    });

    it('refuses private keys of the wrong length with CRYPTO_KEY_LENGTH', async () => {
      const suite = await load();
      for (const key of [new Uint8Array(31), new Uint8Array(33)]) {
        expect(() => suite.sign(key, bytes(4))).toThrow(withCode('CRYPTO_KEY_LENGTH'));
        expect(() => suite.publicKeyOf(key)).toThrow(withCode('CRYPTO_KEY_LENGTH'));
      }
    });
  });

  describe('authenticated encryption', () => {
    it('round-trips with and without associated data, output = nonce ‖ ciphertext ‖ tag', async () => {
      const suite = await load();
      const key = bytes(suite.encryptionKeyLength);
      for (const plaintext of [new Uint8Array(0), bytes(1), bytes(1000)]) {
        const sealed = suite.encrypt(key, plaintext);
        expect(sealed.length).toBe((name === 'sm' ? 12 : 24) + plaintext.length + 16);
        expect(suite.decrypt(key, sealed)).toEqual(plaintext);
        const aad = bytes(20);
        expect(suite.decrypt(key, suite.encrypt(key, plaintext, aad), aad)).toEqual(plaintext);
      }
    });

    it('uses a fresh nonce each time', async () => {
      const suite = await load();
      const key = bytes(suite.encryptionKeyLength);
      const plaintext = bytes(32);
      expect(toHex(suite.encrypt(key, plaintext))).not.toBe(toHex(suite.encrypt(key, plaintext)));
    });

    it('refuses tampered nonce, ciphertext, tag, associated data or key', async () => {
      const suite = await load();
      const key = bytes(suite.encryptionKeyLength);
      const aad = bytes(8);
      const sealed = suite.encrypt(key, bytes(40), aad);
      const failures = [
        () => suite.decrypt(key, flipped(sealed, 0), aad),
        () => suite.decrypt(key, flipped(sealed, 30), aad),
        () => suite.decrypt(key, flipped(sealed, -1), aad),
        () => suite.decrypt(key, sealed, flipped(aad, 0)),
        () => suite.decrypt(key, sealed),
        () => suite.decrypt(flipped(key, 0), sealed, aad),
        () => suite.decrypt(key, sealed.subarray(0, sealed.length - 1), aad),
        () => suite.decrypt(key, sealed.subarray(0, 10), aad),
      ];
      for (const open of failures) expect(open).toThrow(withCode('CRYPTO_AUTHENTICATION_FAILED'));
    });

    it('refuses keys of the wrong length with CRYPTO_KEY_LENGTH, without quoting the key', async () => {
      const suite = await load();
      const key = bytes(suite.encryptionKeyLength - 1);
      expect(() => suite.encrypt(key, bytes(4))).toThrow(withCode('CRYPTO_KEY_LENGTH'));
      expect(() => suite.decrypt(bytes(suite.encryptionKeyLength + 1), bytes(64))).toThrow(withCode('CRYPTO_KEY_LENGTH'));
      try {
        suite.encrypt(key, bytes(4));
      } catch (err) {
        expect(err).toBeInstanceOf(CryptoError);
        expect((err as Error).message).toBe(`key: expected ${suite.encryptionKeyLength} bytes, got ${key.length}`);
        expect((err as Error).message).not.toContain(toHex(key).slice(0, 8));
      }
    });
  });

  describe('pseudonyms', () => {
    it('are deterministic for one key and differ between keys and inputs', async () => {
      const suite = await load();
      const key = bytes(32);
      const id = ascii('11010519491231002X');
      expect(suite.pseudonym(key, id)).toEqual(suite.pseudonym(key, id));
      expect(suite.pseudonym(key, id)).toHaveLength(32);
      expect(suite.pseudonym(bytes(32), id)).not.toEqual(suite.pseudonym(key, id));
      expect(suite.pseudonym(key, ascii('110105194912310029'))).not.toEqual(suite.pseudonym(key, id));
      expect(suite.pseudonym(key, id)).not.toEqual(suite.hash(id));
    });

    it('require a key of at least 16 bytes', async () => {
      const suite = await load();
      expect(suite.pseudonym(bytes(16), ascii('x'))).toHaveLength(32);
      expect(() => suite.pseudonym(bytes(15), ascii('x'))).toThrow(withCode('CRYPTO_KEY_LENGTH'));
    });
  });

  describe('PEM', () => {
    it('round-trips private and public keys, as PEM and as DER', async () => {
      const suite = await load();
      const { privateKey, publicKey } = suite.generateKeyPair();
      const privatePem = suite.exportPrivateKeyPem(privateKey);
      const publicPem = suite.exportPublicKeyPem(publicKey);
      expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
      expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
      expect(suite.importPrivateKey(privatePem)).toEqual(privateKey);
      expect(suite.importPublicKey(publicPem)).toEqual(publicKey);
      const der = (pem: string): Uint8Array => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
      expect(suite.importPrivateKey(der(privatePem))).toEqual(privateKey);
      expect(suite.importPublicKey(der(publicPem))).toEqual(publicKey);
      const message = bytes(16);
      expect(suite.verify(suite.importPublicKey(publicPem), message, suite.sign(suite.importPrivateKey(privatePem), message))).toBe(true);
    });

    it('refuses malformed PEM and DER with CRYPTO_KEY_FORMAT', async () => {
      const suite = await load();
      const { privateKey, publicKey } = suite.generateKeyPair();
      const privatePem = suite.exportPrivateKeyPem(privateKey);
      const publicPem = suite.exportPublicKeyPem(publicKey);
      const bad = [
        () => suite.importPrivateKey(publicPem),
        () => suite.importPublicKey(privatePem),
        () => suite.importPrivateKey('not a key'),
        () => suite.importPrivateKey(privatePem.replace(/\n(.)/, '\n!$1')),
        () => suite.importPrivateKey(new Uint8Array(0)),
        () => suite.importPublicKey(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)),
        () => suite.importPublicKey(Uint8Array.of(...Buffer.from(publicPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'), 0)),
      ];
      for (const attempt of bad) expect(attempt).toThrow(withCode('CRYPTO_KEY_FORMAT'));
    });
  });
});

describe('loadSuite', () => {
  it('rejects unknown names with CRYPTO_UNKNOWN_SUITE', async () => {
    await expect(loadSuite('rsa' as SuiteName)).rejects.toThrow(withCode('CRYPTO_UNKNOWN_SUITE'));
  });
});

describe('sm suite user IDs', () => {
  it('signs under the default ID 1234567812345678 and refuses another ID', async () => {
    const suite = await loadSuite('sm');
    const { privateKey, publicKey } = suite.generateKeyPair();
    const message = ascii('receipt');
    const signature = suite.sign(privateKey, message);
    expect(suite.verify(publicKey, message, signature, { userId: ascii('1234567812345678') })).toBe(true);
    expect(suite.verify(publicKey, message, signature, { userId: ascii('ALICE123@YAHOO.COM') })).toBe(false);
    const alice = suite.sign(privateKey, message, { userId: ascii('ALICE123@YAHOO.COM') });
    expect(suite.verify(publicKey, message, alice, { userId: ascii('ALICE123@YAHOO.COM') })).toBe(true);
    expect(suite.verify(publicKey, message, alice)).toBe(false);
  });
});

describe('signing with a reused key array', () => {
  it.each(['sm', 'std'] as const)('%s: overwriting the private key in place signs with the new key', async (name) => {
    const suite = await loadSuite(name);
    const first = suite.generateKeyPair();
    const second = suite.generateKeyPair();
    const key = first.privateKey.slice();
    const message = ascii('message');
    expect(suite.verify(first.publicKey, message, suite.sign(key, message))).toBe(true);
    key.set(second.privateKey);
    const signature = suite.sign(key, message);
    expect(suite.verify(second.publicKey, message, signature)).toBe(true);
    expect(suite.verify(first.publicKey, message, signature)).toBe(false);
  });
});
