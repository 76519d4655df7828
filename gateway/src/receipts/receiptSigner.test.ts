/**
 * The receipt key of each suite: created once in a file only its owner reads, the same key on
 * the next start, and receipts the verifier accepts against the key the trust list publishes.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSuite, type SuiteName } from '@suitrust/crypto';
import { suitrust } from '@suitrust/proto';
import { verifyResponseReceipt } from '@suitrust/verifier';
import { loadReceiptSigner } from './receiptSigner';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe.each<[SuiteName, string]>([
  ['sm', 'sm2'],
  ['std', 'ed25519'],
])('the %s receipt key', (name, algorithm) => {
  it('is created once, mode 0600, and signs receipts the verifier accepts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'suitrust-receipts-'));
    folders.push(folder);
    const path = join(folder, 'gateway', 'receipt.key');
    const suite = await loadSuite(name);
    const signer = await loadReceiptSigner(path, suite);
    expect(statSync(path).mode & 0o077).toBe(0);
    const again = await loadReceiptSigner(path, suite);
    expect(Buffer.from(again.key.fingerprint)).toEqual(Buffer.from(signer.key.fingerprint));
    expect(signer.key.algorithm).toBe(algorithm);
    expect(readFileSync(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const body = new TextEncoder().encode('{"transactionId":"ab12"}');
    const receipt = signer.sign({ requestId: 'req-9', txId: 'ab12', body, issuedAt: new Date(Date.UTC(2026, 10, 25, 1, 2, 3, 456)) });
    expect(receipt).toMatchObject({ requestId: 'req-9', txId: 'ab12', issuedAt: { seconds: 1_795_568_523, nanos: 456_000_000 } });
    const trust = suitrust.proofs.v1.TrustAnchors.create({ receiptKeys: [signer.key] });
    expect(verifyResponseReceipt(body, receipt, trust).checks.filter((check) => !check.ok)).toEqual([]);
  });
});

it('refuses a key file of the other suite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'suitrust-receipts-'));
  folders.push(folder);
  const path = join(folder, 'receipt.key');
  await loadReceiptSigner(path, await loadSuite('std'));
  await expect(loadReceiptSigner(path, await loadSuite('sm'))).rejects.toMatchObject({ name: 'CryptoError', code: 'CRYPTO_KEY_FORMAT' });
});
