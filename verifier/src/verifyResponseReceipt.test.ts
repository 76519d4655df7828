/**
 * A response receipt signed with the Node suites (SM2 over SM3 digests, Ed25519 over SHA-256
 * digests) verifies against the exact body and the trusted receipt key, and fails the named
 * check when the body, the receipt or the key differs.
 */
import { describe, expect, it } from 'vitest';
import { loadSuite, type CryptoSuite, type SuiteName } from '@suitrust/crypto';
import { suitrust } from '@suitrust/proto';
import { verifyResponseReceipt } from './verifyResponseReceipt';

const body = new TextEncoder().encode('{"transactionId":"4f2a","blockNumber":"7","record":{"digest":"ab"}}');

function spkiOf(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

function signedReceipt(suite: CryptoSuite, privateKey: Uint8Array, keyId: Uint8Array, response: Uint8Array): suitrust.proofs.v1.Receipt {
  const fields = { requestId: 'req-7', issuedAt: { seconds: 1_790_000_000, nanos: 0 }, responseDigest: suite.hash(response), txId: '4f2a' };
  const signed = suitrust.proofs.v1.Receipt.encode(fields).finish();
  return suitrust.proofs.v1.Receipt.create({ ...fields, signature: { body: signed, algorithm: suite.signatureAlgorithm, keyId, signature: suite.sign(privateKey, signed) } });
}

describe.each<SuiteName>(['sm', 'std'])('receipts signed by the Node %s suite', (name) => {
  const setup = async (): Promise<{ suite: CryptoSuite; receipt: suitrust.proofs.v1.Receipt; trust: suitrust.proofs.v1.TrustAnchors }> => {
    const suite = await loadSuite(name);
    const keys = suite.generateKeyPair();
    const spki = spkiOf(suite.exportPublicKeyPem(keys.publicKey));
    const fingerprint = suite.hash(spki);
    const trust = suitrust.proofs.v1.TrustAnchors.create({ receiptKeys: [{ name: 'gateway', algorithm: suite.signatureAlgorithm, publicKey: spki, fingerprint }] });
    return { suite, receipt: signedReceipt(suite, keys.privateKey, fingerprint, body), trust };
  };

  it('verify against the body, decoded or as the header carries it', async () => {
    const { receipt, trust } = await setup();
    const outcome = verifyResponseReceipt(body, receipt, trust);
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(outcome.checks.map((check) => check.name)).toEqual(['receipt.format', 'receipt.signature', 'receipt.digest']);
    const header = Buffer.from(suitrust.proofs.v1.Receipt.encode(receipt).finish()).toString('base64');
    expect(verifyResponseReceipt(body, header, trust).valid).toBe(true);
  });

  it('fails receipt.digest for another body', async () => {
    const { receipt, trust } = await setup();
    const outcome = verifyResponseReceipt(body.subarray(0, -1), receipt, trust);
    expect(outcome.valid).toBe(false);
    expect(outcome.checks.find((check) => !check.ok)).toMatchObject({ name: 'receipt.digest', reason: expect.stringMatching(/ is [0-9a-f]{64}, the receipt says /) });
  });

  it('fails receipt.signature for another key or altered fields', async () => {
    const { receipt, trust } = await setup();
    const other = await setup();
    expect(verifyResponseReceipt(body, receipt, other.trust).checks.find((check) => !check.ok)?.name).toBe('receipt.signature');
    const altered = suitrust.proofs.v1.Receipt.create({ ...receipt, txId: 'another' });
    expect(verifyResponseReceipt(body, altered, trust).checks.find((check) => !check.ok)).toMatchObject({ name: 'receipt.signature', reason: 'the signed body differs from the receipt' });
  });

  it('fails receipt.format for bytes that are not a receipt', async () => {
    const { trust } = await setup();
    expect(verifyResponseReceipt(body, 'not base64!', trust).checks).toEqual([{ name: 'receipt.format', ok: false, reason: expect.stringMatching(/^not a Receipt/) }]);
  });
});
