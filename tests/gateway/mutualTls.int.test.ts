/**
 * Mutual TLS as an alternative to bearer tokens, over a real HTTPS listener and the embedded
 * peer: a client certificate signed by the configured CA acts as the department its subject is
 * mapped to; one from another CA, or with an unmapped subject, or none at all is refused with a
 * problem naming what is wrong; a bearer token still works over the same listener. The
 * certificates are made in the test with the network bootstrap's CA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { contracts } from '@suitrust/chaincode';
import { loadSuite } from '@suitrust/crypto';
import { CertificateAuthority, readConnectionProfile, startEmbeddedNetwork, type ConnectionProfile, type EmbeddedNetwork } from '@suitrust/network';
import { buildGateway, certificateSubject, clientCertificateCallers, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms, type LedgerClient } from '@suitrust/gateway';

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

interface ClientCredentials {
  readonly cert?: string;
  readonly key?: string;
  readonly authorization?: string;
}

describe('mutual TLS', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let profile: ConnectionProfile;
  let ledger: LedgerClient;
  let app: FastifyInstance;
  let port: number;
  let serverCa: string;
  let taxClient: { certificatePem: string; privateKeyPem: string };
  let unmappedClient: { certificatePem: string; privateKeyPem: string };
  let foreignClient: { certificatePem: string; privateKeyPem: string };
  let judgeToken: string;
  let taxDepartment: string;

  /** One HTTPS request to the gateway, trusting its server CA. */
  const call = (method: string, path: string, credentials: ClientCredentials, payload?: object): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const body = payload === undefined ? undefined : JSON.stringify(payload);
      const outgoing = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          ca: serverCa,
          servername: 'localhost',
          ...(credentials.cert ? { cert: credentials.cert, key: credentials.key } : {}),
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(credentials.authorization ? { authorization: credentials.authorization } : {}) },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  const pair = (issued: { certificatePem: string; privateKeyPem: string }): ClientCredentials => ({ cert: issued.certificatePem, key: issued.privateKeyPem });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-mtls-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 100, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 10 } });
    profile = await readConnectionProfile(embedded.connectionProfilePath);
    ledger = fabricLedgerClient({ profile });
    const credentialsPath = join(directory, 'gateway', 'credentials.json');
    const callers = await loadCallerDirectory(credentialsPath, profile);
    const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), await loadSuite('sm'));

    const serverAuthority = await CertificateAuthority.create({ mspId: 'GatewayTLS', organisation: 'gateway.suitrust.local', commonName: 'tlsca.gateway.suitrust.local' });
    const server = await serverAuthority.issueTlsCertificate({ commonName: 'gateway.suitrust.local', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usages: ['serverAuth'] });
    serverCa = serverAuthority.certificatePem;
    const clientAuthority = await CertificateAuthority.create({ mspId: 'Departments', organisation: 'clients.city.gov.cn', commonName: 'ca.clients.city.gov.cn' });
    taxClient = await clientAuthority.issueTlsCertificate({ commonName: 'tax-bureau-system', usages: ['clientAuth'] });
    unmappedClient = await clientAuthority.issueTlsCertificate({ commonName: 'unknown-system', usages: ['clientAuth'] });
    const foreignAuthority = await CertificateAuthority.create({ mspId: 'Elsewhere', organisation: 'clients.city.gov.cn', commonName: 'ca.clients.city.gov.cn' });
    // The same subject as the mapped one, from a CA the gateway does not trust.
    foreignClient = await foreignAuthority.issueTlsCertificate({ commonName: 'tax-bureau-system', usages: ['clientAuth'] });

    const taxIdentity = profile.identities.find((identity) => identity.name.startsWith('tax-officer@'));
    if (!taxIdentity) throw new Error('no tax-officer identity');
    taxDepartment = taxIdentity.dept;
    const subject = certificateSubject(new X509Certificate(taxClient.certificatePem));
    expect(subject).toBe('CN=tax-bureau-system, O=clients.city.gov.cn');
    app = await buildGateway({
      ledger,
      callers,
      pseudonyms,
      logger: false,
      tls: {
        certificatePem: server.certificatePem,
        privateKeyPem: server.privateKeyPem,
        clientCaPem: clientAuthority.certificatePem,
        clientCertificates: clientCertificateCallers([{ subject, identity: taxIdentity.name }], profile),
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    const tokens = JSON.parse(readFileSync(credentialsPath, 'utf8')) as { identity: string; token: string }[];
    judgeToken = tokens.find((entry) => entry.identity.startsWith('judge@'))?.token ?? '';
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    ledger?.close();
    await embedded?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lets a mapped client certificate write as its department', async () => {
    const answer = await call('POST', '/evidence', pair(taxClient), { algorithm: 'sm3', digest: '7a'.repeat(32) });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ record: { digest: '7a'.repeat(32), submitter: { mspId: 'DataBureauMSP', department: taxDepartment } } });
  });

  it('refuses a certificate from an untrusted CA, an unmapped subject, and no credentials at all, writing nothing', async () => {
    const foreign = await call('POST', '/evidence', pair(foreignClient), { algorithm: 'sm3', digest: '7b'.repeat(32) });
    expect(foreign).toMatchObject({ status: 401, body: { code: 'AUTH_INVALID', field: 'client certificate' } });
    expect(String(foreign.body['detail'])).toMatch(/not signed by the certificate authority/);
    const unmapped = await call('POST', '/evidence', pair(unmappedClient), { algorithm: 'sm3', digest: '7b'.repeat(32) });
    expect(unmapped).toMatchObject({ status: 401, body: { code: 'AUTH_INVALID', field: 'client certificate' } });
    const none = await call('POST', '/evidence', {}, { algorithm: 'sm3', digest: '7b'.repeat(32) });
    expect(none).toMatchObject({ status: 401, body: { code: 'AUTH_REQUIRED', field: 'Authorization' } });
    const read = await call('GET', `/evidence/sm3/${'7b'.repeat(32)}`, pair(taxClient));
    expect(read).toMatchObject({ status: 404, body: { code: 'EVIDENCE_UNKNOWN' } });
  });

  it('still accepts bearer tokens over the same listener, and keeps public routes public', async () => {
    const answer = await call('POST', '/evidence', { authorization: `Bearer ${judgeToken}` }, { algorithm: 'sm3', digest: '7c'.repeat(32) });
    expect(answer).toMatchObject({ status: 201, body: { record: { submitter: { mspId: 'InternetCourtMSP' } } } });
    expect(await call('GET', '/health', {})).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('refuses a mapping that names an identity the profile does not have', () => {
    expect(() => clientCertificateCallers([{ subject: 'CN=x', identity: 'nobody@nowhere' }], profile)).toThrow(/\[0\]\.identity: the connection profile has no identity "nobody@nowhere"/);
  });
});
