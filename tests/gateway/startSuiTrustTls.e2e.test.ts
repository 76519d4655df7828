/**
 * `npm start` with mutual TLS, as an operator runs it: `startSuiTrust` with `--tls-cert`,
 * `--tls-key`, `--client-ca` and `--client-certificates` serves HTTPS, and a department's system
 * writes with its client certificate alone; flags that make no sense together stop the start
 * with a message naming them.
 */
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority } from '@suitrust/network';
import { certificateSubject } from '@suitrust/gateway';
import { startProcess, stopAll, stopProcess } from '../crash/crashProcess';

const CLI = new URL('../../gateway/dist/cli/startSuiTrust.js', import.meta.url).pathname;

describe('startSuiTrust with mutual TLS', () => {
  let directory: string;
  const file = (name: string, text: string): string => {
    const path = join(directory, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (the root \`npm test\` does)`);
    directory = mkdtempSync(join(tmpdir(), 'suitrust-cli-tls-'));
  });

  afterAll(async () => {
    await stopAll();
    rmSync(directory, { recursive: true, force: true });
  }, 30_000);

  it('serves HTTPS and lets a mapped client certificate write', async () => {
    const serverAuthority = await CertificateAuthority.create({ mspId: 'GatewayTLS', organisation: 'gateway.suitrust.local' });
    const server = await serverAuthority.issueTlsCertificate({ commonName: 'gateway', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usages: ['serverAuth'] });
    const clientAuthority = await CertificateAuthority.create({ mspId: 'Departments', organisation: 'clients.city.gov.cn' });
    const client = await clientAuthority.issueTlsCertificate({ commonName: 'court-case-system', usages: ['clientAuth'] });
    const mapping = [{ subject: certificateSubject(new X509Certificate(client.certificatePem)), identity: 'judge@court.suitrust.local' }];
    const args = [
      '--directory', join(directory, 'data'), '--port', '0', '--peer-port', '0',
      '--tls-cert', file('server.pem', server.certificatePem), '--tls-key', file('server.key', server.privateKeyPem),
      '--client-ca', file('clients-ca.pem', clientAuthority.certificatePem), '--client-certificates', file('client-certificates.json', JSON.stringify(mapping)),
    ];
    const started = await startProcess({
      script: CLI,
      args,
      env: { CORE_CHAINCODE_LOGGING_LEVEL: 'warning' },
      // Ready once it has also said how client certificates are accepted, its last line.
      ready: (output) => (/^or present a client certificate signed by .*clients-ca\.pem/m.test(output) ? /^SuiTrust gateway on (https:\/\/\S+) /m.exec(output)?.[1] : undefined),
      timeoutMs: 60_000,
      name: 'startSuiTrust',
    });
    const url = new URL('/evidence', started.ready);
    const answer = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const outgoing = httpsRequest(url, { method: 'POST', ca: serverAuthority.certificatePem, cert: client.certificatePem, key: client.privateKeyPem, headers: { 'content-type': 'application/json' } }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
      });
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify({ algorithm: 'sm3', digest: 'c0'.repeat(32) }));
    });
    expect(answer).toMatchObject({ status: 201, body: { record: { submitter: { mspId: 'InternetCourtMSP' } } } });
    expect(await stopProcess(started.child)).toBe(0);
  }, 90_000);

  it('refuses client-certificate flags without a server certificate, naming them', async () => {
    const child = spawn(process.execPath, [CLI, '--directory', join(directory, 'refused'), '--port', '0', '--peer-port', '0', '--client-ca', 'ca.pem', '--client-certificates', 'map.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(output).toContain('--client-ca and --client-certificates need --tls-cert and --tls-key');
  }, 90_000);
});
