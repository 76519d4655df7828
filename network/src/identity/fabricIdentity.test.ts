import { describe, expect, it } from 'vitest';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { CertificateAuthority } from './certificateAuthority';
import { CURVE_ORDERS, isLowS, parseEcdsaSignature, verifyEcdsaSignature } from '../validation/ecdsaSignature';

describe('fabricIdentity signatures', () => {
  it('sign ECDSA P-256 over SHA-256 of the message, always low-S, as Fabric verifies them', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example.com' });
    const member = await ca.enrol({ commonName: 'user', nodeOu: 'client' });
    const publicKey = createPublicKey(new X509Certificate(member.certificatePem).publicKey.export({ format: 'pem', type: 'spki' }));
    for (let i = 0; i < 40; i++) {
      const message = Buffer.from(`message ${i}`);
      const signature = member.sign(message);
      expect(verifyEcdsaSignature(publicKey, 'P-256', message, signature)).toEqual({ ok: true });
      const parsed = parseEcdsaSignature(signature);
      expect(parsed.ok && isLowS(parsed.s, 'P-256') && parsed.s < CURVE_ORDERS['P-256']).toBe(true);
    }
  });
});
