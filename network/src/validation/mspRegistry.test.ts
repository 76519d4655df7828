import 'reflect-metadata';
import { createPrivateKey, sign, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { msp } from '@hyperledger/fabric-protos';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority, type EnrolledIdentity } from '../identity/certificateAuthority';
import { CURVE_ORDERS, encodeEcdsaSignature, parseEcdsaSignature, signatureToLowS } from './ecdsaSignature';
import { mspRegistry, type MspRegistry } from './mspRegistry';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const message = new TextEncoder().encode('envelope payload');
const YEAR_MS = 365 * 24 * 3600 * 1000;

let org1: CertificateAuthority;
let org2: CertificateAuthority;
let rogue: CertificateAuthority;
let old: CertificateAuthority;
let alice: EnrolledIdentity;
let bob: EnrolledIdentity;
let mallory: EnrolledIdentity;
let retired: EnrolledIdentity;
let registry: MspRegistry;

function serialize(mspId: string, idBytes: string | Uint8Array): Uint8Array {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(mspId);
  identity.setIdBytes(typeof idBytes === 'string' ? Buffer.from(idBytes, 'utf8') : idBytes);
  return identity.serializeBinary();
}

/** Signs as Fabric does: ECDSA over SHA-256(message), low S. */
function fabricSign(identity: EnrolledIdentity, bytes: Uint8Array): Uint8Array {
  return signatureToLowS(sign('sha256', bytes, { key: createPrivateKey(identity.privateKeyPem), dsaEncoding: 'der' }), 'P-256');
}

beforeAll(async () => {
  org1 = await CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example.com' });
  org2 = await CertificateAuthority.create({ mspId: 'Org2MSP', organisation: 'org2.example.com' });
  // A CA outside the channel that issues certificates claiming Org1's MSP ID.
  rogue = await CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example.com' });
  old = await CertificateAuthority.create({ mspId: 'OldMSP', organisation: 'old.example.com', notBefore: new Date(Date.now() - 20 * YEAR_MS) });
  alice = await org1.enrol({ commonName: 'alice', nodeOu: 'client' });
  bob = await org2.enrol({ commonName: 'bob', nodeOu: 'client' });
  mallory = await rogue.enrol({ commonName: 'mallory', nodeOu: 'client' });
  retired = await old.enrol({ commonName: 'retired', nodeOu: 'client' });
  registry = mspRegistry({
    organisations: [
      { mspId: 'Org1MSP', rootCertificates: [org1.certificatePem] },
      { mspId: 'Org2MSP', rootCertificates: [org2.certificatePem] },
      { mspId: 'OldMSP', rootCertificates: [old.certificatePem] },
    ],
  });
});

describe('MSP registry: identities', () => {
  it('identifies a member: MSP ID, certificate and public key', () => {
    const identity = registry.identify(alice.serialize());
    if (!identity.ok) throw new Error(identity.reason);
    expect(identity.mspId).toBe('Org1MSP');
    expect(identity.certificatePem.replace(/\s/g, '')).toBe(alice.certificatePem.replace(/\s/g, ''));
    expect(identity.curve).toBe('P-256');
    expect(identity.publicKey.asymmetricKeyType).toBe('ec');
    expect(registry.mspIds).toEqual(['Org1MSP', 'Org2MSP', 'OldMSP']);
  });

  it("refuses a certificate from a CA that is not the MSP's, even under a configured MSP ID", () => {
    expect(registry.identify(mallory.serialize())).toMatchObject({ ok: false, code: 'UNTRUSTED_CERTIFICATE' });
    expect(registry.identify(serialize('Org1MSP', bob.certificatePem))).toMatchObject({ ok: false, code: 'UNTRUSTED_CERTIFICATE' });
  });

  it('refuses an MSP ID the channel does not define', () => {
    expect(registry.identify(serialize('Org9MSP', alice.certificatePem))).toMatchObject({ ok: false, code: 'UNKNOWN_MSP' });
  });

  it('refuses bytes that are not an identity, and an identity without a PEM certificate', () => {
    expect(registry.identify(Uint8Array.of(0xff, 0xff))).toMatchObject({ ok: false, code: 'MALFORMED_IDENTITY' });
    expect(registry.identify(serialize('Org1MSP', 'not a certificate'))).toMatchObject({ ok: false, code: 'MALFORMED_CERTIFICATE' });
    expect(registry.identify(serialize('Org1MSP', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'))).toMatchObject({ ok: false, code: 'MALFORMED_CERTIFICATE' });
  });

  it('reads the first PEM block of the identity bytes, whatever precedes it', () => {
    expect(registry.identify(serialize('Org1MSP', `junk\n${alice.certificatePem}${bob.certificatePem}`))).toMatchObject({ ok: true, mspId: 'Org1MSP' });
  });

  it("refuses a CA's own certificate as an identity", () => {
    expect(registry.identify(serialize('Org1MSP', org1.certificatePem))).toMatchObject({ ok: false, code: 'CA_CERTIFICATE' });
  });

  it('accepts an expired certificate by default, as Fabric checks validity as of notBefore + 1 s', () => {
    expect(registry.identify(retired.serialize())).toMatchObject({ ok: true, mspId: 'OldMSP' });
  });

  it('checks the validity period at a given time', () => {
    expect(registry.identify(retired.serialize(), { at: new Date() })).toMatchObject({ ok: false, code: 'OUTSIDE_VALIDITY' });
    expect(registry.identify(retired.serialize(), { at: new Date(Date.now() - 15 * YEAR_MS) })).toMatchObject({ ok: true });
    expect(registry.identify(alice.serialize(), { at: new Date(Date.now() - YEAR_MS) })).toMatchObject({ ok: false, code: 'OUTSIDE_VALIDITY' });
    expect(registry.identify(alice.serialize(), { at: new Date() })).toMatchObject({ ok: true });
  });

  it('gives the same answers from its cache, including a small or disabled one', () => {
    for (const cacheSize of [0, 1, 1000]) {
      const small = mspRegistry({ organisations: [{ mspId: 'Org1MSP', rootCertificates: [org1.certificatePem] }, { mspId: 'Org2MSP', rootCertificates: [org2.certificatePem] }], cacheSize });
      for (let round = 0; round < 3; round++) {
        expect(small.identify(alice.serialize())).toMatchObject({ ok: true, mspId: 'Org1MSP' });
        expect(small.identify(bob.serialize())).toMatchObject({ ok: true, mspId: 'Org2MSP' });
        expect(small.identify(mallory.serialize())).toMatchObject({ ok: false, code: 'UNTRUSTED_CERTIFICATE' });
      }
    }
  });
});

describe('MSP registry: signatures', () => {
  it('verifies a low-S ECDSA signature over SHA-256 of the message', () => {
    const result = registry.verifySignature(alice.serialize(), message, fabricSign(alice, message));
    expect(result).toMatchObject({ ok: true, identity: { mspId: 'Org1MSP' } });
  });

  it("refuses a forged signature: another key's, or over another message", () => {
    expect(registry.verifySignature(alice.serialize(), message, fabricSign(bob, message))).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    expect(registry.verifySignature(alice.serialize(), new TextEncoder().encode('tampered'), fabricSign(alice, message))).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
  });

  it('refuses a high-S signature', () => {
    const parsed = parseEcdsaSignature(fabricSign(alice, message));
    if (!parsed.ok) throw new Error(parsed.reason);
    const high = encodeEcdsaSignature(parsed.r, CURVE_ORDERS['P-256'] - parsed.s);
    expect(registry.verifySignature(alice.serialize(), message, high)).toMatchObject({ ok: false, code: 'HIGH_S' });
  });

  it("refuses an untrusted signer's valid signature on the identity check", () => {
    expect(registry.verifySignature(mallory.serialize(), message, fabricSign(mallory, message))).toMatchObject({ ok: false, code: 'UNTRUSTED_CERTIFICATE' });
  });
});

describe('MSP registry: chains, keys and node OUs', () => {
  const ecdsa256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

  interface Issued {
    readonly certificate: x509.X509Certificate;
    readonly keys: CryptoKeyPair;
  }

  async function issue(subject: string, options: { issuer?: Issued; ca: boolean; algorithm?: EcKeyGenParams | RsaHashedKeyGenParams }): Promise<Issued> {
    const keys = (await webcrypto.subtle.generateKey(options.algorithm ?? ecdsa256, true, ['sign', 'verify'])) as CryptoKeyPair;
    const notBefore = new Date(Date.now() - 1000);
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: Math.floor(Math.random() * 1e9).toString(16).padStart(8, '0'),
      subject,
      issuer: options.issuer?.certificate.subject ?? subject,
      notBefore,
      notAfter: new Date(notBefore.getTime() + YEAR_MS),
      publicKey: keys.publicKey,
      signingKey: options.issuer?.keys.privateKey ?? keys.privateKey,
      signingAlgorithm: ecdsa256,
      extensions: [
        new x509.BasicConstraintsExtension(options.ca, undefined, true),
        new x509.KeyUsagesExtension(options.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ...(options.issuer ? [await x509.AuthorityKeyIdentifierExtension.create(options.issuer.certificate, false)] : []),
      ],
    });
    return { certificate, keys };
  }

  let root: Issued;
  let intermediate: Issued;

  beforeAll(async () => {
    root = await issue('CN=root,O=org3', { ca: true });
    intermediate = await issue('CN=intermediate,O=org3', { ca: true, issuer: root });
  });

  it('accepts a certificate issued through a configured intermediate, and refuses it without the intermediate', async () => {
    const leaf = await issue('CN=carol,OU=client,O=org3', { ca: false, issuer: intermediate });
    const pem = leaf.certificate.toString('pem');
    const withIntermediate = mspRegistry({ organisations: [{ mspId: 'Org3MSP', rootCertificates: [root.certificate.toString('pem')], intermediateCertificates: [intermediate.certificate.toString('pem')] }] });
    expect(withIntermediate.identify(serialize('Org3MSP', pem))).toMatchObject({ ok: true, mspId: 'Org3MSP' });
    const rootOnly = mspRegistry({ organisations: [{ mspId: 'Org3MSP', rootCertificates: [root.certificate.toString('pem')] }] });
    expect(rootOnly.identify(serialize('Org3MSP', pem))).toMatchObject({ ok: false, code: 'UNTRUSTED_CERTIFICATE' });
  });

  it('accepts a P-384 key and refuses an RSA key', async () => {
    const registry3 = mspRegistry({ organisations: [{ mspId: 'Org3MSP', rootCertificates: [root.certificate.toString('pem')] }] });
    const p384 = await issue('CN=dave,O=org3', { ca: false, issuer: root, algorithm: { name: 'ECDSA', namedCurve: 'P-384' } });
    expect(registry3.identify(serialize('Org3MSP', p384.certificate.toString('pem')))).toMatchObject({ ok: true, curve: 'P-384' });
    const rsa = await issue('CN=erin,O=org3', { ca: false, issuer: root, algorithm: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } });
    expect(registry3.identify(serialize('Org3MSP', rsa.certificate.toString('pem')))).toMatchObject({ ok: false, code: 'UNSUPPORTED_KEY' });
  });

  it('with NodeOUs, requires exactly one of client, peer, admin, orderer', async () => {
    const registry3 = mspRegistry({ organisations: [{ mspId: 'Org3MSP', rootCertificates: [root.certificate.toString('pem')], nodeOUs: true }] });
    const of = async (subject: string): Promise<Uint8Array> => serialize('Org3MSP', (await issue(subject, { ca: false, issuer: root })).certificate.toString('pem'));
    expect(registry3.identify(await of('CN=frank,OU=peer,O=org3'))).toMatchObject({ ok: true });
    expect(registry3.identify(await of('CN=grace,OU=department,O=org3'))).toMatchObject({ ok: false, code: 'NODE_OU' });
    expect(registry3.identify(await of('CN=heidi,OU=client,OU=admin,O=org3'))).toMatchObject({ ok: false, code: 'NODE_OU' });
    expect(registry.identify(alice.serialize())).toMatchObject({ ok: true });
  });

  it('refuses a bad configuration', async () => {
    const rootPem = root.certificate.toString('pem');
    expect(() => mspRegistry({ organisations: [{ mspId: 'A', rootCertificates: [rootPem] }, { mspId: 'A', rootCertificates: [rootPem] }] })).toThrow(/twice/);
    expect(() => mspRegistry({ organisations: [{ mspId: 'A', rootCertificates: [] }] })).toThrow(/no root/);
    expect(() => mspRegistry({ organisations: [{ mspId: 'A', rootCertificates: ['garbage'] }] })).toThrow(/does not parse/);
    expect(() => mspRegistry({ organisations: [{ mspId: 'A', rootCertificates: [alice.certificatePem] }] })).toThrow(/not a CA/);
    expect(() => mspRegistry({ organisations: [{ mspId: 'A', rootCertificates: [org1.certificatePem], intermediateCertificates: [intermediate.certificate.toString('pem')] }] })).toThrow(/does not chain/);
  });
});
