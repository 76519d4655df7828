/**
 * The two P-256 engines behind `verifyP256Signature`, plain JavaScript and Node's OpenSSL, give
 * the same answer on the same input: valid and tampered signatures, both S forms, DER with
 * trailing bytes (which Fabric accepts), compressed and uncompressed keys, and keys that are not
 * points (refused as not verifying by both, as `@noble/curves` does). Also the hashes of `nodeBundleCrypto` against the portable ones.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { p256 } from '@noble/curves/nist';
import { describe, expect, it } from 'vitest';
import { portableBundleCrypto } from '../bundleCrypto';
import { nobleP256Engine, verifyP256Signature, type P256Engine } from '../ecdsaP256';
import { nodeBundleCrypto } from './nodeBundleCrypto';
import { nodeP256Engine } from './nodeP256Engine';

interface Signer {
  readonly point: Uint8Array;
  readonly compressed: Uint8Array;
  sign(message: Uint8Array): InstanceType<typeof p256.Signature>;
}

function signer(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const point = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }).subarray(-65));
  return {
    point,
    compressed: p256.Point.fromBytes(point).toBytes(true),
    sign: (message) => p256.Signature.fromBytes(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }), 'der'),
  };
}
const lowS = (signature: InstanceType<typeof p256.Signature>) => (signature.hasHighS() ? new p256.Signature(signature.r, p256.CURVE.n - signature.s) : signature);
const highS = (signature: InstanceType<typeof p256.Signature>) => new p256.Signature(signature.r, p256.CURVE.n - lowS(signature).s);

describe.each([
  ['noble', nobleP256Engine],
  ['node', nodeP256Engine],
] as const)('verifyP256Signature with the %s engine', (_name, engine: P256Engine) => {
  const key = signer();
  const message = new TextEncoder().encode('block header 42');
  const signature = lowS(key.sign(message));

  it('accepts a valid signature under either key encoding, and either S form when low S is not required', () => {
    expect(verifyP256Signature(key.point, message, signature.toBytes('der'), { requireLowS: true }, engine)).toEqual({ ok: true });
    expect(verifyP256Signature(key.compressed, message, signature.toBytes('der'), { requireLowS: true }, engine)).toEqual({ ok: true });
    expect(verifyP256Signature(key.point, message, highS(signature).toBytes('der'), { requireLowS: false }, engine)).toEqual({ ok: true });
    expect(verifyP256Signature(key.point, message, highS(signature).toBytes('der'), { requireLowS: true }, engine)).toMatchObject({ ok: false, reason: expect.stringMatching(/half the curve order/) });
  });

  it('accepts DER followed by trailing bytes, as Fabric does', () => {
    const trailing = Uint8Array.from([...signature.toBytes('der'), 0x00, 0x01]);
    expect(verifyP256Signature(key.point, message, trailing, { requireLowS: true }, engine)).toEqual({ ok: true });
  });

  it('refuses another message, another key, a changed signature and a key that is no point', () => {
    const other = signer();
    expect(verifyP256Signature(key.point, message.subarray(1), signature.toBytes('der'), { requireLowS: true }, engine)).toEqual({ ok: false, reason: 'the signature does not verify' });
    expect(verifyP256Signature(other.point, message, signature.toBytes('der'), { requireLowS: true }, engine)).toEqual({ ok: false, reason: 'the signature does not verify' });
    const bent = new p256.Signature(signature.r, signature.s - 1n);
    expect(verifyP256Signature(key.point, message, bent.toBytes('der'), { requireLowS: true }, engine)).toEqual({ ok: false, reason: 'the signature does not verify' });
    const offCurve = Uint8Array.from(key.point);
    offCurve[64] = (offCurve[64] as number) ^ 1;
    for (const bad of [offCurve, key.point.subarray(1), new Uint8Array(65), Uint8Array.of(0x05, ...key.point.subarray(1))]) {
      expect(verifyP256Signature(bad, message, signature.toBytes('der'), { requireLowS: true }, engine)).toEqual({ ok: false, reason: 'the signature does not verify' });
    }
  });
});

describe('the node and noble engines', () => {
  it('agree on many keys, messages and signatures, valid or not', () => {
    const signers = Array.from({ length: 8 }, signer);
    let valid = 0;
    for (let i = 0; i < 64; i++) {
      const key = signers[i % signers.length] as Signer;
      const message = new TextEncoder().encode(`message ${i}`);
      const signature = key.sign(message);
      const candidates = [signature, highS(signature), new p256.Signature(signature.s, signature.r), new p256.Signature(signature.r, (signature.s * 2n) % p256.CURVE.n)];
      for (const candidate of candidates) {
        const [noble, node] = [nobleP256Engine, nodeP256Engine].map((engine) => verifyP256Signature(key.point, message, candidate.toBytes('der'), { requireLowS: false }, engine));
        expect(node).toEqual(noble);
        if (noble?.ok) valid++;
      }
    }
    expect(valid).toBe(128);
  });
});

describe('nodeBundleCrypto', () => {
  it('hashes SHA-256 and SM3 as the portable set does, and knows no other hash', () => {
    const data = new TextEncoder().encode('abc');
    for (const algorithm of ['sha256', 'sm3']) expect(nodeBundleCrypto.hash(algorithm, data)).toEqual(portableBundleCrypto.hash(algorithm, data));
    expect(Buffer.from(nodeBundleCrypto.hash('sm3', data) ?? []).toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(nodeBundleCrypto.hash('sha256', data)).toEqual(new Uint8Array(createHash('sha256').update(data).digest()));
    expect(nodeBundleCrypto.hash('md5', data)).toBeUndefined();
    expect(nodeBundleCrypto.hash('toString', data)).toBeUndefined();
  });
});
