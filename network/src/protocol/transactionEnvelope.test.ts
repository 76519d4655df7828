import { common, ledger, peer } from '@hyperledger/fabric-protos';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority, type EnrolledIdentity } from '../identity/certificateAuthority';
import type { ReadWriteSet } from '../ledger/txSimulator';
import { buildEndorsedTransaction, type EndorsedTransactionRequest } from './endorsedTransaction';
import { buildSignedProposal } from './proposal';
import { decodeEndorserTransaction, decodeEnvelopeHeader, decodeTransactionEnvelope } from './transactionEnvelope';

const CODE = peer.TxValidationCode;
const encoder = new TextEncoder();

let client: EnrolledIdentity;
let endorser: EnrolledIdentity;

beforeAll(async () => {
  const ca = await CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example.com' });
  client = await ca.enrol({ commonName: 'alice', nodeOu: 'client' });
  endorser = await ca.enrol({ commonName: 'peer0', nodeOu: 'peer' });
});

const readWriteSet: ReadWriteSet = {
  namespace: 'suitrust',
  reads: new Map([['asset1', { blockNum: 4, txNum: 2 }]]),
  ranges: [],
  writes: new Map([['asset1', encoder.encode('{"owner":"bob"}')]]),
};

/** A signed proposal, its channel and signature headers edited before signing. */
function proposal(edit?: (channelHeader: common.ChannelHeader, signatureHeader: common.SignatureHeader) => void): peer.SignedProposal {
  const { signedProposal } = buildSignedProposal({
    identity: client,
    channelId: 'suitrust',
    chaincodeName: 'suitrust',
    args: ['AssetContract:transfer', 'asset1', 'bob'],
    timestamp: { seconds: 1_780_000_000, nanos: 123 },
  });
  if (edit === undefined) return signedProposal;
  const original = peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8());
  const header = common.Header.deserializeBinary(original.getHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  edit(channelHeader, signatureHeader);
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  original.setHeader(header.serializeBinary());
  const edited = new peer.SignedProposal();
  edited.setProposalBytes(original.serializeBinary());
  edited.setSignature(client.sign(edited.getProposalBytes_asU8()));
  return edited;
}

function envelope(overrides: Partial<EndorsedTransactionRequest> = {}): Uint8Array {
  return buildEndorsedTransaction({
    signedProposal: proposal(),
    chaincodeId: { name: 'suitrust', version: '1.0' },
    results: readWriteSet,
    event: { eventName: 'Transferred', payload: encoder.encode('event') },
    response: { status: 200, message: 'OK', payload: encoder.encode('done') },
    endorsers: [endorser],
    submitter: client,
    ...overrides,
  }).envelope;
}

interface Edits {
  action?: (action: peer.ChaincodeAction) => void;
  responsePayload?: (responsePayload: peer.ProposalResponsePayload) => void;
  actionPayload?: (actionPayload: peer.ChaincodeActionPayload) => void;
  transaction?: (transaction: peer.Transaction) => void;
}

/** Edits the layers of an endorsed transaction from the inside out, re-serialising each. */
function rewrite(bytes: Uint8Array, edits: Edits): Uint8Array {
  const env = common.Envelope.deserializeBinary(bytes);
  const payload = common.Payload.deserializeBinary(env.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const transactionAction = transaction.getActionsList()[0]!;
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(transactionAction.getPayload_asU8());
  const endorsed = actionPayload.getAction()!;
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  const action = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
  edits.action?.(action);
  responsePayload.setExtension$(action.serializeBinary());
  edits.responsePayload?.(responsePayload);
  endorsed.setProposalResponsePayload(responsePayload.serializeBinary());
  edits.actionPayload?.(actionPayload);
  transactionAction.setPayload(actionPayload.serializeBinary());
  edits.transaction?.(transaction);
  payload.setData(transaction.serializeBinary());
  env.setPayload(payload.serializeBinary());
  return env.serializeBinary();
}

function envelopeOf(payload: Uint8Array | common.Payload): Uint8Array {
  const env = new common.Envelope();
  env.setPayload(payload instanceof Uint8Array ? payload : payload.serializeBinary());
  env.setSignature(Uint8Array.of(1));
  return env.serializeBinary();
}

describe('transaction envelope decoding', () => {
  it('decodes every part of an endorsed transaction', () => {
    const built = buildEndorsedTransaction({
      signedProposal: proposal(),
      chaincodeId: { name: 'suitrust', version: '1.0' },
      results: readWriteSet,
      event: { eventName: 'Transferred', payload: encoder.encode('event') },
      response: { status: 200, message: 'OK', payload: encoder.encode('done') },
      endorsers: [endorser],
      submitter: client,
    });
    const tx = decodeTransactionEnvelope(built.envelope);
    if (!tx.ok) throw new Error(tx.reason);
    expect(tx.channelHeader).toMatchObject({ type: common.HeaderType.ENDORSER_TRANSACTION, channelId: 'suitrust', txId: built.txId, epoch: 0, timestamp: { seconds: 1_780_000_000, nanos: 123 } });
    expect(Buffer.from(tx.signatureHeader.creator)).toEqual(Buffer.from(client.serialize()));
    expect(tx.signatureHeader.nonce).toHaveLength(24);
    expect(Buffer.from(tx.payload)).toEqual(Buffer.from(built.payload));
    expect(tx.signature.length).toBeGreaterThan(0);
    const { endorserTransaction } = tx;
    expect(endorserTransaction.chaincodeName).toBe('suitrust');
    expect(Buffer.from(endorserTransaction.proposalResponsePayload)).toEqual(Buffer.from(built.proposalResponsePayload));
    expect(endorserTransaction.endorsements.map((e) => Buffer.from(e.endorser))).toEqual([Buffer.from(endorser.serialize())]);
    expect(endorserTransaction.action.chaincodeId).toEqual({ name: 'suitrust', version: '1.0', path: '' });
    expect(endorserTransaction.action.response).toEqual({ status: 200, message: 'OK', payload: encoder.encode('done') });
    expect(endorserTransaction.action.event).toEqual({ chaincodeId: 'suitrust', txId: built.txId, eventName: 'Transferred', payload: encoder.encode('event') });
    expect(endorserTransaction.action.readWriteSets).toHaveLength(1);
    expect(endorserTransaction.action.readWriteSets[0]!.writes).toEqual(readWriteSet.writes);
    expect(endorserTransaction.action.readWriteSets[0]!.reads).toEqual(readWriteSet.reads);
  });

  it('refuses an envelope that does not parse with INVALID_OTHER_REASON', () => {
    expect(decodeTransactionEnvelope(Uint8Array.of(0xff, 0xff))).toMatchObject({ ok: false, code: CODE.INVALID_OTHER_REASON });
  });

  it('refuses a payload that does not parse with BAD_PAYLOAD', () => {
    expect(decodeTransactionEnvelope(envelopeOf(Uint8Array.of(0x0a, 0x09, 0x01)))).toMatchObject({ ok: false, code: CODE.BAD_PAYLOAD });
  });

  it('refuses a missing or invalid header with BAD_COMMON_HEADER', () => {
    expect(decodeTransactionEnvelope(envelopeOf(new common.Payload()))).toMatchObject({ ok: false, code: CODE.BAD_COMMON_HEADER, reason: 'payload has no header' });
    expect(decodeTransactionEnvelope(new Uint8Array())).toMatchObject({ ok: false, code: CODE.BAD_COMMON_HEADER });
    const cases: [string, (ch: common.ChannelHeader, sh: common.SignatureHeader) => void][] = [
      ['invalid header type', (ch) => ch.setType(common.HeaderType.MESSAGE)],
      ['invalid header type', (ch) => ch.setType(common.HeaderType.ORDERER_TRANSACTION)],
      ['epoch', (ch) => ch.setEpoch(1)],
      ['no nonce', (_ch, sh) => sh.setNonce(new Uint8Array())],
      ['no creator', (_ch, sh) => sh.setCreator(new Uint8Array())],
    ];
    for (const [reason, edit] of cases) {
      expect(decodeTransactionEnvelope(envelope({ signedProposal: proposal(edit) }))).toMatchObject({ ok: false, code: CODE.BAD_COMMON_HEADER, reason: expect.stringContaining(reason) });
    }
    const header = new common.Header();
    header.setChannelHeader(Uint8Array.of(0xff, 0xff));
    const payload = new common.Payload();
    payload.setHeader(header);
    expect(decodeTransactionEnvelope(envelopeOf(payload))).toMatchObject({ ok: false, code: CODE.BAD_COMMON_HEADER, reason: expect.stringContaining('channel header') });
  });

  it('leaves a config update to the caller at the header stage and refuses it as an endorser transaction', () => {
    const bytes = envelope({ signedProposal: proposal((ch) => ch.setType(common.HeaderType.CONFIG_UPDATE)) });
    const header = decodeEnvelopeHeader(bytes);
    if (!header.ok) throw new Error(header.reason);
    expect(decodeEndorserTransaction(header)).toMatchObject({ ok: false, code: CODE.UNSUPPORTED_TX_PAYLOAD });
  });

  it('refuses a malformed endorser transaction with INVALID_ENDORSER_TRANSACTION', () => {
    const bytes = envelope();
    const invalid = (edits: Edits, reason: string): void => {
      expect(decodeTransactionEnvelope(rewrite(bytes, edits))).toMatchObject({ ok: false, code: CODE.INVALID_ENDORSER_TRANSACTION, reason: expect.stringContaining(reason) });
    };
    invalid({ transaction: (tx) => tx.setActionsList([...tx.getActionsList(), ...tx.getActionsList()]) }, 'only one action');
    invalid({ transaction: (tx) => tx.setActionsList([]) }, 'only one action');
    invalid({ responsePayload: (prp) => prp.setProposalHash(new Uint8Array(32)) }, 'proposal hash does not match');
    invalid({ actionPayload: (cap) => cap.setChaincodeProposalPayload(encoder.encode('other input')) }, 'proposal hash does not match');
    invalid({ actionPayload: (cap) => cap.setChaincodeProposalPayload(new Uint8Array()) }, 'no chaincode proposal payload');
    invalid({ actionPayload: (cap) => cap.clearAction() }, 'no endorsed action');
    invalid({ transaction: (tx) => tx.getActionsList()[0]!.setHeader(Uint8Array.of(0xff, 0xff)) }, 'signature header does not parse');
    invalid(
      {
        transaction: (tx) => {
          const header = common.SignatureHeader.deserializeBinary(tx.getActionsList()[0]!.getHeader_asU8());
          header.setNonce(new Uint8Array());
          tx.getActionsList()[0]!.setHeader(header.serializeBinary());
        },
      },
      'no nonce',
    );
  });

  it("refuses a header extension that does not parse with BAD_HEADER_EXTENSION", () => {
    const bytes = envelope({ signedProposal: proposal((ch) => ch.setExtension$(Uint8Array.of(0xff, 0xff))) });
    expect(decodeTransactionEnvelope(bytes)).toMatchObject({ ok: false, code: CODE.BAD_HEADER_EXTENSION });
  });

  it('refuses a missing or malformed chaincode action with BAD_RESPONSE_PAYLOAD', () => {
    const bytes = envelope();
    expect(decodeTransactionEnvelope(rewrite(bytes, { responsePayload: (prp) => prp.setExtension$(new Uint8Array()) }))).toMatchObject({ ok: false, code: CODE.BAD_RESPONSE_PAYLOAD });
    expect(decodeTransactionEnvelope(rewrite(bytes, { responsePayload: (prp) => prp.setExtension$(Uint8Array.of(0xff, 0xff)) }))).toMatchObject({ ok: false, code: CODE.BAD_RESPONSE_PAYLOAD });
  });

  it('refuses results that are not a read-write set with BAD_RWSET', () => {
    expect(decodeTransactionEnvelope(envelope({ results: Uint8Array.of(0x0a, 0x7f) }))).toMatchObject({ ok: false, code: CODE.BAD_RWSET });
  });

  it('checks the header extension before the read-write set, as Fabric does', () => {
    const bytes = envelope({ signedProposal: proposal((ch) => ch.setExtension$(Uint8Array.of(0xff))), results: Uint8Array.of(0x0a, 0x7f) });
    expect(decodeTransactionEnvelope(bytes)).toMatchObject({ ok: false, code: CODE.BAD_HEADER_EXTENSION });
  });

  it('refuses missing chaincode ids and a foreign event with INVALID_OTHER_REASON', () => {
    const noHeaderId = envelope({ signedProposal: proposal((ch) => ch.setExtension$(new peer.ChaincodeHeaderExtension().serializeBinary())) });
    expect(decodeTransactionEnvelope(noHeaderId)).toMatchObject({ ok: false, code: CODE.INVALID_OTHER_REASON, reason: expect.stringContaining('header extension') });
    const bytes = envelope();
    expect(decodeTransactionEnvelope(rewrite(bytes, { action: (a) => a.clearChaincodeId() }))).toMatchObject({ ok: false, code: CODE.INVALID_OTHER_REASON, reason: expect.stringContaining('chaincode action') });
    const foreign = new peer.ChaincodeEvent();
    foreign.setChaincodeId('other');
    foreign.setEventName('Spoofed');
    expect(decodeTransactionEnvelope(rewrite(bytes, { action: (a) => a.setEvents(foreign.serializeBinary()) }))).toMatchObject({ ok: false, code: CODE.INVALID_OTHER_REASON, reason: expect.stringContaining('event') });
    expect(decodeTransactionEnvelope(rewrite(bytes, { action: (a) => a.setEvents(Uint8Array.of(0xff, 0xff)) }))).toMatchObject({ ok: false, code: CODE.INVALID_OTHER_REASON });
  });

  it('refuses inconsistent or unversioned chaincode ids with INVALID_CHAINCODE', () => {
    expect(decodeTransactionEnvelope(envelope({ chaincodeId: { name: 'other', version: '1.0' } }))).toMatchObject({ ok: false, code: CODE.INVALID_CHAINCODE, reason: expect.stringContaining('inconsistent') });
    expect(decodeTransactionEnvelope(envelope({ chaincodeId: { name: 'suitrust', version: '' } }))).toMatchObject({ ok: false, code: CODE.INVALID_CHAINCODE, reason: expect.stringContaining('version') });
    const unnamed = new peer.ChaincodeHeaderExtension();
    unnamed.setChaincodeId(new peer.ChaincodeID());
    expect(decodeTransactionEnvelope(envelope({ signedProposal: proposal((ch) => ch.setExtension$(unnamed.serializeBinary())) }))).toMatchObject({ ok: false, code: CODE.INVALID_CHAINCODE });
  });

  it('refuses a namespace twice with ILLEGAL_WRITESET', () => {
    const { rwset } = ledger;
    const ns = new rwset.NsReadWriteSet();
    ns.setNamespace('suitrust');
    const results = new rwset.TxReadWriteSet();
    results.setNsRwsetList([ns, ns]);
    expect(decodeTransactionEnvelope(envelope({ results: results.serializeBinary() }))).toMatchObject({ ok: false, code: CODE.ILLEGAL_WRITESET });
  });

  it('reads a transaction without event or response with zero values', () => {
    const bytes = rewrite(envelope({ event: undefined }), { action: (a) => a.clearResponse() });
    const tx = decodeTransactionEnvelope(bytes);
    if (!tx.ok) throw new Error(tx.reason);
    expect(tx.endorserTransaction.action.event).toBeUndefined();
    expect(tx.endorserTransaction.action.response).toEqual({ status: 0, message: '', payload: new Uint8Array() });
  });
});
