// Interoperability with sm-crypto (an independent pure-JavaScript SM2 with Z_A and the default
// user ID 1234567812345678): each verifies the other's DER signatures, both directions.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toHex, fromHex } from '../hex';
import { createSmSuite } from '../smSuite';

interface SmCryptoSm2 {
  generateKeyPairHex(): { privateKey: string; publicKey: string };
  doSignature(message: number[] | string, privateKey: string, options: { hash: true; der: true; publicKey?: string; userId?: string }): string;
  doVerifySignature(message: number[] | string, signature: string, publicKey: string, options: { hash: true; der: true; userId?: string }): boolean;
  getPublicKeyFromPrivateKey(privateKey: string): string;
}
const smCrypto = (createRequire(import.meta.url)('sm-crypto') as { sm2: SmCryptoSm2 }).sm2;
const suite = createSmSuite();
const messages = [new Uint8Array(0), ...Array.from({ length: 5 }, (_, i) => new Uint8Array(randomBytes(1 + i * 37)))];

describe('SM2 interop with sm-crypto', () => {
  it('derives the same public key from a private key', () => {
    const { privateKey } = suite.generateKeyPair();
    expect(smCrypto.getPublicKeyFromPrivateKey(toHex(privateKey))).toBe(toHex(suite.publicKeyOf(privateKey)));
  });

  it('sm-crypto verifies our signatures', () => {
    const { privateKey, publicKey } = suite.generateKeyPair();
    for (const message of messages) {
      const signature = suite.sign(privateKey, message);
      expect(smCrypto.doVerifySignature([...message], toHex(signature), toHex(publicKey), { hash: true, der: true })).toBe(true);
      expect(smCrypto.doVerifySignature([...message, 0], toHex(signature), toHex(publicKey), { hash: true, der: true })).toBe(false);
    }
  });

  it('we verify sm-crypto signatures', () => {
    const keys = smCrypto.generateKeyPairHex();
    const publicKey = fromHex(keys.publicKey);
    for (const message of messages) {
      const signature = fromHex(smCrypto.doSignature([...message], keys.privateKey, { hash: true, der: true, publicKey: keys.publicKey }));
      expect(suite.verify(publicKey, message, signature)).toBe(true);
      expect(suite.verify(publicKey, Uint8Array.from([...message, 0]), signature)).toBe(false);
    }
  });

  it('agrees on a non-default user ID, both directions', () => {
    const { privateKey, publicKey } = suite.generateKeyPair();
    const userId = 'ALICE123@YAHOO.COM';
    const userIdBytes = new TextEncoder().encode(userId);
    const message = new Uint8Array(randomBytes(33));
    const ours = suite.sign(privateKey, message, { userId: userIdBytes });
    expect(smCrypto.doVerifySignature([...message], toHex(ours), toHex(publicKey), { hash: true, der: true, userId })).toBe(true);
    expect(smCrypto.doVerifySignature([...message], toHex(ours), toHex(publicKey), { hash: true, der: true })).toBe(false);
    const theirs = fromHex(smCrypto.doSignature([...message], toHex(privateKey), { hash: true, der: true, userId }));
    expect(suite.verify(publicKey, message, theirs, { userId: userIdBytes })).toBe(true);
    expect(suite.verify(publicKey, message, theirs)).toBe(false);
  });
});
