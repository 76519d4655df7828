/**
 * The verification page in headless Chromium: a record written over HTTP, its bundle fetched,
 * then dropped on `GET /verify` with the document and the gateway's trust list; every check
 * passes in the browser, and with one byte of the bundle changed the page names the failed
 * check. A transparency-log record's bundle (bulk evidence, anchored) verifies there too, its log
 * checks shown. Skipped, saying so, where /usr/bin/chromium is absent (`.ci/run` installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_MSP_ID, contracts } from '@suitrust/chaincode';
import { loadSuite } from '@suitrust/crypto';
import { readConnectionProfile, startEmbeddedNetwork, type EmbeddedNetwork } from '@suitrust/network';
import { buildGateway, profileNetworkProofs, fabricLedgerClient, loadCallerDirectory, loadHolderPseudonyms, loadReceiptSigner, openRecordLog, type LedgerClient, type NetworkProofs, type RecordLog } from '@suitrust/gateway';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.log(`verifyPage.browser: skipped, ${CHROMIUM} is absent (install it with apt-get install chromium)`);

interface ShownCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly text: string;
}

describe.skipIf(!available)('the verification page in headless Chromium', () => {
  let directory: string;
  let embedded: EmbeddedNetwork;
  let ledger: LedgerClient;
  let proofs: NetworkProofs;
  let records: RecordLog;
  let app: FastifyInstance;
  let base: string;
  let browser: BrowserContext;
  let bundlePath: string;
  let documentPath: string;
  let tamperedPath: string;
  let logBundlePath: string;
  let logDocumentPath: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-page-'));
    embedded = await startEmbeddedNetwork({ directory: join(directory, 'network'), contracts, port: 0, limits: { maxMessageCount: 10, preferredMaxBytes: 512 * 1024, batchTimeoutMs: 20 } });
    const profile = await readConnectionProfile(embedded.connectionProfilePath);
    ledger = fabricLedgerClient({ profile });
    const suite = await loadSuite('sm');
    const credentialsPath = join(directory, 'gateway', 'credentials.json');
    const callers = await loadCallerDirectory(credentialsPath, profile);
    const pseudonyms = await loadHolderPseudonyms(join(directory, 'gateway', 'pseudonym.key'), suite);
    const receipts = await loadReceiptSigner(join(directory, 'gateway', 'receipt.key'), suite);
    proofs = (await profileNetworkProofs(profile, profile.identities.find((identity) => identity.role === 'auditor')?.name ?? '', 'any')) as NetworkProofs;
    const administrator = profile.identities.find((identity) => identity.mspId === ADMIN_MSP_ID && identity.role === 'admin')?.name ?? '';
    records = await openRecordLog({ directory: join(directory, 'gateway'), suite, origin: 'page.suitrust.local/records', ledger, administrator, anchorEveryRecords: 1_000_000, anchorEveryMs: 3_600_000, onAnchorError: () => undefined });
    app = await buildGateway({ ledger, callers, pseudonyms, receipts, proofs, records, logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const token = (JSON.parse(readFileSync(credentialsPath, 'utf8')) as { identity: string; token: string }[]).find((entry) => entry.identity.startsWith('judge@'))?.token ?? '';
    const headers = { authorization: `Bearer ${token}` };

    const document = new TextEncoder().encode('Exhibit 3: the supplier\'s delivery note, 2 May.');
    const digest = Buffer.from(suite.hash(document)).toString('hex');
    const written = await fetch(`${base}/evidence`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ algorithm: 'sm3', digest }) });
    expect(written.status).toBe(201);
    const fetched = await fetch(`${base}/evidence/sm3/${digest}/proof`, { headers: { ...headers, accept: 'application/x-protobuf' } });
    expect(fetched.status).toBe(200);
    const bundle = new Uint8Array(await fetched.arrayBuffer());
    bundlePath = join(directory, 'bundle.pb');
    documentPath = join(directory, 'exhibit-3.txt');
    tamperedPath = join(directory, 'tampered.pb');
    writeFileSync(bundlePath, bundle);
    writeFileSync(documentPath, document);
    // The receipt is the bundle's last field, its signature the receipt's last: the last byte is the signature's.
    const tampered = Uint8Array.from(bundle);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
    writeFileSync(tamperedPath, tampered);

    // Bulk evidence goes through the transparency log; once anchored, its record has a bundle.
    const logged = new TextEncoder().encode('Exhibit 4: the carrier\'s waybill, 3 May.');
    const bulk = await fetch(`${base}/evidence/bulk`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ evidence: [{ algorithm: 'sm3', digest: Buffer.from(suite.hash(logged)).toString('hex') }] }) });
    expect(bulk.status).toBe(201);
    await records.anchorNow();
    const logBundle = await fetch(`${base}/log/records/0/bundle`, { headers: { ...headers, accept: 'application/x-protobuf' } });
    expect(logBundle.status).toBe(200);
    logBundlePath = join(directory, 'log-bundle.pb');
    logDocumentPath = join(directory, 'exhibit-4.txt');
    writeFileSync(logBundlePath, new Uint8Array(await logBundle.arrayBuffer()));
    writeFileSync(logDocumentPath, logged);

    // A fresh, empty profile; without the background-networking flags Chromium keeps dialling out of a closed network.
    browser = await chromium.launchPersistentContext(mkdtempSync(join(directory, 'chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await records?.close();
    proofs?.source.close();
    ledger?.close();
    await embedded?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  const verifyIn = async (page: Page, bundle: string, document = documentPath): Promise<{ valid: string | null; checks: ShownCheck[] }> => {
    await page.goto(`${base}/verify`);
    await page.setInputFiles('#bundle', bundle);
    await page.setInputFiles('#document', document);
    await page.check('#use-gateway-trust');
    await page.click('#verify');
    await page.waitForSelector('#verdict[data-valid]');
    const checks = await page.$$eval('#checks li', (items) => items.map((item) => ({ name: item.getAttribute('data-check') ?? '', ok: item.getAttribute('data-ok') === 'true', text: item.textContent ?? '' })));
    return { valid: await page.getAttribute('#verdict', 'data-valid'), checks };
  };

  it('verifies the bundle and the document in the browser, every check shown as passed', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const { valid, checks } = await verifyIn(page, bundlePath);
    expect(errors).toEqual([]);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(valid).toBe('true');
    expect(checks.map((check) => check.name)).toEqual(expect.arrayContaining(['bundle.version', 'trust.list', 'ledger.block.dataHash', 'ledger.attestation.threshold', 'claim.transaction', 'claim.digest', 'claim.document', 'receipt.signature', 'receipt.digest']));
    expect(await page.textContent('#verdict')).toBe('VALID: every check holds');
    // The gateway's list is shown with its fingerprints, for comparison with the published one.
    expect(await page.textContent('#trust-fingerprints')).toMatch(/receipt key suitrust-gateway\/receipts \(sm2\) [0-9a-f]{64}/);
    await page.close();
  });

  it('names the failed check for a bundle with one byte changed', async () => {
    const page = await browser.newPage();
    const { valid, checks } = await verifyIn(page, tamperedPath);
    expect(valid).toBe('false');
    expect(checks.filter((check) => !check.ok)).toEqual([{ name: 'receipt.signature', ok: false, text: 'receipt.signature failed: the signature does not verify' }]);
    expect(await page.textContent('#verdict')).toBe('INVALID: 1 check(s) failed');
    await page.close();
  });

  it('verifies a transparency-log record\'s bundle in the browser, its log checks shown as passed', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const { valid, checks } = await verifyIn(page, logBundlePath, logDocumentPath);
    expect(errors).toEqual([]);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(valid).toBe('true');
    expect(checks.map((check) => check.name)).toEqual(expect.arrayContaining(['log.leaf', 'log.checkpoint.signature', 'log.checkpoint', 'log.inclusion', 'log.anchor', 'ledger.attestation.threshold', 'claim.document', 'receipt.digest']));
    expect(await page.textContent('#trust-fingerprints')).toMatch(/transparency-log key page\.suitrust\.local\/records \(sm2\) [0-9a-f]{64}/);
    await page.close();
  });
});
