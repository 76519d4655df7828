/**
 * The endorser: checks a signed proposal, simulates it in the chaincode against committed state,
 * and signs the result, as a Fabric peer's ProcessProposal does (Fabric 2.5 core/endorser).
 * A chaincode error (status 400 or more) yields a response without payload or endorsement.
 */
import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeConnection } from '../chaincode/chaincodeConnection';
import { TxSimulator, type ReadWriteSet } from '../ledger/txSimulator';
import type { WorldStateReader } from '../ledger/worldState';
import type { FabricIdentity } from '../identity/fabricIdentity';
import { unpackProposal, type ProposalParts } from '../protocol/proposalParts';
import { encodeReadWriteSet } from '../protocol/readWriteSetCodec';
import { chaincodeEvent, chaincodeResponse, endorse, proposalResponsePayload } from '../protocol/proposalResponse';
import type { ReadWriteLock } from './readWriteLock';

/** Checks that `signature` over `message` was made by the identity serialised in `creator`. */
export type CreatorVerifier = (creator: Uint8Array, message: Uint8Array, signature: Uint8Array) =>
  | { readonly ok: true; readonly mspId: string }
  | { readonly ok: false; readonly reason: string };

/** What a system chaincode answers. */
export interface SystemChaincodeResult {
  readonly status: number;
  readonly message: string;
  readonly payload: Uint8Array;
  /**
   * Why the peer could not turn the answer into a response (Fabric: the response does not
   * marshal), which the endorser reports as a failed simulation, outside the chaincode.
   */
  readonly simulationError?: string;
}

/** A chaincode built into the peer (qscc): no state, no shim. */
export interface SystemChaincode {
  invoke(proposal: ProposalParts): Promise<SystemChaincodeResult>;
}

/** Options of {@link Endorser}. */
export interface EndorserOptions {
  readonly channelId: string;
  /** The peer's own identity, which signs endorsements. */
  readonly identity: FabricIdentity;
  readonly verifyCreator: CreatorVerifier;
  readonly state: WorldStateReader;
  /** Held for reading during each simulation, so no commit lands in the middle of one. */
  readonly stateLock: ReadWriteLock;
  /** User chaincodes by name, with the version of their definition. */
  readonly chaincodes: ReadonlyMap<string, { readonly connection: ChaincodeConnection; readonly version: string }>;
  readonly systemChaincodes: ReadonlyMap<string, SystemChaincode>;
  /** Whether the channel's ledger holds a transaction with this id (valid or not). */
  readonly isCommitted: (txId: string) => boolean;
}

/** What endorsing a proposal produced. */
export interface Endorsement {
  readonly response: peer.ProposalResponse;
  /** The unpacked proposal, when it could be unpacked. */
  readonly proposal?: ProposalParts;
  /** The simulation's read-write set, for a user chaincode. */
  readonly readWriteSet?: ReadWriteSet;
  /**
   * Whether the proposal failed the peer's checks of its creator and signature, which Fabric
   * returns as an error beside the response (FAILED_PRECONDITION at the gateway).
   */
  readonly precondition?: boolean;
  /**
   * The chaincode the proposal names when the channel defines no such chaincode. Fabric's gateway
   * learns this from discovery before it asks any peer, and answers FAILED_PRECONDITION itself.
   */
  readonly undefinedChaincode?: string;
}

/** A peer's endorser. */
export class Endorser {
  readonly #options: EndorserOptions;

  constructor(options: Readonly<EndorserOptions>) {
    this.#options = options;
  }

  /** Processes one signed proposal: Fabric's ProcessProposal. */
  async processProposal(signedProposal: peer.SignedProposal): Promise<Endorsement> {
    const unpacked = unpackProposal(signedProposal);
    if (!unpacked.ok) return failure(unpacked.reason);
    const proposal = unpacked.parts;
    if (proposal.channelId !== this.#options.channelId) return failure(`channel '${proposal.channelId}' not found`, proposal);
    const creator = this.#options.verifyCreator(proposal.creator, proposal.proposalBytes, proposal.signature);
    if (!creator.ok) return failure(`access denied: channel [${proposal.channelId}] creator org unknown, creator is malformed: ${creator.reason}`, proposal, true);
    // core/endorser/endorser.go preProcess: a transaction id the ledger holds is a replay or a
    // retry, refused before any chaincode runs, with the creator in hex.
    if (this.#options.isCommitted(proposal.txId)) {
      return failure(`duplicate transaction found [${proposal.txId}]. Creator [${Buffer.from(proposal.creator).toString('hex')}]`, proposal, true);
    }

    const system = this.#options.systemChaincodes.get(proposal.chaincodeName);
    if (system) {
      const result = await system.invoke(proposal);
      if (result.simulationError !== undefined) return failure(`error in simulation: transaction returned with failure: ${result.simulationError}`, proposal);
      return { response: this.#respond(proposal, result, { name: proposal.chaincodeName, version: '' }, new Uint8Array(), undefined), proposal };
    }
    const chaincode = this.#options.chaincodes.get(proposal.chaincodeName);
    if (!chaincode) {
      const notFound = failure(`make sure the chaincode ${proposal.chaincodeName} has been successfully defined on channel ${proposal.channelId} and try again: chaincode ${proposal.chaincodeName} not found`, proposal);
      return { ...notFound, undefinedChaincode: proposal.chaincodeName };
    }

    return this.#options.stateLock.read(async () => {
      const simulator = new TxSimulator(this.#options.state, proposal.chaincodeName);
      const result = await chaincode.connection.execute({
        channelId: proposal.channelId,
        txId: proposal.txId,
        signedProposal,
        input: proposal.input,
        simulator,
      });
      const readWriteSet = simulator.readWriteSet();
      const event = result.event ? chaincodeEvent(proposal.chaincodeName, proposal.txId, result.event) : undefined;
      const response = this.#respond(proposal, result, { name: proposal.chaincodeName, version: chaincode.version }, encodeReadWriteSet(readWriteSet), event);
      return { response, proposal, readWriteSet };
    });
  }

  #respond(
    proposal: ProposalParts,
    result: { status: number; message: string; payload: Uint8Array },
    chaincodeId: { name: string; version: string },
    results: Uint8Array,
    event: peer.ChaincodeEvent | undefined,
  ): peer.ProposalResponse {
    const response = chaincodeResponse(result);
    const proposalResponse = new peer.ProposalResponse();
    proposalResponse.setVersion(1);
    proposalResponse.setResponse(response);
    const payload = proposalResponsePayload(proposal.proposalHash, { chaincodeId, results, response, ...(event ? { event } : {}) });
    proposalResponse.setPayload(payload);
    // A chaincode error comes back with its payload but unendorsed, as a Fabric 2.5 peer answers
    // (observed on a real network: its gateway then reports "chaincode response 500, ...").
    if (result.status < 400) proposalResponse.setEndorsement(endorse(payload, this.#options.identity));
    return proposalResponse;
  }
}

function failure(message: string, proposal?: ProposalParts, precondition = false): Endorsement {
  const response = new peer.Response();
  response.setStatus(500);
  response.setMessage(message);
  const proposalResponse = new peer.ProposalResponse();
  proposalResponse.setResponse(response);
  return { response: proposalResponse, ...(proposal ? { proposal } : {}), ...(precondition ? { precondition } : {}) };
}
