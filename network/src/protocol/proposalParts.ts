/**
 * Unpacks a signed chaincode proposal as a Fabric peer does before endorsing it
 * (Fabric 2.5 core/endorser/msgvalidation.go UnpackProposal, protoutil/proputils.go).
 */
import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';

/** A proposal's parts, as the endorser and the transaction assembly need them. */
export interface ProposalParts {
  readonly proposalBytes: Uint8Array;
  readonly signature: Uint8Array;
  readonly header: common.Header;
  readonly channelHeader: common.ChannelHeader;
  readonly signatureHeader: common.SignatureHeader;
  readonly channelId: string;
  readonly txId: string;
  readonly creator: Uint8Array;
  readonly nonce: Uint8Array;
  /** The proposal timestamp in ms since the epoch: the transaction time the chaincode reads. */
  readonly timestampMs: number;
  readonly chaincodeName: string;
  readonly input: peer.ChaincodeInput;
  /** The ChaincodeProposalPayload without its transient map, as it goes into the transaction. */
  readonly payloadForTransaction: Uint8Array;
  /** SHA-256(channel header ‖ signature header ‖ payload for transaction): protoutil.GetProposalHash1. */
  readonly proposalHash: Uint8Array;
}

/** A proposal's parts, or why it could not be unpacked. */
export type ProposalPartsResult = { readonly ok: true; readonly parts: ProposalParts } | { readonly ok: false; readonly reason: string };

/** Unpacks a signed proposal and checks that its transaction id is hex(SHA-256(nonce ‖ creator)). */
export function unpackProposal(signedProposal: peer.SignedProposal): ProposalPartsResult {
  try {
    const proposalBytes = signedProposal.getProposalBytes_asU8();
    if (proposalBytes.length === 0) return { ok: false, reason: 'a signed proposal is required' };
    const proposal = peer.Proposal.deserializeBinary(proposalBytes);
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
      return { ok: false, reason: `invalid header type ${channelHeader.getType()}` };
    }
    const channelId = channelHeader.getChannelId();
    if (channelId === '') return { ok: false, reason: 'no channel id provided' };
    const extension = peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8());
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
    const spec = invocation.getChaincodeSpec();
    const chaincodeName = spec?.getChaincodeId()?.getName() || extension.getChaincodeId()?.getName() || '';
    if (!spec) return { ok: false, reason: `no chaincode spec is provided, channel id [${channelId}]` };
    if (chaincodeName === '') return { ok: false, reason: `no chaincode name is provided, channel id [${channelId}]` };
    const input = spec.getInput() ?? new peer.ChaincodeInput();

    const creator = signatureHeader.getCreator_asU8();
    const nonce = signatureHeader.getNonce_asU8();
    const txId = createHash('sha256').update(nonce).update(creator).digest('hex');
    if (txId !== channelHeader.getTxId()) {
      return { ok: false, reason: `incorrectly computed txid '${channelHeader.getTxId()}' -- expected '${txId}'` };
    }
    const forTransaction = new peer.ChaincodeProposalPayload();
    forTransaction.setInput(payload.getInput_asU8());
    const payloadForTransaction = forTransaction.serializeBinary();
    const proposalHash = createHash('sha256')
      .update(header.getChannelHeader_asU8())
      .update(header.getSignatureHeader_asU8())
      .update(payloadForTransaction)
      .digest();
    const timestamp = channelHeader.getTimestamp();
    const timestampMs = timestamp ? timestamp.getSeconds() * 1000 + Math.floor(timestamp.getNanos() / 1_000_000) : 0;
    return {
      ok: true,
      parts: {
        proposalBytes,
        signature: signedProposal.getSignature_asU8(),
        header,
        channelHeader,
        signatureHeader,
        channelId,
        txId,
        creator,
        nonce,
        timestampMs,
        chaincodeName,
        input,
        payloadForTransaction,
        proposalHash,
      },
    };
  } catch (error) {
    return { ok: false, reason: `failed to unpack transaction proposal: ${error instanceof Error ? error.message : String(error)}` };
  }
}
