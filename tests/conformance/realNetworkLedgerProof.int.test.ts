/**
 * A ledger proof assembled from a real Hyperledger Fabric 2.5 network (three Raft orderers,
 * three organisations' peers) verifies with the same verifier as the embedded network's, and a
 * tampered one fails: Fabric's own block hashing, orderer signatures, endorsements and commit
 * metadata are what the verifier checks.
 *
 * With Fabric's binaries in `FABRIC_BIN` or on PATH the test starts a network of its own with the
 * network scripts (temporary folder, ports offset by 33000 so it can run beside
 * `realNetwork.int.test.ts`), each organisation's peer witnesses the commit through its own
 * endpoint, and everything is removed at the end. Else it prints one line and skips.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Client } from '@grpc/grpc-js';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { readConnectionProfile } from '@suitrust/network';
import { suitrust } from '@suitrust/proto';
import { BUNDLE_VERSION, verifyBundle, verifyLedgerProof } from '@suitrust/verifier';
import { loadSuite } from '@suitrust/crypto';
import { assembleLedgerProof, connectPeerWitness, profileNetworkProofs, readOrganisationCertificates, receiptSigner, transactionClaim, trustAnchorsFor, type ConnectedWitness } from '@suitrust/gateway';
import type { ConnectionProfile } from '@suitrust/network';
import { gatewayAs, grpcClient } from '../shared/profileClient';
import { findFabricBinaries, startFabricNetwork, type StartedFabricNetwork } from './fabricNetwork';

const START_TIMEOUT_MS = 600_000;
const PORT_OFFSET = 33000;
/** The organisations and their peers' listen ports before the offset, as `network/scripts/envVar.sh` lists them. */
const ORGANISATIONS = [
  { mspId: 'DataBureauMSP', domain: 'databureau.suitrust.local', port: 7051 },
  { mspId: 'MarketRegulationMSP', domain: 'market.suitrust.local', port: 8051 },
  { mspId: 'InternetCourtMSP', domain: 'court.suitrust.local', port: 9051 },
] as const;
const ORDERER = { mspId: 'OrdererMSP', domain: 'suitrust.local' } as const;

const fabricBin = findFabricBinaries();
if (!fabricBin) console.log('real Fabric ledger-proof test skipped: no Fabric binaries (set FABRIC_BIN)');

describe.skipIf(!fabricBin)('ledger proofs from a real Fabric 2.5 network', () => {
  let network: StartedFabricNetwork | undefined;
  let client: Client;
  let judge: Gateway;
  let witnesses: ConnectedWitness[] = [];
  let proof: suitrust.proofs.v1.LedgerProof;
  let trust: suitrust.proofs.v1.TrustAnchors;
  let digest: string;
  let profile: ConnectionProfile;

  beforeAll(async () => {
    network = await startFabricNetwork({ fabricBin: fabricBin as string, endorsement: 'majority', portOffset: String(PORT_OFFSET) });
    profile = await readConnectionProfile(network.profilePath);
    const organizations = join(network.home, 'material', 'organizations');
    client = grpcClient(profile);
    judge = gatewayAs(profile, client, 'judge');
    const channel = judge.getNetwork(profile.channel);
    const evidence = channel.getContract(profile.chaincode, 'evidence');
    digest = Buffer.from(`real-network proof ${network.home}`).toString('hex').padEnd(64, '0').slice(0, 64);
    const commit = await evidence.submitAsync('notarise', { arguments: [JSON.stringify({ algorithm: 'sm3', digest })] });
    expect((await commit.getStatus()).successful).toBe(true);
    await evidence.submitTransaction('notarise', JSON.stringify({ algorithm: 'sm3', digest: `${digest.slice(0, 63)}${digest.endsWith('f') ? 'e' : 'f'}` }));

    witnesses = await Promise.all(
      ORGANISATIONS.map((organisation) => {
        const peerDirectory = join(organizations, 'peerOrganizations', organisation.domain, 'peers', `peer0.${organisation.domain}`);
        return connectPeerWitness({
          mspId: organisation.mspId,
          mspDirectory: join(peerDirectory, 'msp'),
          endpoint: `localhost:${organisation.port + PORT_OFFSET}`,
          tlsRootCertPath: join(peerDirectory, 'tls', 'ca.crt'),
          hostnameOverride: `peer0.${organisation.domain}`,
          channel: profile.channel,
        });
      }),
    );
    trust = trustAnchorsFor({
      application: await Promise.all(ORGANISATIONS.map((organisation) => readOrganisationCertificates(organisation.mspId, join(organizations, 'peerOrganizations', organisation.domain, 'msp')))),
      orderer: [await readOrganisationCertificates(ORDERER.mspId, join(organizations, 'ordererOrganizations', ORDERER.domain, 'msp'))],
      endorsementPolicy: 'majority',
    });
    proof = await assembleLedgerProof({ network: channel, txId: commit.getTransactionId(), witnesses: witnesses.map((connected) => connected.witness) });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    for (const connected of witnesses) connected.close();
    judge?.close();
    client?.close();
    await network?.clean(process.env.SUITRUST_FABRIC_KEEP === '1');
  }, 120_000);

  it('verifies, every check passing', () => {
    const outcome = verifyLedgerProof(proof, trust);
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(outcome.valid).toBe(true);
    expect(proof.headerChain.length).toBeGreaterThanOrEqual(1);
    expect(outcome.checks.filter((check) => /^endorsement\[\d+\]\.signature$/.test(check.name)).length).toBeGreaterThanOrEqual(2);
  });

  it('makes a proof bundle a verifier accepts offline, and catches its tampering', async () => {
    // The bundle as the gateway makes it: the claim from the transaction's event batch, the
    // ledger proof, the trust anchors with a receipt key, and the receipt over the rest.
    const suite = await loadSuite('sm');
    const receipts = receiptSigner(suite.generateKeyPair().privateKey, suite);
    const trustList = suitrust.proofs.v1.TrustAnchors.create({ ...trust, receiptKeys: [receipts.key] });
    const bundle = suitrust.proofs.v1.ProofBundle.create({ version: BUNDLE_VERSION, claim: transactionClaim(proof, { recordId: `sm3:${digest}` }), ledger: proof, trust: trustList });
    bundle.receipt = receipts.sign({ requestId: 'real-network-bundle', txId: proof.txId, body: suitrust.proofs.v1.ProofBundle.encode(bundle).finish(), issuedAt: new Date() });
    const bytes = suitrust.proofs.v1.ProofBundle.encode(bundle).finish();

    const outcome = verifyBundle(bytes, { trust: trustList });
    expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
    expect(outcome.valid).toBe(true);
    expect(outcome.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['trust.list', 'ledger.attestation.threshold', 'claim.transaction', 'receipt.signature']));

    const tampered = suitrust.proofs.v1.ProofBundle.decode(bytes);
    tampered.claim!.recordId = `sm3:${'0'.repeat(64)}`;
    const rejected = verifyBundle(tampered, { trust: trustList });
    expect(rejected.valid).toBe(false);
    expect(rejected.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(expect.arrayContaining(['receipt.digest']));
  });

  it('is served by configuration alone: the profile names the witnesses and the trust anchors, as `npm start -- --profile` uses them', async () => {
    const proofs = await profileNetworkProofs(profile, profile.identities.find((identity) => identity.role === 'auditor')?.name ?? '', 'majority');
    if (!proofs) throw new Error('the real network\'s profile lists no organisations');
    try {
      const fromProfile = await proofs.source.prove(proof.txId);
      const outcome = verifyLedgerProof(fromProfile, proofs.channelTrust);
      expect(outcome.checks.filter((check) => !check.ok)).toEqual([]);
      expect(fromProfile.attestation?.peerSignatures).toHaveLength(ORGANISATIONS.length);
      expect(proofs.channelTrust.certificates.map((certificate) => certificate.mspId).sort()).toEqual([...ORGANISATIONS.map((organisation) => organisation.mspId), ORDERER.mspId].sort());
    } finally {
      proofs.source.close();
    }
  });

  it('fails a tampered proof with the check that names it', () => {
    const copy = suitrust.proofs.v1.LedgerProof.decode(suitrust.proofs.v1.LedgerProof.encode(proof).finish());
    const { blockHeader, attestation } = copy;
    if (!blockHeader?.dataHash || !attestation) throw new Error('the proof has no block header or attestation');
    blockHeader.dataHash[0] = (blockHeader.dataHash[0] as number) ^ 0x80;
    attestation.peerSignatures = attestation.peerSignatures?.slice(0, 1) ?? [];
    attestation.peerIdentities = attestation.peerIdentities?.slice(0, 1) ?? [];
    const outcome = verifyLedgerProof(copy, trust);
    expect(outcome.valid).toBe(false);
    const failedNames = outcome.checks.filter((check) => !check.ok).map((check) => check.name);
    expect(failedNames).toEqual(expect.arrayContaining(['block.dataHash', 'blockSignature.orderer', 'headerChain[0].previousHash', 'attestation.threshold']));
  });
});
