import { createHash, verify, X509Certificate } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority } from '../identity/certificateAuthority';
import type { FabricIdentity } from '../identity/fabricIdentity';
import { buildEndorsedTransaction } from './endorsedTransaction';
import { buildSignedProposal } from './proposal';
import { decodeTransactionEnvelope } from './transactionEnvelope';

const encoder = new TextEncoder();
let client: FabricIdentity;
let peer0: FabricIdentity;
let peer1: FabricIdentity;

beforeAll(async () => {
  const ca = await CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example.com' });
  client = await ca.enrol({ commonName: 'alice', nodeOu: 'client' });
  peer0 = await ca.enrol({ commonName: 'peer0', nodeOu: 'peer' });
  peer1 = await ca.enrol({ commonName: 'peer1', nodeOu: 'peer' });
});

function signedProposal(): ReturnType<typeof buildSignedProposal> {
  return buildSignedProposal({ identity: client, channelId: 'suitrust', chaincodeName: 'suitrust', args: ['f'], timestamp: { seconds: 1, nanos: 0 } });
}

const results = { namespace: 'suitrust', reads: new Map(), ranges: [], writes: new Map([['k', encoder.encode('v')]]) };

describe('endorsed transaction assembly', () => {
  it("carries the proposal's transaction id and header, and decodes", () => {
    const proposal = signedProposal();
    const built = buildEndorsedTransaction({ signedProposal: proposal.signedProposal, chaincodeId: { name: 'suitrust', version: '1' }, results, response: { status: 200 }, endorsers: [peer0], submitter: client });
    expect(built.txId).toBe(proposal.txId);
    const tx = decodeTransactionEnvelope(built.envelope);
    if (!tx.ok) throw new Error(tx.reason);
    const header = common.Header.deserializeBinary(peer.Proposal.deserializeBinary(proposal.signedProposal.getProposalBytes_asU8()).getHeader_asU8());
    expect(Buffer.from(tx.channelHeaderBytes)).toEqual(Buffer.from(header.getChannelHeader_asU8()));
    expect(Buffer.from(tx.signatureHeaderBytes)).toEqual(Buffer.from(header.getSignatureHeader_asU8()));
  });

  it('has each endorser sign the proposal response payload followed by its identity, and the submitter sign the payload', () => {
    const built = buildEndorsedTransaction({ signedProposal: signedProposal().signedProposal, chaincodeId: { name: 'suitrust', version: '1' }, results, response: { status: 200 }, endorsers: [peer0, peer1], submitter: client });
    const [first, second] = built.endorsements;
    for (const [endorsement, identity] of [[first!, peer0], [second!, peer1]] as const) {
      const key = new X509Certificate(identity.certificatePem).publicKey;
      expect(verify('sha256', Buffer.concat([built.proposalResponsePayload, endorsement.endorser]), { key, dsaEncoding: 'der' }, endorsement.signature)).toBe(true);
    }
    const envelope = common.Envelope.deserializeBinary(built.envelope);
    const clientKey = new X509Certificate(client.certificatePem).publicKey;
    expect(verify('sha256', envelope.getPayload_asU8(), { key: clientKey, dsaEncoding: 'der' }, envelope.getSignature_asU8())).toBe(true);
  });

  it('lets an identity endorse once, and leaves the envelope unsigned without a submitter', () => {
    const built = buildEndorsedTransaction({ signedProposal: signedProposal().signedProposal, chaincodeId: { name: 'suitrust', version: '1' }, results, response: { status: 200 }, endorsers: [peer0, peer0] });
    expect(built.endorsements).toHaveLength(1);
    expect(common.Envelope.deserializeBinary(built.envelope).getSignature_asU8()).toHaveLength(0);
  });

  it('drops the transient map from the payload written to the ledger and hashes the proposal without it', () => {
    const { signedProposal: original } = signedProposal();
    const proposal = peer.Proposal.deserializeBinary(original.getProposalBytes_asU8());
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    payload.getTransientmapMap().set('secret', encoder.encode('private'));
    proposal.setPayload(payload.serializeBinary());
    const withTransient = new peer.SignedProposal();
    withTransient.setProposalBytes(proposal.serializeBinary());
    withTransient.setSignature(client.sign(withTransient.getProposalBytes_asU8()));
    const built = buildEndorsedTransaction({ signedProposal: withTransient, chaincodeId: { name: 'suitrust', version: '1' }, results, response: { status: 200 }, endorsers: [peer0] });
    const tx = decodeTransactionEnvelope(built.envelope);
    if (!tx.ok) throw new Error(tx.reason);
    const carried = peer.ChaincodeProposalPayload.deserializeBinary(tx.endorserTransaction.chaincodeProposalPayload);
    expect(carried.getTransientmapMap().getLength()).toBe(0);
    expect(Buffer.from(built.envelope).includes(Buffer.from('private'))).toBe(false);
    const hash = createHash('sha256').update(tx.channelHeaderBytes).update(tx.signatureHeaderBytes).update(tx.endorserTransaction.chaincodeProposalPayload).digest();
    expect(Buffer.from(peer.ProposalResponsePayload.deserializeBinary(built.proposalResponsePayload).getProposalHash_asU8())).toEqual(hash);
  });

  it('requires an endorser', () => {
    expect(() => buildEndorsedTransaction({ signedProposal: signedProposal().signedProposal, chaincodeId: { name: 'suitrust', version: '1' }, results, response: { status: 200 }, endorsers: [] })).toThrow(/endorser/);
  });
});
