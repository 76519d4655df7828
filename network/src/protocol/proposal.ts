/**
 * Builds signed chaincode proposals as the fabric-gateway client does: a channel header with the
 * transaction's timestamp, a signature header with the creator and a random nonce, the
 * transaction id hex(SHA-256(nonce ‖ creator)), and a ChaincodeInvocationSpec payload.
 */
import { createHash, randomBytes } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { FabricIdentity } from '../identity/fabricIdentity';

/** What to propose. */
export interface ProposalRequest {
  readonly identity: FabricIdentity;
  readonly channelId: string;
  readonly chaincodeName: string;
  /** The function name (`contract:function`) and its arguments. */
  readonly args: readonly (string | Uint8Array)[];
  /** The proposal's timestamp, which the chaincode reads as the transaction time. */
  readonly timestamp: { readonly seconds: number; readonly nanos: number };
  /** Defaults to 24 random bytes, as the client draws it. */
  readonly nonce?: Uint8Array;
}

/** A signed proposal and what the peer derives from it. */
export interface SignedProposalParts {
  readonly txId: string;
  readonly signedProposal: peer.SignedProposal;
  readonly input: peer.ChaincodeInput;
}

/** Builds and signs a proposal. */
export function buildSignedProposal(request: Readonly<ProposalRequest>): SignedProposalParts {
  const nonce = request.nonce ?? randomBytes(24);
  const creator = request.identity.serialize();
  const txId = createHash('sha256').update(nonce).update(creator).digest('hex');

  const timestamp = new Timestamp();
  timestamp.setSeconds(request.timestamp.seconds);
  timestamp.setNanos(request.timestamp.nanos);
  const extension = new peer.ChaincodeHeaderExtension();
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(request.chaincodeName);
  extension.setChaincodeId(chaincodeId);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(request.channelId);
  channelHeader.setTxId(txId);
  channelHeader.setTimestamp(timestamp);
  channelHeader.setExtension$(extension.serializeBinary());
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creator);
  signatureHeader.setNonce(nonce);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());

  const input = new peer.ChaincodeInput();
  input.setArgsList(request.args.map((arg) => (typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg)));
  const spec = new peer.ChaincodeSpec();
  spec.setType(peer.ChaincodeSpec.Type.NODE);
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const proposalBytes = proposal.serializeBinary();
  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposalBytes);
  signedProposal.setSignature(request.identity.sign(proposalBytes));
  return { txId, signedProposal, input };
}
