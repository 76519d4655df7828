/**
 * A proof bundle of evidence notarised on the embedded network (claim, ledger proof, trust
 * anchors, the gateway's Ed25519-signed receipt) verifies with the library and the `verify`
 * command, and fails the named check when the document, the trusted list, the claim or the
 * receipt does not hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { suitrust } from '@suitrust/proto';
import { verifyBundle } from '@suitrust/verifier';
import { runVerifyCommand } from '../../verifier/src/cli/verifyCommand';
import { assembleLedgerProof } from '@suitrust/gateway';
import { startProofNetwork, type ProofNetwork } from './proofNetwork';

type ProofBundle = suitrust.proofs.v1.ProofBundle;

describe('proof bundles of notarised evidence', () => {
  let running: ProofNetwork;
  let folder: string;
  let bundle: ProofBundle;
  let trustList: suitrust.proofs.v1.TrustAnchors;
  const document = new TextEncoder().encode('Exhibit 7: the contract as signed on 3 March.');
  const digest = createHash('sha256').update(document).digest('hex');

  beforeAll(async () => {
    running = await startProofNetwork();
    folder = mkdtempSync(join(tmpdir(), 'suitrust-bundle-'));
    const commit = await running.network.getContract(running.profile.chaincode, 'evidence').submitAsync('notarise', { arguments: [JSON.stringify({ algorithm: 'sha256', digest })] });
    expect((await commit.getStatus()).successful).toBe(true);
    const ledger = await assembleLedgerProof({ network: running.network, txId: commit.getTransactionId(), witnesses: running.witnesses });

    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const receiptKey = { name: 'gateway.suitrust.local/receipts', algorithm: 'ed25519', publicKey: spki, fingerprint: createHash('sha256').update(spki).digest() };
    trustList = suitrust.proofs.v1.TrustAnchors.create({ ...running.trust, receiptKeys: [receiptKey] });
    const timestamp = common.ChannelHeader.deserializeBinary(common.Payload.deserializeBinary(common.Envelope.deserializeBinary(ledger.envelope).getPayload_asU8()).getHeader()!.getChannelHeader_asU8()).getTimestamp()!;
    bundle = suitrust.proofs.v1.ProofBundle.create({
      version: 1,
      claim: { kind: 'evidence', recordId: `sha256:${digest}`, recordedAt: { seconds: timestamp.getSeconds(), nanos: timestamp.getNanos() }, recordedBy: 'InternetCourtMSP', documentDigestAlgorithm: 'sha256', documentDigest: digest },
      ledger,
      trust: trustList,
    });
    // The receipt inside a bundle is of the bundle's encoding without it.
    const fields = { requestId: 'req-1', issuedAt: { seconds: 1_790_000_000, nanos: 5 }, responseDigest: createHash('sha256').update(suitrust.proofs.v1.ProofBundle.encode(bundle).finish()).digest(), txId: ledger.txId };
    const body = suitrust.proofs.v1.Receipt.encode(fields).finish();
    bundle.receipt = suitrust.proofs.v1.Receipt.create({ ...fields, signature: { body, algorithm: 'ed25519', keyId: receiptKey.fingerprint, signature: sign(null, body, privateKey) } });
  }, 120_000);

  afterAll(async () => {
    await running?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('verifies with the trusted list and the document', () => {
    const outcome = verifyBundle(suitrust.proofs.v1.ProofBundle.encode(bundle).finish(), { trust: trustList, document });
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(outcome.valid).toBe(true);
    expect(outcome.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['bundle.version', 'trust.list', 'ledger.block.dataHash', 'ledger.attestation.threshold', 'claim.transaction', 'claim.digest', 'claim.document', 'receipt.transaction', 'receipt.signature', 'receipt.digest']));
  });

  const refusals: ReadonlyArray<{ what: string; fails: string; alter: (copy: ProofBundle, list: suitrust.proofs.v1.TrustAnchors) => Uint8Array | undefined }> = [
    { what: 'another document', fails: 'claim.document', alter: () => new TextEncoder().encode('Exhibit 7, altered.') },
    { what: 'a trusted list without the bundle\'s orderer CA', fails: 'trust.list', alter: (_copy, list) => void (list.certificates = list.certificates.filter((certificate) => certificate.role !== 'orderer')) },
    { what: 'a claim about another record', fails: 'claim.transaction', alter: (copy) => void (copy.claim!.recordId = `sha256:${'0'.repeat(64)}`) },
    { what: 'a claim with another time', fails: 'claim.transaction', alter: (copy) => void (copy.claim!.recordedAt!.seconds = Number(copy.claim!.recordedAt!.seconds) + 1) },
    { what: 'a claim of a digest the ledger never recorded', fails: 'claim.digest', alter: (copy) => void (copy.claim!.documentDigest = 'ab'.repeat(32)) },
    { what: 'a receipt whose fields differ from what was signed', fails: 'receipt.signature', alter: (copy) => void (copy.receipt!.requestId = 'req-2') },
    { what: 'a receipt of another bundle', fails: 'receipt.digest', alter: (copy) => void (copy.claim!.statement = 'another statement') },
    { what: 'a receipt signature', fails: 'receipt.signature', alter: (copy) => void (copy.receipt!.signature!.signature![0] ^= 1) },
    { what: 'an unknown version', fails: 'bundle.version', alter: (copy) => void (copy.version = 2) },
  ];

  it.each(refusals)('refuses $what', ({ fails, alter }) => {
    const copy = suitrust.proofs.v1.ProofBundle.decode(suitrust.proofs.v1.ProofBundle.encode(bundle).finish());
    const list = suitrust.proofs.v1.TrustAnchors.decode(suitrust.proofs.v1.TrustAnchors.encode(trustList).finish());
    const otherDocument = alter(copy, list);
    const outcome = verifyBundle(copy, { trust: list, document: otherDocument ?? document });
    expect(outcome.valid).toBe(false);
    expect(outcome.checks.find((check) => check.name === fails)).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  describe('the verify command', () => {
    const run = async (args: readonly string[]): Promise<{ status: number; out: string[]; err: string[] }> => {
      const out: string[] = [];
      const err: string[] = [];
      const status = await runVerifyCommand(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
      return { status, out, err };
    };
    let bundlePath: string;
    let bundleJsonPath: string;
    let trustPath: string;
    let documentPath: string;

    beforeAll(() => {
      bundlePath = join(folder, 'bundle.pb');
      bundleJsonPath = join(folder, 'bundle.json');
      trustPath = join(folder, 'trust.json');
      documentPath = join(folder, 'exhibit.txt');
      const json = { bytes: String, longs: Number };
      writeFileSync(bundlePath, suitrust.proofs.v1.ProofBundle.encode(bundle).finish());
      writeFileSync(bundleJsonPath, JSON.stringify(suitrust.proofs.v1.ProofBundle.toObject(bundle, json)));
      writeFileSync(trustPath, JSON.stringify(suitrust.proofs.v1.TrustAnchors.toObject(trustList, json)));
      writeFileSync(documentPath, document);
    });

    it('exits 0 with one line per check when every check holds', async () => {
      const result = await run([bundlePath, '--file', documentPath, '--trust', trustPath]);
      expect(result.err).toEqual([]);
      expect(result.status).toBe(0);
      expect(result.out).toContainEqual(expect.stringMatching(/^ok {3}ledger\.transaction\.creatorSignature: /));
      expect(result.out.at(-1)).toBe('VALID: every check holds');
      expect((await run([bundleJsonPath, '--trust', trustPath])).status).toBe(0);
    });

    it('exits 1 naming the failed check', async () => {
      const otherPath = join(folder, 'other.txt');
      writeFileSync(otherPath, 'not the exhibit');
      const wrongDocument = await run([bundlePath, '--file', otherPath, '--trust', trustPath]);
      expect(wrongDocument.status).toBe(1);
      expect(wrongDocument.out).toContainEqual(expect.stringMatching(/^FAIL claim\.document: the document's sha256 digest is /));
      const untrusted = await run([bundlePath]);
      expect(untrusted.status).toBe(1);
      expect(untrusted.out).toContainEqual(expect.stringMatching(/^FAIL trust\.list: /));
    });

    it('prints the outcome as JSON', async () => {
      const result = await run([bundlePath, '--trust', trustPath, '--json']);
      expect(result.status).toBe(0);
      const outcome = JSON.parse(result.out.join('\n')) as { valid: boolean; checks: { name: string; ok: boolean }[] };
      expect(outcome.valid).toBe(true);
      expect(outcome.checks.every((check) => check.ok)).toBe(true);
    });

    it('exits 2 with the usage when it cannot run', async () => {
      expect(await run([])).toMatchObject({ status: 2, err: [expect.stringMatching(/^BUNDLE: .*\nusage: verify BUNDLE/)] });
      expect(await run([bundlePath, '--trust'])).toMatchObject({ status: 2 });
      expect(await run([join(folder, 'missing.pb')])).toMatchObject({ status: 2, err: [expect.stringMatching(/^verify: .*missing\.pb/)] });
      expect(await run([documentPath])).toMatchObject({ status: 2, err: [expect.stringMatching(/not a ProofBundle/)] });
    });
  });
});
