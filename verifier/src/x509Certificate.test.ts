/**
 * The verifier's own X.509 reader agrees with Node's OpenSSL on certificates the project's CA
 * issues, and its P-256 check follows Fabric's rules (low S for identities, DER minimal).
 */
import { X509Certificate as NodeCertificate, createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificateAuthority } from '@suitrust/network';
import { p256 } from '@noble/curves/nist';
import { certificateDerFromPem } from './pem';
import { parseCertificate } from './x509Certificate';
import { verifyP256Signature } from './ecdsaP256';

describe('parseCertificate', () => {
  it('reads what OpenSSL reads from a CA and a member certificate', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example' });
    const member = await ca.enrol({ commonName: 'peer0', nodeOu: 'peer' });
    const caDer = certificateDerFromPem(ca.certificatePem)!;
    const memberDer = certificateDerFromPem(member.certificatePem)!;
    const parsedCa = parseCertificate(caDer, 'ca');
    const parsed = parseCertificate(memberDer, 'member');
    const node = new NodeCertificate(member.certificatePem);
    expect(Buffer.from(memberDer)).toEqual(node.raw);
    expect(parsedCa.isCa).toBe(true);
    expect(parsed.isCa).toBe(false);
    expect(parsed.organizationalUnits).toContain('peer');
    expect(parsed.notBefore).toBe(Date.parse(node.validFrom));
    expect(parsed.notAfter).toBe(Date.parse(node.validTo));
    expect(Buffer.from(parsed.subjectPublicKeyInfo)).toEqual(node.publicKey.export({ type: 'spki', format: 'der' }));
    expect(parsed.namedCurve).toBe('1.2.840.10045.3.1.7');
    expect(Buffer.from(parsed.issuer)).toEqual(Buffer.from(parsedCa.subject));
    expect(verifyP256Signature(parsedCa.publicKey, parsed.tbs, parsed.signature, { requireLowS: false })).toEqual({ ok: true });
    expect(node.verify(new NodeCertificate(ca.certificatePem).publicKey)).toBe(true);
  });

  it('refuses bytes that are not a certificate, naming what was read', () => {
    expect(() => parseCertificate(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01), 'creator certificate')).toThrow(/creator certificate/);
    expect(() => parseCertificate(Uint8Array.of(0x30, 0x85), 'creator certificate')).toThrow(/unsupported DER length/);
  });
});

describe('verifyP256Signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const point = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }).subarray(-65));
  const message = new TextEncoder().encode('block header');

  it('accepts the low-S form and refuses the high-S form of the same signature for identities', () => {
    const signature = p256.Signature.fromBytes(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }), 'der');
    const low = signature.hasHighS() ? new p256.Signature(signature.r, p256.CURVE.n - signature.s) : signature;
    const high = new p256.Signature(low.r, p256.CURVE.n - low.s);
    expect(verifyP256Signature(point, message, low.toBytes('der'), { requireLowS: true })).toEqual({ ok: true });
    expect(verifyP256Signature(point, message, high.toBytes('der'), { requireLowS: true })).toMatchObject({ ok: false, reason: expect.stringMatching(/half the curve order/) });
    expect(verifyP256Signature(point, message, high.toBytes('der'), { requireLowS: false })).toEqual({ ok: true });
    expect(verifyP256Signature(point, createHash('sha256').update(message).digest(), low.toBytes('der'), { requireLowS: true })).toMatchObject({ ok: false, reason: 'the signature does not verify' });
  });

  it('refuses a signature that is not minimal DER', () => {
    const signature = p256.Signature.fromBytes(sign('sha256', message, { key: privateKey, dsaEncoding: 'der' }), 'der');
    const der = signature.toBytes('der');
    const padded = Uint8Array.from([0x30, der[1]! + 1, 0x02, der[3]! + 1, 0x00, ...der.subarray(4)]);
    expect(verifyP256Signature(point, message, padded, { requireLowS: false })).toMatchObject({ ok: false, reason: expect.stringMatching(/not minimally encoded|negative/) });
  });
});
