/**
 * The certificate authority: member certificates with Fabric CA attributes, TLS certificates with
 * alternative names and key usages, and a CA saved and loaded again issuing under the same root.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CertificateAuthority, FABRIC_ATTRIBUTES_OID, samePublicKey } from './certificateAuthority';

const organisation = 'databureau.suitrust.local';

function issuedBy(certificatePem: string, caPem: string): boolean {
  const ca = new X509Certificate(caPem);
  const certificate = new X509Certificate(certificatePem);
  return certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
}

describe('CertificateAuthority', () => {
  it('enrols a member whose certificate carries the node OU and the attributes as Fabric CA writes them', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'DataBureauMSP', organisation });
    const member = await ca.enrol({ commonName: 'officer', nodeOu: 'client', attributes: { role: 'officer', dept: '113100000000000001' } });
    const certificate = new X509Certificate(member.certificatePem);
    expect(certificate.subject).toContain('OU=client');
    expect(certificate.subject).toContain('CN=officer');
    expect(issuedBy(member.certificatePem, ca.certificatePem)).toBe(true);
    expect(certificate.ca).toBe(false);
    // The extension's DER value is the JSON itself, as Fabric CA and fabric-contract-api read it.
    const der = certificate.raw.toString('latin1');
    expect(der).toContain('{"attrs":{"role":"officer","dept":"113100000000000001"}}');
    expect(FABRIC_ATTRIBUTES_OID).toBe('1.2.3.4.5.6.7.8.1');
    expect(member.mspId).toBe('DataBureauMSP');
    expect(samePublicKey(member.privateKeyPem, member.certificatePem)).toBe(true);
  });

  it('never shows a private key when an identity is printed or serialised', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'DataBureauMSP', organisation });
    const member = await ca.enrol({ commonName: 'admin', nodeOu: 'admin' });
    const tls = await ca.issueTlsCertificate({ commonName: 'peer0', dnsNames: ['localhost'] });
    for (const printed of [JSON.stringify(member), inspect(member, { depth: 5 }), JSON.stringify(tls), inspect(tls), JSON.stringify({ ...member })]) {
      expect(printed).not.toContain('PRIVATE KEY');
    }
    expect(member.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(tls.privateKeyPem).toContain('BEGIN PRIVATE KEY');
  });

  it('gives every certificate a distinct positive 128-bit serial number', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'M', organisation });
    const serials = new Set<string>([new X509Certificate(ca.certificatePem).serialNumber]);
    for (let i = 0; i < 5; i++) serials.add(new X509Certificate((await ca.enrol({ commonName: `u${i}`, nodeOu: 'client' })).certificatePem).serialNumber);
    expect(serials.size).toBe(6);
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-9A-F]{32}$/);
      expect(Number.parseInt(serial.slice(0, 1), 16)).toBeLessThan(8);
    }
  });

  it('issues TLS certificates naming their hosts and addresses, for server and client authentication', async () => {
    const tlsCa = await CertificateAuthority.create({ mspId: 'M', organisation, commonName: `tlsca.${organisation}` });
    expect(new X509Certificate(tlsCa.certificatePem).subject).toContain(`CN=tlsca.${organisation}`);
    const tls = await tlsCa.issueTlsCertificate({ commonName: `peer0.${organisation}`, dnsNames: [`peer0.${organisation}`, 'localhost'], ipAddresses: ['127.0.0.1', '::1'] });
    const certificate = new X509Certificate(tls.certificatePem);
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.checkHost(`peer0.${organisation}`)).toBe(`peer0.${organisation}`);
    expect(certificate.checkHost('example.org')).toBeUndefined();
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(issuedBy(tls.certificatePem, tlsCa.certificatePem)).toBe(true);
    expect(samePublicKey(tls.privateKeyPem, tls.certificatePem)).toBe(true);
    const serverOnly = await tlsCa.issueTlsCertificate({ commonName: 'x', usages: ['serverAuth'] });
    expect(new X509Certificate(serverOnly.certificatePem).keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    await expect(tlsCa.issueTlsCertificate({ commonName: 'x', ipAddresses: ['localhost'] })).rejects.toThrow(/ipAddresses/);
  });

  it('is saved and loaded again, issuing under the same root', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'DataBureauMSP', organisation });
    const privateKeyPem = await ca.exportPrivateKeyPem();
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const loaded = await CertificateAuthority.load({ mspId: 'DataBureauMSP', organisation, certificatePem: ca.certificatePem, privateKeyPem });
    expect(loaded.certificatePem).toBe(ca.certificatePem);
    expect(loaded.organisation).toBe(organisation);
    const member = await loaded.enrol({ commonName: 'later', nodeOu: 'client', attributes: { role: 'auditor', dept: 'x' } });
    expect(issuedBy(member.certificatePem, ca.certificatePem)).toBe(true);
    expect(await loaded.exportPrivateKeyPem()).toBe(privateKeyPem);
  });

  it('loads a SEC 1 key as Fabric CA writes it', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'M', organisation });
    const sec1 = createPrivateKey(await ca.exportPrivateKeyPem()).export({ type: 'sec1', format: 'pem' }).toString();
    const loaded = await CertificateAuthority.load({ mspId: 'M', organisation, certificatePem: ca.certificatePem, privateKeyPem: sec1 });
    expect(issuedBy((await loaded.enrol({ commonName: 'u', nodeOu: 'client' })).certificatePem, ca.certificatePem)).toBe(true);
  });

  it('refuses to load a key that is not the certificate’s, or a certificate that is not a CA, without quoting the key', async () => {
    const ca = await CertificateAuthority.create({ mspId: 'M', organisation });
    const other = await CertificateAuthority.create({ mspId: 'M', organisation });
    const otherKey = await other.exportPrivateKeyPem();
    const error = await CertificateAuthority.load({ mspId: 'M', organisation, certificatePem: ca.certificatePem, privateKeyPem: otherKey }).then(
      () => new Error('loaded'),
      (err: unknown) => err as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/does not belong/);
    expect(error.message).not.toContain(otherKey.split('\n')[1]);
    const garbage = '-----BEGIN PRIVATE KEY-----\nAAAAsecretish\n-----END PRIVATE KEY-----\n';
    const parseError = await CertificateAuthority.load({ mspId: 'M', organisation, certificatePem: ca.certificatePem, privateKeyPem: garbage }).then(
      () => new Error('loaded'),
      (err: unknown) => err as Error,
    );
    expect(parseError.message).not.toContain('secretish');
    expect(String((parseError.cause as Error | undefined)?.message)).not.toContain('secretish');
    const member = await ca.enrol({ commonName: 'u', nodeOu: 'client' });
    await expect(CertificateAuthority.load({ mspId: 'M', organisation, certificatePem: member.certificatePem, privateKeyPem: member.privateKeyPem })).rejects.toThrow(/not a CA/);
    // The public key from the certificate and from the key agree for the genuine pair.
    expect(createPublicKey(createPrivateKey(await ca.exportPrivateKeyPem())).export({ type: 'spki', format: 'pem' })).toBe(
      new X509Certificate(ca.certificatePem).publicKey.export({ type: 'spki', format: 'pem' }),
    );
  });
});
