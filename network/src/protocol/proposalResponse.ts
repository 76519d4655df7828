/**
 * The parts of a proposal response, as Fabric 2.5 builds them (protoutil/txutils.go
 * CreateProposalResponse): the payload carries the proposal hash and the ChaincodeAction
 * (results, event, response, chaincode id); each endorser signs payload ‖ its serialised identity.
 */
import { peer } from '@hyperledger/fabric-protos';
import type { FabricIdentity } from '../identity/fabricIdentity';

/** What a chaincode produced for a proposal. */
export interface ChaincodeActionInput {
  readonly chaincodeId: { readonly name: string; readonly version: string };
  /** The encoded `rwset.TxReadWriteSet`. */
  readonly results: Uint8Array;
  readonly event?: peer.ChaincodeEvent;
  readonly response: peer.Response;
}

/** A chaincode response message. */
export function chaincodeResponse(result: { readonly status: number; readonly message?: string; readonly payload?: Uint8Array }): peer.Response {
  const response = new peer.Response();
  response.setStatus(result.status);
  response.setMessage(result.message ?? '');
  response.setPayload(result.payload ?? new Uint8Array());
  return response;
}

/** The serialised ProposalResponsePayload every endorser signs. */
export function proposalResponsePayload(proposalHash: Uint8Array, action: Readonly<ChaincodeActionInput>): Uint8Array {
  const id = new peer.ChaincodeID();
  id.setName(action.chaincodeId.name);
  id.setVersion(action.chaincodeId.version);
  const chaincodeAction = new peer.ChaincodeAction();
  chaincodeAction.setResults(action.results);
  if (action.event) chaincodeAction.setEvents(action.event.serializeBinary());
  chaincodeAction.setResponse(action.response);
  chaincodeAction.setChaincodeId(id);
  const payload = new peer.ProposalResponsePayload();
  payload.setProposalHash(proposalHash);
  payload.setExtension$(chaincodeAction.serializeBinary());
  return payload.serializeBinary();
}

/** An endorser's signature over a proposal response payload. */
export function endorse(payload: Uint8Array, endorser: Pick<FabricIdentity, 'serialize' | 'sign'>): peer.Endorsement {
  const identity = endorser.serialize();
  const endorsement = new peer.Endorsement();
  endorsement.setEndorser(identity);
  endorsement.setSignature(endorser.sign(Buffer.concat([payload, identity])));
  return endorsement;
}

/** A chaincode event as the peer completes it: with the chaincode's name and the transaction id. */
export function chaincodeEvent(chaincodeName: string, txId: string, event: { readonly name: string; readonly payload: Uint8Array }): peer.ChaincodeEvent {
  const chaincodeEvent = new peer.ChaincodeEvent();
  chaincodeEvent.setChaincodeId(chaincodeName);
  chaincodeEvent.setTxId(txId);
  chaincodeEvent.setEventName(event.name);
  chaincodeEvent.setPayload(event.payload);
  return chaincodeEvent;
}
