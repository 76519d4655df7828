// PEM / DER key encodings checked against an independent implementation, node:crypto (OpenSSL):
// it must accept what we export, and what it exports must import into our suites as the same key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CryptoSuite } from './cryptoSuite';
import { derInteger, derObjectIdentifier, derOctetString, derSequence } from './der';
import { encodeEcPrivateKey, ID_EC_PUBLIC_KEY } from './ecKeyEncoding';
import { SM2P256V1_OID } from './sm2/sm2p256v1';
import { toHex } from './hex';
import { createSmSuite } from './smSuite';
import { createStdSuite } from './stdSuite';

/** The uncompressed point that ends a Node EC public key's SPKI (OpenSSL has no JWK for SM2). */
function nodePoint(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).subarray(-65).toString('hex');
}

describe('SM2 keys and node:crypto (OpenSSL)', () => {
  const suite: CryptoSuite = createSmSuite();

  // OpenSSL 3.0 decodes a PEM on the SM2 curve as an EVP_PKEY_SM2 key, which Node 20 reports
  // with asymmetricKeyType undefined (even for its own exports), so acceptance is checked by
  // what OpenSSL does with the key: re-export it and derive the public key from the private one.
  it('Node accepts our PKCS#8 and SPKI PEMs and derives the same public key', () => {
    const { privateKey, publicKey } = suite.generateKeyPair();
    const privatePem = suite.exportPrivateKeyPem(privateKey);
    const publicPem = suite.exportPublicKeyPem(publicKey);
    const nodePrivate = createPrivateKey(privatePem);
    const nodePublic = createPublicKey(publicPem);
    expect(nodePrivate.type).toBe('private');
    expect(nodePublic.type).toBe('public');
    expect(nodePrivate.export({ type: 'pkcs8', format: 'pem' })).toBe(privatePem);
    expect(nodePublic.export({ type: 'spki', format: 'pem' })).toBe(publicPem);
    expect(createPublicKey(nodePrivate).export({ type: 'spki', format: 'pem' })).toBe(publicPem);
  });

  it("imports Node's PKCS#8 and SPKI (PEM and DER) as the same key and re-exports them byte for byte", () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const spkiPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const ourPrivate = suite.importPrivateKey(pkcs8Pem);
    const ourPublic = suite.importPublicKey(spkiPem);
    expect(toHex(suite.publicKeyOf(ourPrivate))).toBe(nodePoint(publicKey));
    expect(toHex(ourPublic)).toBe(nodePoint(publicKey));
    expect(suite.importPrivateKey(privateKey.export({ type: 'pkcs8', format: 'der' }))).toEqual(ourPrivate);
    expect(suite.importPublicKey(publicKey.export({ type: 'spki', format: 'der' }))).toEqual(ourPublic);
    expect(suite.exportPrivateKeyPem(ourPrivate)).toBe(pkcs8Pem);
    expect(suite.exportPublicKeyPem(ourPublic)).toBe(spkiPem);
  });

  it('imports a PKCS#8 whose ECPrivateKey carries [0] curve parameters (RFC 5915 §3)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const sec1 = privateKey.export({ type: 'sec1', format: 'der' }); // has [0] namedCurve
    const pkcs8 = derSequence(derInteger(0n), derSequence(derObjectIdentifier(ID_EC_PUBLIC_KEY), derObjectIdentifier(SM2P256V1_OID)), derOctetString(sec1));
    expect(toHex(suite.publicKeyOf(suite.importPrivateKey(pkcs8)))).toBe(nodePoint(publicKey));
  });

  it('refuses a PKCS#8 whose stored public key is not that of its private key', () => {
    const { privateKey } = suite.generateKeyPair();
    const other = suite.generateKeyPair();
    const der = encodeEcPrivateKey({ oid: SM2P256V1_OID, scalarLength: 32, pointLength: 65 }, privateKey, other.publicKey);
    expect(() => suite.importPrivateKey(der)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_FORMAT' }));
  });

  it('refuses keys of other algorithms and curves', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ed = generateKeyPairSync('ed25519');
    for (const key of [p256.privateKey, ed.privateKey]) {
      expect(() => suite.importPrivateKey(key.export({ type: 'pkcs8', format: 'pem' }) as string)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_FORMAT' }));
    }
    for (const key of [p256.publicKey, ed.publicKey]) {
      expect(() => suite.importPublicKey(key.export({ type: 'spki', format: 'pem' }) as string)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_FORMAT' }));
    }
  });
});

describe('Ed25519 keys and node:crypto (OpenSSL), RFC 8410', () => {
  it('Node reads our PEMs, signs with our private key, and our suite verifies; and back', async () => {
    const suite = await createStdSuite();
    const { privateKey, publicKey } = suite.generateKeyPair();
    const nodePrivate = createPrivateKey(suite.exportPrivateKeyPem(privateKey));
    const nodePublic = createPublicKey(suite.exportPublicKeyPem(publicKey));
    expect(nodePrivate.asymmetricKeyType).toBe('ed25519');
    const message = Buffer.from('receipt');
    expect(suite.verify(publicKey, message, nodeSign(null, message, nodePrivate))).toBe(true);
    expect(nodeVerify(null, message, nodePublic, suite.sign(privateKey, message))).toBe(true);
  });

  it("imports Node's PKCS#8 and SPKI and re-exports them byte for byte", async () => {
    const suite = await createStdSuite();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const spkiPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const ourPrivate = suite.importPrivateKey(pkcs8Pem);
    const ourPublic = suite.importPublicKey(spkiPem);
    expect(toHex(suite.publicKeyOf(ourPrivate))).toBe(toHex(ourPublic));
    expect(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex')).toBe(toHex(ourPublic));
    expect(suite.exportPrivateKeyPem(ourPrivate)).toBe(pkcs8Pem);
    expect(suite.exportPublicKeyPem(ourPublic)).toBe(spkiPem);
  });

  it('refuses SM2 keys', async () => {
    const suite = await createStdSuite();
    const sm2 = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    expect(() => suite.importPrivateKey(sm2.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_FORMAT' }));
    expect(() => suite.importPublicKey(sm2.publicKey.export({ type: 'spki', format: 'pem' }) as string)).toThrow(expect.objectContaining({ code: 'CRYPTO_KEY_FORMAT' }));
  });
});
