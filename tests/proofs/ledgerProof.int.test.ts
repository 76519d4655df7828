/**
 * Ledger proofs assembled from the embedded network through the stock fabric-gateway client
 * verify offline, and each tampered field is refused by the check that names it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate, createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Network } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { blockHeaderHash as networkHeaderHash, signatureToLowS } from '@suitrust/network';
import { p256 } from '@noble/curves/nist';
import { suitrust } from '@suitrust/proto';
import { blockHeaderHash, verifyLedgerProof, type Verification } from '@suitrust/verifier';
import { LedgerProofError, assembleLedgerProof } from '@suitrust/gateway';
import { startProofNetwork, type ProofNetwork } from './proofNetwork';

type LedgerProof = suitrust.proofs.v1.LedgerProof;
type TrustAnchors = suitrust.proofs.v1.TrustAnchors;

describe('ledger proofs from the embedded network', () => {
  let running: ProofNetwork;
  let network: Network;
  let trust: TrustAnchors;
  let proof: LedgerProof;
  let txId: string;

  beforeAll(async () => {
    running = await startProofNetwork();
    ({ network, trust } = running);
    const evidence = network.getContract(running.profile.chaincode, 'evidence');
    // Three transactions in one block, then two later blocks, so the proof has a header chain.
    const commits = await Promise.all([1, 2, 3].map((n) => evidence.submitAsync('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest: n.toString(16).padStart(2, '0').repeat(32) })] })));
    txId = (commits[1] ?? commits[0])!.getTransactionId();
    for (const commit of commits) expect((await commit.getStatus()).successful).toBe(true);
    for (const n of [4, 5]) await evidence.submitTransaction('notarise', JSON.stringify({ algorithm: 'sm3', digest: n.toString(16).padStart(2, '0').repeat(32) }));
    proof = await assembleLedgerProof({ network, txId, witnesses: running.witnesses });
  }, 120_000);

  afterAll(async () => {
    await running?.close();
  });

  it('verifies, every check passing', () => {
    const outcome = verifyLedgerProof(proof, trust);
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(outcome.valid).toBe(true);
    expect(proof.headerChain.length).toBeGreaterThanOrEqual(2);
    const names = outcome.checks.map((check) => check.name);
    for (const name of ['trust.anchors', 'transaction.txId', 'transaction.creatorCertificate', 'transaction.creatorSignature', 'endorsement[0].signature', 'endorsement.policy', 'block.txIndex', 'block.dataHash', 'blockSignature.orderer', 'headerChain[1].previousHash', 'lastBlockSignature.orderer', 'attestation.validationCode', 'attestation.signature[2]', 'attestation.threshold']) {
      expect(names).toContain(name);
    }
  });

  it('hashes headers as the embedded peer does, and survives its protobuf round trip', () => {
    const header = { number: Number(proof.blockHeader?.number), previousHash: proof.blockHeader!.previousHash, dataHash: proof.blockHeader!.dataHash };
    expect(blockHeaderHash(header)).toEqual(networkHeaderHash(header));
    const decoded = suitrust.proofs.v1.LedgerProof.decode(suitrust.proofs.v1.LedgerProof.encode(proof).finish());
    expect(verifyLedgerProof(decoded, suitrust.proofs.v1.TrustAnchors.decode(suitrust.proofs.v1.TrustAnchors.encode(trust).finish())).valid).toBe(true);
  });

  it('ends the header chain at a chosen block', async () => {
    const short = await assembleLedgerProof({ network, txId, upToBlock: Number(proof.blockHeader?.number) + 1, witnesses: running.witnesses });
    expect(short.headerChain).toHaveLength(1);
    expect(verifyLedgerProof(short, trust).valid).toBe(true);
  });

  it('proves a transaction the peers committed as invalid, and fails it on the attested validation code alone', async () => {
    const evidence = network.getContract(running.profile.chaincode, 'evidence');
    // Both are endorsed before either commits, so the second reads a stale version: MVCC_READ_CONFLICT.
    const args = { arguments: [JSON.stringify({ algorithm: 'sm3', digest: '0f'.repeat(32) })] };
    const endorsed = [await evidence.newProposal('notarise', args).endorse(), await evidence.newProposal('notarise', args).endorse()];
    const submitted = await Promise.all(endorsed.map((transaction) => transaction.submit()));
    const statuses = await Promise.all(submitted.map((transaction) => transaction.getStatus()));
    expect(statuses.map((status) => status.code).sort()).toEqual([peer.TxValidationCode.VALID, peer.TxValidationCode.MVCC_READ_CONFLICT].sort());
    const conflicted = submitted[statuses.findIndex((status) => !status.successful)]!;

    const outcome = verifyLedgerProof(await assembleLedgerProof({ network, txId: conflicted.getTransactionId(), witnesses: running.witnesses }), trust);
    expect(outcome.valid).toBe(false);
    expect(outcome.checks.filter((candidate) => !candidate.ok).map((candidate) => candidate.name)).toEqual(['attestation.validationCode']);
    expect(check(outcome, 'attestation.validationCode')).toMatchObject({ reason: expect.stringMatching(/validation code 11, not VALID/) });
  });

  it('has a witness refuse to sign for a block its peer does not hold', async () => {
    const witness = running.witnesses[0]!;
    const blockNumber = Number(proof.blockHeader?.number);
    await expect(witness.attest({ channelId: proof.channelId, blockNumber, blockHeaderHash: new Uint8Array(32) })).rejects.toMatchObject({ code: 'WITNESS_DISAGREES' });
    await expect(witness.attest({ channelId: 'another', blockNumber, blockHeaderHash: proof.attestation!.blockHeaderHash })).rejects.toMatchObject({ code: 'WITNESS_DISAGREES' });
  });

  it('refuses an unknown transaction and a block beyond the chain', async () => {
    await expect(assembleLedgerProof({ network, txId: 'ab'.repeat(32), witnesses: [] })).rejects.toMatchObject({ name: LedgerProofError.name, code: 'TRANSACTION_NOT_FOUND' });
    await expect(assembleLedgerProof({ network, txId, upToBlock: 10_000, witnesses: [] })).rejects.toMatchObject({ code: 'BLOCK_OUT_OF_RANGE' });
  });

  const tamperings: ReadonlyArray<{ what: string; fails: readonly string[]; holds?: readonly string[]; because?: RegExp; tamper: (copy: LedgerProof, anchors: TrustAnchors) => void }> = [
    { what: 'an envelope byte', fails: ['block.txIndex', 'transaction.creatorSignature'], tamper: (copy) => flipLast(copy.envelope) },
    { what: 'the tx index', fails: ['block.txIndex'], tamper: (copy) => (copy.txIndex = (copy.txIndex + 1) % copy.blockEnvelopes.length || 1) },
    { what: 'another envelope of the block', fails: ['block.dataHash'], holds: ['block.txIndex'], tamper: (copy) => copy.blockEnvelopes.push(copy.envelope) },
    { what: 'a header field', fails: ['blockSignature.orderer', 'headerChain[0].previousHash', 'attestation.block'], tamper: (copy) => flipLast(copy.blockHeader!.previousHash) },
    { what: 'a previous hash in the chain', fails: ['headerChain[1].previousHash'], holds: ['headerChain[0].previousHash'], tamper: (copy) => flipLast(copy.headerChain[1]!.previousHash) },
    { what: 'the data hash', fails: ['block.dataHash', 'blockSignature.orderer'], tamper: (copy) => flipLast(copy.blockHeader!.dataHash) },
    { what: 'an orderer signature', fails: ['blockSignature.orderer'], holds: ['lastBlockSignature.orderer'], tamper: (copy) => flipLast(copy.blockSignatures[0]!.signature) },
    { what: 'the last block\'s orderer signature', fails: ['lastBlockSignature.orderer'], holds: ['blockSignature.orderer'], tamper: (copy) => flipLast(copy.lastBlockSignatures[0]!.signature) },
    { what: 'an endorsement signature', fails: ['endorsement[0].signature', 'endorsement.policy'], holds: ['transaction.creatorSignature', 'endorsement[0].certificate'], tamper: (copy) => replaceTransaction(copy, (endorsed) => flipLast(endorsed.getEndorsementsList()[0]!.getSignature_asU8())) },
    { what: 'an endorsement signature in its high-S form', fails: ['endorsement[0].signature'], holds: ['transaction.creatorSignature'], because: /low S/, tamper: (copy) => replaceTransaction(copy, (endorsed) => {
      const endorsement = endorsed.getEndorsementsList()[0]!;
      endorsement.setSignature(highS(endorsement.getSignature_asU8()));
    }) },
    { what: 'the creator certificate', fails: ['transaction.creatorCertificate', 'transaction.creatorSignature'], because: /CA's signature/, tamper: (copy) => replaceEnvelope(copy, (envelope) => tamperCreatorCertificate(envelope)) },
    { what: 'a CA certificate absent from the trust anchors', fails: ['transaction.creatorCertificate'], because: /no trusted ca certificate for MSP/, tamper: (copy, anchors) => dropCa(anchors, creatorMspId(copy)) },
    { what: 'a filter code that is not VALID', fails: ['attestation.validationCode', 'attestation.signature[0]', 'attestation.threshold'], tamper: (copy) => (copy.attestation!.transactionsFilter[copy.txIndex] = peer.TxValidationCode.MVCC_READ_CONFLICT) },
    { what: 'an attestation signature', fails: ['attestation.signature[1]'], holds: ['attestation.signature[0]', 'attestation.threshold'], tamper: (copy) => flipLast(copy.attestation!.peerSignatures[1]!.signature!) },
    { what: 'an attestation signed by a client of an organisation, not its peer', fails: ['attestation.signature[2]'], holds: ['attestation.threshold'], because: /not a peer/, tamper: (copy) => signAttestationAsJudge(copy, 2) },
    { what: 'too few witnesses', fails: ['attestation.threshold'], tamper: (copy) => {
      copy.attestation!.peerSignatures.splice(1);
      copy.attestation!.peerIdentities.splice(1);
    } },
    { what: 'endorsements that do not meet the anchors\' policy', fails: ['endorsement.policy'], holds: ['endorsement[0].signature'], tamper: (_copy, anchors) => (anchors.endorsementPolicy = 'all') },
  ];

  it.each(tamperings)('refuses $what with the check that names it', ({ fails, holds, because, tamper }) => {
    const copy = suitrust.proofs.v1.LedgerProof.decode(suitrust.proofs.v1.LedgerProof.encode(proof).finish());
    const anchors = suitrust.proofs.v1.TrustAnchors.decode(suitrust.proofs.v1.TrustAnchors.encode(trust).finish());
    tamper(copy, anchors);
    const outcome = verifyLedgerProof(copy, anchors);
    expect(outcome.valid).toBe(false);
    for (const name of fails) expect(check(outcome, name), name).toMatchObject({ ok: false, reason: expect.any(String) });
    for (const name of holds ?? []) expect(check(outcome, name), name).toMatchObject({ ok: true });
    if (because) expect(check(outcome, fails[0] as string)).toMatchObject({ reason: expect.stringMatching(because) });
  });

  /** The judge (a client of the internet court) signs the same statement as the court's peer did. */
  function signAttestationAsJudge(copy: LedgerProof, index: number): void {
    const judge = running.profile.identities.find((identity) => identity.name.startsWith('judge@'))!;
    const certificatePem = readFileSync(judge.certPath, 'utf8');
    const identity = new msp.SerializedIdentity();
    identity.setMspid(judge.mspId);
    identity.setIdBytes(Buffer.from(certificatePem));
    const signed = copy.attestation!.peerSignatures[index]!;
    signed.signature = signatureToLowS(sign('sha256', signed.body!, createPrivateKey(readFileSync(judge.keyPath))), 'P-256');
    signed.keyId = createHash('sha256').update(new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' })).digest();
    copy.attestation!.peerIdentities[index] = identity.serializeBinary();
  }

  /** The creator re-signs after the endorsement is altered, so only the endorsement check can fail. */
  function replaceTransaction(copy: LedgerProof, alter: (endorsed: peer.ChaincodeEndorsedAction) => void): void {
    replaceEnvelope(copy, (envelope) => {
      const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
      const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
      const action = transaction.getActionsList()[0]!;
      const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
      const endorsed = actionPayload.getAction()!;
      alter(endorsed);
      actionPayload.setAction(endorsed);
      action.setPayload(actionPayload.serializeBinary());
      payload.setData(transaction.serializeBinary());
      envelope.setPayload(payload.serializeBinary());
      const judgeKey = running.profile.identities.find((identity) => identity.name.startsWith('judge@'))!.keyPath;
      envelope.setSignature(signatureToLowS(sign('sha256', envelope.getPayload_asU8(), createPrivateKey(readFileSync(judgeKey))), 'P-256'));
    });
  }
});

function check(outcome: Verification, name: string): Verification['checks'][number] | undefined {
  return outcome.checks.find((candidate) => candidate.name === name);
}

/** The other valid signature of the same message, (r, n − s), which Fabric refuses. */
function highS(der: Uint8Array): Uint8Array {
  const signature = p256.Signature.fromBytes(der, 'der');
  return new p256.Signature(signature.r, p256.CURVE.n - signature.s).toBytes('der');
}

function flipLast(bytes: Uint8Array): void {
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
}

/** Rewrites the transaction's envelope, in the proof and in the block. */
function replaceEnvelope(copy: LedgerProof, alter: (envelope: common.Envelope) => void): void {
  const envelope = common.Envelope.deserializeBinary(copy.envelope);
  alter(envelope);
  copy.envelope = envelope.serializeBinary();
  copy.blockEnvelopes[copy.txIndex] = copy.envelope;
}

/** Changes one character of the creator certificate's base64 body, so the CA's signature no longer covers it. */
function tamperCreatorCertificate(envelope: common.Envelope): void {
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const header = payload.getHeader()!;
  const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
  const pem = Buffer.from(creator.getIdBytes_asU8()).toString('utf8');
  const at = pem.indexOf('\n', 100) + 20;
  creator.setIdBytes(Buffer.from(`${pem.slice(0, at)}${pem[at] === 'A' ? 'B' : 'A'}${pem.slice(at + 1)}`));
  signatureHeader.setCreator(creator.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  payload.setHeader(header);
  envelope.setPayload(payload.serializeBinary());
}

function creatorMspId(copy: LedgerProof): string {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(copy.envelope).getPayload_asU8());
  return msp.SerializedIdentity.deserializeBinary(common.SignatureHeader.deserializeBinary(payload.getHeader()!.getSignatureHeader_asU8()).getCreator_asU8()).getMspid();
}

function dropCa(anchors: TrustAnchors, mspId: string): void {
  anchors.certificates = anchors.certificates.filter((certificate) => !(certificate.mspId === mspId && certificate.role === 'ca'));
}
