/**
 * Proof bundles over HTTP from a gateway on the embedded network, with SM2 receipts (the default
 * suite): the published trust list, a signed receipt on every write, and a bundle for each kind
 * of record that verifies against `GET /trust` with the library and the `verify` command, and
 * fails when tampered with. Bad requests get problems from the registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { contracts, creditCodeCheckCharacter, formatCertificateId } from '@suitrust/chaincode';
import { loadSuite } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type EmbeddedNetwork } from '@suitrust/network';
import { suitrust } from '@suitrust/proto';
import { verifyBundle, verifyResponseReceipt } from '@suitrust/verifier';
import { buildGateway, profileNetworkProofs, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms, loadReceiptSigner, type LedgerClient, type NetworkProofs } from '@suitrust/gateway';
import { runVerifyCommand } from '../../verifier/src/cli/verifyCommand';
import { nodeBundleCrypto } from '../../verifier/src/node/nodeBundleCrypto';

const ENTERPRISE = `91310000MA1K00002${creditCodeCheckCharacter('91310000MA1K00002')}`;
const DAY_MS = 86_400_000;

interface Fetched {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
  json(): Record<string, unknown>;
}

describe('proof bundles over HTTP', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let ledger: LedgerClient;
  let proofs: NetworkProofs;
  let app: FastifyInstance;
  let base: string;
  let tokens: [string, string][];
  let trust: suitrust.proofs.v1.TrustAnchors;
  let trustText: string;
  let market: string;
  let tax: string;
  const exhibit = new TextEncoder().encode('Exhibit 12: the lease as signed on 1 April.');
  let exhibitDigest: string;

  const request = async (method: string, path: string, who?: string, payload?: object, accept?: string): Promise<Fetched> => {
    const token = who === undefined ? undefined : tokens.find(([name]) => name.startsWith(who))?.[1];
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { 'content-type': 'application/json' } : {}), ...(accept ? { accept } : {}) },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown> };
  };
  const bundleOf = (fetched: Fetched): suitrust.proofs.v1.ProofBundle => suitrust.proofs.v1.ProofBundle.fromObject(fetched.json());

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-bundles-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 10, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 } });
    const profile = await readConnectionProfile(embedded.connectionProfilePath);
    ledger = fabricLedgerClient({ profile });
    const suite = await loadSuite('sm');
    const callers = await loadCallerDirectory(join(directory, 'gateway', 'credentials.json'), profile);
    const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), suite);
    const receipts = await loadReceiptSigner(join(directory, 'gateway', 'receipt.key'), suite);
    const auditor = profile.identities.find((identity) => identity.role === 'auditor');
    proofs = (await profileNetworkProofs(profile, auditor?.name ?? '', 'any')) as NetworkProofs;
    app = await buildGateway({ ledger, callers, pseudonyms, receipts, proofs, logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    tokens = (JSON.parse(readFileSync(join(directory, 'gateway', 'credentials.json'), 'utf8')) as { identity: string; token: string }[]).map((entry) => [entry.identity, entry.token]);
    market = profile.identities.find((identity) => identity.name.startsWith('issuer@'))?.dept ?? '';
    tax = profile.identities.find((identity) => identity.name.startsWith('tax-officer@'))?.dept ?? '';
    exhibitDigest = Buffer.from(suite.hash(exhibit)).toString('hex');
    const published = await request('GET', '/trust');
    trustText = new TextDecoder().decode(published.bytes);
    trust = suitrust.proofs.v1.TrustAnchors.fromObject(published.json());
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    proofs?.source.close();
    ledger?.close();
    await embedded?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('publishes the trust list: CA certificates, the SM2 receipt key with its SM3 fingerprint, no log keys yet', async () => {
    const suite = await loadSuite('sm');
    expect(trust.receiptKeys).toHaveLength(1);
    const key = trust.receiptKeys[0] as suitrust.proofs.v1.TrustedKey;
    expect(key.algorithm).toBe('sm2');
    expect(Buffer.from(key.fingerprint)).toEqual(Buffer.from(suite.hash(key.publicKey)));
    expect(trust.logKeys).toEqual([]);
    expect(trust.certificates.map((certificate) => certificate.role)).toEqual(expect.arrayContaining(['ca', 'orderer']));
    expect(trust.endorsementPolicy).toBe('any');
    expect(JSON.parse(trustText)).toHaveProperty('logKeys', []);
    expect(statSync(join(directory, 'gateway', 'receipt.key')).mode & 0o077).toBe(0);
    expect(trustText).not.toContain('PRIVATE');
  });

  it('signs a receipt of each write over its exact body', async () => {
    const written = await request('POST', '/evidence', 'judge', { algorithm: 'sm3', digest: exhibitDigest, caseReference: '(2026)沪0105民初12号' });
    expect(written.status).toBe(201);
    const header = written.headers.get('suitrust-receipt') ?? '';
    const outcome = verifyResponseReceipt(written.bytes, header, trust);
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(suitrust.proofs.v1.Receipt.decode(Buffer.from(header, 'base64')).txId).toBe(written.json()['transactionId']);
    const altered = Uint8Array.from(written.bytes);
    altered[2] = (altered[2] as number) ^ 1;
    expect(verifyResponseReceipt(altered, header, trust).checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(['receipt.digest']);
    const refused = await request('POST', '/evidence', 'judge', { algorithm: 'sm3', digest: 'XYZ' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('suitrust-receipt')).toBeNull();
  });

  it('proves notarised evidence, with the document, by its record route and the verify command', async () => {
    const fetched = await request('GET', `/evidence/sm3/${exhibitDigest}/proof`, 'judge');
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toContain('application/json');
    expect(verifyResponseReceipt(fetched.bytes, fetched.headers.get('suitrust-receipt') ?? '', trust).valid).toBe(true);
    const bundle = bundleOf(fetched);
    expect(bundle.claim).toMatchObject({ kind: 'evidence', recordId: `sm3:${exhibitDigest}`, documentDigestAlgorithm: 'sm3', documentDigest: exhibitDigest, recordedBy: expect.any(String) });
    expect(JSON.parse(bundle.claim?.statement ?? '{}')).toMatchObject({ evidenceNotarised: { caseReference: '(2026)沪0105民初12号' } });
    const outcome = verifyBundle(bundle, { trust, document: exhibit });
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(outcome.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['claim.document', 'receipt.signature', 'receipt.digest', 'ledger.attestation.threshold']));
    // Node's OpenSSL (what the verify command uses) reaches the same verdict, check by check.
    expect(verifyBundle(bundle, { trust, document: exhibit, crypto: nodeBundleCrypto })).toEqual(outcome);

    const folder = join(directory, 'cli');
    mkdirSync(folder);
    writeFileSync(join(folder, 'trust.json'), trustText);
    writeFileSync(join(folder, 'bundle.json'), fetched.bytes);
    writeFileSync(join(folder, 'exhibit.txt'), exhibit);
    const tampered = Buffer.from(fetched.bytes).toString('utf8').replace(`"documentDigest":"${exhibitDigest}"`, `"documentDigest":"${'0'.repeat(64)}"`);
    expect(tampered).not.toBe(Buffer.from(fetched.bytes).toString('utf8'));
    writeFileSync(join(folder, 'tampered.json'), tampered);
    const run = async (args: string[]): Promise<{ status: number; out: string[] }> => {
      const out: string[] = [];
      const status = await runVerifyCommand(args, { out: (line) => out.push(line), err: (line) => out.push(line) });
      return { status, out };
    };
    const valid = await run([join(folder, 'bundle.json'), '--trust', join(folder, 'trust.json'), '--file', join(folder, 'exhibit.txt')]);
    expect(valid.out.at(-1)).toBe('VALID: every check holds');
    expect(valid.status).toBe(0);
    const invalid = await run([join(folder, 'tampered.json'), '--trust', join(folder, 'trust.json'), '--file', join(folder, 'exhibit.txt')]);
    expect(invalid.status).toBe(1);
    expect(invalid.out).toContainEqual(expect.stringMatching(/^FAIL claim\.(digest|document): /));
  });

  it('proves a certificate issuance, an authorisation grant and a credit event by their record routes', async () => {
    expect((await request('POST', '/certificate-types', 'admin@', { typeCode: `${market}001`, name: '营业执照', issuers: [market] })).status).toBe(201);
    const certificateId = formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: 'PB0001', version: '001' });
    const issued = await request('POST', '/certificates', 'issuer@', { certificateId, holder: { idNumber: '11010519491231002X' }, contentDigest: { algorithm: 'sm3', value: 'ab'.repeat(32) }, validFrom: '2026-01-01T00:00:00+08:00' });
    expect(issued.status).toBe(201);
    const now = Date.now();
    const granted = await request('POST', '/authorisations', 'issuer@', {
      grantorKind: 'subject', subject: { idNumber: '11010519491231002X' }, provider: market, consumer: tax, resourceCode: 'ENT-BASIC', sharingClass: 'conditional', purpose: '企业开办', fields: ['name'],
      validFrom: new Date(now - DAY_MS).toISOString(), validUntil: new Date(now + 30 * DAY_MS).toISOString(), useLimit: 0, consentDigest: { algorithm: 'sm3', value: 'c0'.repeat(32) },
    });
    expect(granted.status).toBe(201);
    const authorisationId = (granted.json()['record'] as { authorisationId: string }).authorisationId;
    const recorded = await request('POST', `/enterprises/${ENTERPRISE}/credit-events`, 'officer@market', {
      category: 'penalty', severity: 'ordinary', legalBasis: '《中华人民共和国行政处罚法》', decisionNumber: '沪市监罚〔2026〕12号', decisionDate: new Date(now - 10 * DAY_MS).toISOString().slice(0, 10), documentDigest: { algorithm: 'sm3', value: 'd0'.repeat(32) },
    });
    expect(recorded.status).toBe(201);
    const eventId = (recorded.json()['record'] as { eventId: string }).eventId;

    const cases = [
      { path: `/certificates/${certificateId}/proof`, who: 'tax-officer@', claim: { kind: 'certificate', recordId: certificateId, documentDigestAlgorithm: 'sm3', documentDigest: 'ab'.repeat(32) }, txId: issued.json()['transactionId'] },
      { path: `/authorisations/${authorisationId}/proof`, who: 'auditor@', claim: { kind: 'authorisation', recordId: authorisationId, documentDigestAlgorithm: 'sm3', documentDigest: 'c0'.repeat(32) }, txId: granted.json()['transactionId'] },
      { path: `/enterprises/${ENTERPRISE}/credit-events/${eventId}/proof`, who: 'auditor@', claim: { kind: 'credit-event', recordId: ENTERPRISE, documentDigestAlgorithm: 'sm3', documentDigest: 'd0'.repeat(32) }, txId: recorded.json()['transactionId'] },
    ];
    for (const { path, who, claim, txId } of cases) {
      const fetched = await request('GET', path, who);
      expect(fetched.status, path).toBe(200);
      const bundle = bundleOf(fetched);
      expect(bundle.claim, path).toMatchObject(claim);
      expect(bundle.ledger?.txId, path).toBe(txId);
      const outcome = verifyBundle(bundle, { trust });
      expect(outcome.checks.filter((check) => !check.ok), path).toEqual([]);
      expect(outcome.checks.map((check) => check.name), path).toEqual(expect.arrayContaining(['claim.transaction', 'claim.digest', 'receipt.signature', 'receipt.digest']));
    }
  });

  it('answers the bundle of any transaction as protobuf, versioned, with a receipt of its bytes', async () => {
    const written = await request('POST', '/evidence', 'judge', { algorithm: 'sm3', digest: 'e1'.repeat(32) });
    const txId = String(written.json()['transactionId']);
    const fetched = await request('GET', `/proofs/transactions/${txId}`, 'auditor@', undefined, 'application/x-protobuf');
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/x-protobuf');
    expect(verifyResponseReceipt(fetched.bytes, fetched.headers.get('suitrust-receipt') ?? '', trust).valid).toBe(true);
    const bundle = suitrust.proofs.v1.ProofBundle.decode(fetched.bytes);
    expect(bundle.version).toBe(1);
    expect(bundle.claim).toMatchObject({ kind: 'evidence', recordId: `sm3:${'e1'.repeat(32)}` });
    expect(verifyBundle(fetched.bytes, { trust }).valid).toBe(true);
    const flipped = Uint8Array.from(fetched.bytes);
    const at = flipped.length - 40;
    flipped[at] = (flipped[at] as number) ^ 1;
    expect(verifyBundle(flipped, { trust }).valid).toBe(false);
  });

  it('answers problems from the registry for unknown or malformed requests', async () => {
    const unknown = await request('GET', `/proofs/transactions/${'0'.repeat(64)}`, 'auditor@');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PROOF_TRANSACTION_UNKNOWN', field: 'txId', type: '/problems/PROOF_TRANSACTION_UNKNOWN' });
    expect(unknown.headers.get('suitrust-receipt')).toBeNull();
    const malformed = await request('GET', '/proofs/transactions/not-a-transaction', 'auditor@');
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'REQUEST_SCHEMA', field: 'params.txId' });
    const noCertificate = await request('GET', `/certificates/${formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: 'NONE01', version: '001' })}/proof`, 'auditor@');
    expect(noCertificate.json()).toMatchObject({ status: 404, code: 'CERTIFICATE_UNKNOWN' });
    expect((await request('GET', `/evidence/sm3/${'f0'.repeat(32)}/proof`, 'judge')).json()).toMatchObject({ status: 404, code: 'EVIDENCE_UNKNOWN' });
    expect((await request('GET', `/proofs/transactions/${'0'.repeat(64)}`)).status).toBe(401);
  });
});
