/**
 * Assembles an endorsed transaction envelope from a proposal and its endorsements, as Fabric's
 * gateway does (protoutil.CreateSignedTx without the signature): the client signs the payload.
 */
import { common, peer } from '@hyperledger/fabric-protos';
import type { ProposalParts } from './proposalParts';

/**
 * The unsigned envelope of an endorsed transaction. All responses must carry the same proposal
 * response payload (the same simulation result).
 * @throws {Error} when there is no response or their payloads differ
 */
export function assembleTransaction(proposal: Pick<ProposalParts, 'header' | 'payloadForTransaction'>, responses: readonly peer.ProposalResponse[]): common.Envelope {
  const first = responses[0];
  if (!first) throw new Error('at least one proposal response is required to assemble a transaction');
  const responsePayload = first.getPayload_asU8();
  for (const response of responses) {
    if (Buffer.compare(Buffer.from(response.getPayload_asU8()), Buffer.from(responsePayload)) !== 0) {
      throw new Error('ProposalResponsePayloads do not match');
    }
  }
  const endorsedAction = new peer.ChaincodeEndorsedAction();
  endorsedAction.setProposalResponsePayload(responsePayload);
  endorsedAction.setEndorsementsList(responses.map((response) => response.getEndorsement()).filter((e): e is peer.Endorsement => e !== undefined));
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(proposal.payloadForTransaction);
  actionPayload.setAction(endorsedAction);
  const action = new peer.TransactionAction();
  action.setHeader(proposal.header.getSignatureHeader_asU8());
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([action]);
  const payload = new common.Payload();
  payload.setHeader(proposal.header);
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}
