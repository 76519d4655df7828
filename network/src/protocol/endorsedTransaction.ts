/**
 * Assembles an endorsed transaction from a signed proposal and the chaincode's result, as Fabric
 * 2.5's endorsers and gateway do:
 *
 * - `protoutil/txutils.go` `CreateProposalResponse`: the proposal response payload holds
 *   SHA-256(channel header ‖ signature header ‖ proposal payload without its transient map)
 *   (`GetProposalHash1`) and the `peer.ChaincodeAction`; each endorser signs
 *   `proposal_response_payload ‖ its serialised identity`;
 * - `protoutil/txutils.go` `CreateSignedTx` / `CreateTx`: one `TransactionAction` whose header is
 *   the proposal's signature header and whose `ChaincodeActionPayload` carries the proposal
 *   payload without its transient map (`GetBytesProposalPayloadForTx`) and the endorsements (one
 *   per endorser identity), inside a `common.Payload` with the proposal's own header.
 *
 * The chaincode event gets the chaincode's name and the transaction id, as the peer's chaincode
 * handler fills them in.
 */
import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import type { FabricIdentity } from '../identity/fabricIdentity';
import type { ReadWriteSet } from '../ledger/txSimulator';
import { encodeReadWriteSet } from './readWriteSetCodec';
import { chaincodeEvent, chaincodeResponse, endorse, proposalResponsePayload } from './proposalResponse';
import { assembleTransaction } from './transactionAssembly';
import type { Endorsement } from './transactionEnvelope';

/** What the chaincode produced for a proposal, and who endorses it. */
export interface EndorsedTransactionRequest {
  readonly signedProposal: peer.SignedProposal;
  /** The chaincode's name (as in the proposal) and its definition's version. */
  readonly chaincodeId: { readonly name: string; readonly version: string };
  /** The read-write sets, or the `results` bytes already encoded. */
  readonly results: ReadWriteSet | readonly ReadWriteSet[] | Uint8Array;
  readonly event?: { readonly eventName: string; readonly payload: Uint8Array };
  readonly response: { readonly status: number; readonly message?: string; readonly payload?: Uint8Array };
  /** Identities that sign the proposal response; a repeated identity endorses once. */
  readonly endorsers: readonly Pick<FabricIdentity, 'serialize' | 'sign'>[];
  /**
   * Signs the envelope when given (it must be the proposal's creator). Without it the envelope
   * signature is empty, as a Gateway `Endorse` returns the prepared transaction for the client to sign.
   */
  readonly submitter?: Pick<FabricIdentity, 'sign'>;
}

/** An endorsed transaction and its parts. */
export interface EndorsedTransaction {
  readonly txId: string;
  /** The bytes the endorsers signed (each with its identity appended). */
  readonly proposalResponsePayload: Uint8Array;
  readonly endorsements: readonly Endorsement[];
  /** The `common.Payload` bytes, which the submitter signs. */
  readonly payload: Uint8Array;
  /** The serialised `common.Envelope`. */
  readonly envelope: Uint8Array;
}

/**
 * Builds the endorsed transaction envelope of a proposal.
 *
 * @param request - the signed proposal, the chaincode's result and the endorsers
 * @returns the envelope and its parts
 * @throws {Error} when the proposal's header or payload does not parse, or there is no endorser
 * @example
 * ```ts
 * const { signedProposal } = buildSignedProposal({ identity: alice, channelId, chaincodeName, args, timestamp });
 * const { envelope } = buildEndorsedTransaction({
 *   signedProposal, chaincodeId: { name: chaincodeName, version: '1' }, results: simulator.readWriteSet(),
 *   response: { status: 200 }, endorsers: [peerIdentity], submitter: alice,
 * });
 * ```
 */
export function buildEndorsedTransaction(request: Readonly<EndorsedTransactionRequest>): EndorsedTransaction {
  if (request.endorsers.length === 0) throw new Error('buildEndorsedTransaction: at least one endorser is required');
  // Parsed here rather than with unpackProposal, so tests can build transactions whose ids are wrong.
  const proposal = peer.Proposal.deserializeBinary(request.signedProposal.getProposalBytes_asU8());
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const proposalPayload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
  // Transient data is private to the endorsers: it is never written to the ledger.
  proposalPayload.getTransientmapMap().clear();
  const payloadForTransaction = proposalPayload.serializeBinary();
  const proposalHash = createHash('sha256').update(header.getChannelHeader_asU8()).update(header.getSignatureHeader_asU8()).update(payloadForTransaction).digest();

  const payloadBytes = proposalResponsePayload(proposalHash, {
    chaincodeId: request.chaincodeId,
    results: request.results instanceof Uint8Array ? request.results : encodeReadWriteSet(request.results),
    response: chaincodeResponse(request.response),
    ...(request.event === undefined ? {} : { event: chaincodeEvent(request.chaincodeId.name, channelHeader.getTxId(), { name: request.event.eventName, payload: request.event.payload }) }),
  });
  const seen = new Set<string>();
  const responses = request.endorsers.flatMap((endorser) => {
    const key = Buffer.from(endorser.serialize()).toString('base64');
    if (seen.has(key)) return [];
    seen.add(key);
    const response = new peer.ProposalResponse();
    response.setPayload(payloadBytes);
    response.setEndorsement(endorse(payloadBytes, endorser));
    return [response];
  });
  const envelope = assembleTransaction({ header, payloadForTransaction }, responses);
  const payload = envelope.getPayload_asU8();
  envelope.setSignature(request.submitter?.sign(payload) ?? new Uint8Array());
  const endorsements: Endorsement[] = responses.map((response) => ({
    endorser: response.getEndorsement()?.getEndorser_asU8() ?? new Uint8Array(),
    signature: response.getEndorsement()?.getSignature_asU8() ?? new Uint8Array(),
  }));
  return { txId: channelHeader.getTxId(), proposalResponsePayload: payloadBytes, endorsements, payload, envelope: envelope.serializeBinary() };
}
