import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CURVE_ORDERS, encodeEcdsaSignature, isLowS, parseEcdsaSignature, signatureToLowS, verifyEcdsaSignature } from './ecdsaSignature';

const message = new TextEncoder().encode('proposal response payload ‖ endorser');
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });

function lowSignature(): Uint8Array {
  return signatureToLowS(sign('sha256', message, { key: p256.privateKey, dsaEncoding: 'der' }), 'P-256');
}

function parts(der: Uint8Array): { r: bigint; s: bigint } {
  const parsed = parseEcdsaSignature(der);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed;
}

describe("ECDSA signatures under Fabric's rule", () => {
  it('accepts a low-S DER signature over SHA-256 of the message, on P-256 and P-384', () => {
    expect(verifyEcdsaSignature(p256.publicKey, 'P-256', message, lowSignature())).toEqual({ ok: true });
    const signature384 = signatureToLowS(sign('sha256', message, { key: p384.privateKey, dsaEncoding: 'der' }), 'P-384');
    expect(verifyEcdsaSignature(p384.publicKey, 'P-384', message, signature384)).toEqual({ ok: true });
  });

  it('refuses the high-S twin (r, n − s) that plain ECDSA accepts', () => {
    const low = lowSignature();
    const { r, s } = parts(low);
    const high = encodeEcdsaSignature(r, CURVE_ORDERS['P-256'] - s);
    expect(verify('sha256', message, { key: p256.publicKey, dsaEncoding: 'der' }, high)).toBe(true);
    expect(isLowS(CURVE_ORDERS['P-256'] - s, 'P-256')).toBe(false);
    expect(verifyEcdsaSignature(p256.publicKey, 'P-256', message, high)).toMatchObject({ ok: false, code: 'HIGH_S' });
    expect(Buffer.from(signatureToLowS(high, 'P-256'))).toEqual(Buffer.from(low));
  });

  it('puts the boundary at half the order, rounded down, as Go compares with N >> 1', () => {
    const half = CURVE_ORDERS['P-256'] >> 1n;
    expect(isLowS(half, 'P-256')).toBe(true);
    expect(isLowS(half + 1n, 'P-256')).toBe(false);
  });

  it('refuses a signature over another message, or over the digest hashed again', () => {
    expect(verifyEcdsaSignature(p256.publicKey, 'P-256', new TextEncoder().encode('other'), lowSignature())).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    const digest = createHash('sha256').update(message).digest();
    const doubleHashed = signatureToLowS(sign('sha256', digest, { key: p256.privateKey, dsaEncoding: 'der' }), 'P-256');
    expect(verifyEcdsaSignature(p256.publicKey, 'P-256', message, doubleHashed)).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });

  it('ignores bytes after the SEQUENCE and elements after s, as Go encoding/asn1 does for Fabric', () => {
    const signature = Buffer.from(lowSignature());
    expect(verifyEcdsaSignature(p256.publicKey, 'P-256', message, Buffer.concat([signature, Buffer.from([0xde, 0xad])]))).toEqual({ ok: true });
    const content = signature.subarray(2);
    const extended = Buffer.concat([content, Buffer.from([0x05, 0x00])]);
    const withNull = Buffer.concat([Buffer.from([0x30, extended.length]), extended]);
    expect(verifyEcdsaSignature(p256.publicKey, 'P-256', message, withNull)).toEqual({ ok: true });
  });

  it('refuses encodings Go refuses: non-minimal integers and lengths, non-positive values, wrong tags, truncation', () => {
    const malformed = (bytes: number[]): void => {
      expect(verifyEcdsaSignature(p256.publicKey, 'P-256', message, Uint8Array.from(bytes))).toMatchObject({ ok: false, code: 'MALFORMED_SIGNATURE' });
    };
    malformed([]);
    malformed([0x30]);
    malformed([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01]);
    malformed([0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]);
    malformed([0x30, 0x06, 0x04, 0x01, 0x01, 0x02, 0x01, 0x01]);
    malformed([0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01]);
    malformed([0x30, 0x07, 0x02, 0x02, 0xff, 0x81, 0x02, 0x01, 0x01]);
    malformed([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]);
    malformed([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x80]);
    malformed([0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]);
    malformed([0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00, 0x00]);
    malformed([0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x01]);
  });

  it('refuses r not below the order', () => {
    const n = CURVE_ORDERS['P-256'];
    expect(verifyEcdsaSignature(p256.publicKey, 'P-256', message, encodeEcdsaSignature(n, 1n))).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });

  it('round-trips (r, s) through DER, padding a set top bit', () => {
    for (const [r, s] of [
      [1n, 2n],
      [0x80n, 0x7fn],
      [CURVE_ORDERS['P-256'] - 1n, 0xffffn],
    ] as const) {
      expect(parts(encodeEcdsaSignature(r, s))).toEqual({ ok: true, r, s });
    }
    expect(Buffer.from(encodeEcdsaSignature(0x80n, 1n))).toEqual(Buffer.from([0x30, 0x07, 0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x01]));
    expect(() => encodeEcdsaSignature(0n, 1n)).toThrow(RangeError);
  });
});
