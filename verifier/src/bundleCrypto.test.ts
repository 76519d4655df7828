/**
 * The verifier's portable algorithms check what the gateway's Node suites make: SM3 digests and
 * SM2 signatures (SubjectPublicKeyInfo on the SM2 curve, DER signatures, the default user ID) of
 * the `sm` suite, SHA-256 and Ed25519 of the `std` suite; anything else is false or unknown.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { portableBundleCrypto } from './bundleCrypto';

const message = new TextEncoder().encode('{"transactionId":"abc","record":{}}');

function spkiOf(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

describe.each<SuiteName>(['sm', 'std'])('signatures of the Node %s suite', (name) => {
  it('verify, and fail when the message, signature or key changes', async () => {
    const suite = await loadSuite(name);
    const keys = suite.generateKeyPair();
    const spki = spkiOf(suite.exportPublicKeyPem(keys.publicKey));
    const signature = suite.sign(keys.privateKey, message);
    expect(portableBundleCrypto.verify(suite.signatureAlgorithm, spki, message, signature)).toBe(true);
    expect(portableBundleCrypto.verify(suite.signatureAlgorithm, spki, message.subarray(1), signature)).toBe(false);
    const bent = Uint8Array.from(signature);
    bent[bent.length - 1] = (bent[bent.length - 1] as number) ^ 1;
    expect(portableBundleCrypto.verify(suite.signatureAlgorithm, spki, message, bent)).toBe(false);
    const other = spkiOf(suite.exportPublicKeyPem(suite.generateKeyPair().publicKey));
    expect(portableBundleCrypto.verify(suite.signatureAlgorithm, other, message, signature)).toBe(false);
  });

  it('hash as the suite hashes', async () => {
    const suite = await loadSuite(name);
    expect(portableBundleCrypto.hash(suite.hashAlgorithm, message)).toEqual(new Uint8Array(suite.hash(message)));
  });
});

describe('keys and algorithms', () => {
  it('refuses an SM2 signature checked against a P-256 key', async () => {
    const suite = await loadSuite('sm');
    const keys = suite.generateKeyPair();
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' });
    expect(portableBundleCrypto.verify('sm2', new Uint8Array(p256), message, suite.sign(keys.privateKey, message))).toBe(false);
  });

  it('checks ECDSA P-256 over SHA-256', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    expect(portableBundleCrypto.verify('ecdsa-p256-sha256', spki, message, sign('sha256', message, privateKey))).toBe(true);
  });

  it('reports unknown algorithms as unknown and malformed keys as false', () => {
    expect(portableBundleCrypto.hash('md5', message)).toBeUndefined();
    expect(portableBundleCrypto.hash('toString', message)).toBeUndefined();
    expect(portableBundleCrypto.verify('rsa', new Uint8Array(4), message, new Uint8Array(4))).toBeUndefined();
    expect(portableBundleCrypto.verify('sm2', new Uint8Array([0x30, 0x00]), message, new Uint8Array(4))).toBe(false);
    expect(portableBundleCrypto.hash('sha256', message)).toEqual(new Uint8Array(createHash('sha256').update(message).digest()));
  });
});
