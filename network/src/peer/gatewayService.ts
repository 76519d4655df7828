/**
 * Fabric's Gateway service (gateway.Gateway: Evaluate, Endorse, Submit, CommitStatus,
 * ChaincodeEvents) over the embedded peer, with Fabric 2.5's status codes and messages
 * (internal/pkg/gateway), so the stock `@hyperledger/fabric-gateway` client behaves as it does
 * against a real peer.
 */
import { status as Status, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { common, gateway, orderer as ordererProtos, peer } from '@hyperledger/fabric-protos';
import type { BlockStore } from '../ledger/blockStore';
import type { Orderer } from '../orderer/orderer';
import { assembleTransaction } from '../protocol/transactionAssembly';
import { blocksFrom } from './blockStream';
import { chaincodeEventsOf } from './blockEvents';
import type { Committer } from './committer';
import type { CreatorVerifier, Endorsement, Endorser } from './endorser';
import { rpcError, type ErrorSource } from './rpcError';

/** An organisation's endorser, as the gateway chooses among them. */
export interface OrganisationEndorser {
  readonly mspId: string;
  readonly address: string;
  readonly endorser: Endorser;
}

/** Options of {@link gatewayService}. */
export interface GatewayServiceOptions {
  readonly channelId: string;
  /** The gateway's own organisation's endorser first, then the others. */
  readonly endorsers: readonly OrganisationEndorser[];
  /** How many organisations' endorsements the endorsement policy needs. */
  readonly requiredEndorsements: number;
  readonly orderer: Orderer;
  readonly blockStore: BlockStore;
  readonly committer: Committer;
  readonly verifyCreator: CreatorVerifier;
}

/** The Gateway service's handlers. */
export function gatewayService(options: Readonly<GatewayServiceOptions>): UntypedServiceImplementation {
  const own = options.endorsers[0];
  if (!own) throw new Error('the gateway needs at least one endorser');
  const source = (endorser: OrganisationEndorser): ErrorSource => ({ address: endorser.address, mspId: endorser.mspId });

  return {
    evaluate: (call: ServerUnaryCall<gateway.EvaluateRequest, gateway.EvaluateResponse>, callback: sendUnaryData<gateway.EvaluateResponse>) => {
      void (async () => {
        const proposal = call.request.getProposedTransaction();
        if (!proposal) return callback(rpcError(Status.INVALID_ARGUMENT, 'an evaluate request is required'));
        let endorsement = await own.endorser.processProposal(proposal);
        if (endorsement.undefinedChaincode !== undefined) {
          // internal/pkg/gateway/registry.go evaluator: no peer of the channel has the chaincode.
          return callback(rpcError(Status.FAILED_PRECONDITION, `no peers available to evaluate chaincode ${endorsement.undefinedChaincode} in channel ${options.channelId}`));
        }
        let failure = failureOf(endorsement);
        if (failure?.code === Status.INVALID_ARGUMENT) return callback(rpcError(failure.code, failure.message));
        // internal/pkg/gateway/api.go Evaluate: an ABORTED peer (a failure outside the chaincode)
        // is retried on the other organisations' peers; with none left, each one's error is told.
        const details = failure ? [{ source: source(own), message: failure.message }] : [];
        for (const other of failure?.code === Status.ABORTED ? options.endorsers.slice(1) : []) {
          endorsement = await other.endorser.processProposal(proposal);
          failure = failureOf(endorsement);
          if (!failure) break;
          details.push({ source: source(other), message: failure.message });
        }
        if (failure) {
          const message = failure.code === Status.ABORTED ? 'failed to evaluate transaction, see attached details for more info' : `evaluate call to endorser returned error: ${failure.message}`;
          return callback(rpcError(failure.code, message, details));
        }
        const result = new gateway.EvaluateResponse();
        result.setResult(endorsement.response.getResponse());
        callback(null, result);
      })().catch((error: unknown) => callback(rpcError(Status.INTERNAL, String(error))));
    },

    endorse: (call: ServerUnaryCall<gateway.EndorseRequest, gateway.EndorseResponse>, callback: sendUnaryData<gateway.EndorseResponse>) => {
      void (async () => {
        const proposal = call.request.getProposedTransaction();
        if (!proposal) return callback(rpcError(Status.INVALID_ARGUMENT, 'the proposed transaction must contain a signed proposal'));
        const chosen = options.endorsers.slice(0, Math.max(1, options.requiredEndorsements));
        // internal/pkg/gateway/api.go Endorse: the gateway's own organisation endorses first; when
        // its peer refuses, the others are not asked, and only its refusal is reported.
        const first = await own.endorser.processProposal(proposal);
        const rest = first.undefinedChaincode === undefined && failureOf(first) === undefined ? await Promise.all(chosen.slice(1).map((endorser) => endorser.endorser.processProposal(proposal))) : [];
        const endorsements = [first, ...rest];
        const undefinedChaincode = first.undefinedChaincode;
        if (undefinedChaincode !== undefined) {
          // Discovery finds no chaincode definition, so no layout of endorsers (internal/pkg/gateway/api.go Endorse).
          return callback(
            rpcError(Status.FAILED_PRECONDITION, `no combination of peers can be derived which satisfy the endorsement policy: No metadata was found for chaincode ${undefinedChaincode} in channel ${options.channelId}`),
          );
        }
        const details: { source: ErrorSource; message: string }[] = [];
        for (const [index, endorsement] of endorsements.entries()) {
          const failure = failureOf(endorsement);
          if (failure?.code === Status.INVALID_ARGUMENT) return callback(rpcError(failure.code, failure.message));
          if (failure) details.push({ source: source(chosen[index] as OrganisationEndorser), message: failure.message });
        }
        if (details.length > 0) {
          return callback(rpcError(Status.ABORTED, 'failed to endorse transaction, see attached details for more info', details));
        }
        const parts = endorsements[0]?.proposal;
        if (!parts) return callback(rpcError(Status.INVALID_ARGUMENT, 'failed to unpack transaction proposal'));
        let envelope: common.Envelope;
        try {
          envelope = assembleTransaction(parts, endorsements.map((endorsement) => endorsement.response));
        } catch (error) {
          return callback(rpcError(Status.ABORTED, `failed to assemble transaction: ${error instanceof Error ? error.message : String(error)}`));
        }
        const prepared = new gateway.EndorseResponse();
        prepared.setPreparedTransaction(envelope);
        callback(null, prepared);
      })().catch((error: unknown) => callback(rpcError(Status.INTERNAL, String(error))));
    },

    submit: (call: ServerUnaryCall<gateway.SubmitRequest, gateway.SubmitResponse>, callback: sendUnaryData<gateway.SubmitResponse>) => {
      const envelope = call.request.getPreparedTransaction();
      if (!envelope) return callback(rpcError(Status.INVALID_ARGUMENT, 'a prepared transaction is required'));
      if (envelope.getSignature_asU8().length === 0) return callback(rpcError(Status.INVALID_ARGUMENT, 'prepared transaction must be signed'));
      const result = options.orderer.broadcast(envelope);
      if (!result.ok) {
        const statusName = Object.entries(common.Status).find(([, value]) => value === result.status)?.[0] ?? String(result.status);
        return callback(rpcError(Status.ABORTED, `received unsuccessful response from orderer: status=${statusName}, info=${result.info}`));
      }
      callback(null, new gateway.SubmitResponse());
    },

    commitStatus: (call: ServerUnaryCall<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>, callback: sendUnaryData<gateway.CommitStatusResponse>) => {
      void (async () => {
        const bytes = call.request.getRequest_asU8();
        if (bytes.length === 0) return callback(rpcError(Status.INVALID_ARGUMENT, 'a commit status request is required'));
        let request: gateway.CommitStatusRequest;
        try {
          request = gateway.CommitStatusRequest.deserializeBinary(bytes);
        } catch (error) {
          return callback(rpcError(Status.INVALID_ARGUMENT, `invalid status request: ${String(error)}`));
        }
        const signer = options.verifyCreator(request.getIdentity_asU8(), bytes, call.request.getSignature_asU8());
        if (!signer.ok) return callback(rpcError(Status.PERMISSION_DENIED, `failed evaluating policy on signed data during check policy [/Channel/Application/Writers]: ${signer.reason}`));
        if (request.getChannelId() !== options.channelId) return callback(rpcError(Status.NOT_FOUND, `channel not found: ${request.getChannelId()}`));
        const txId = request.getTransactionId();
        const controller = new AbortController();
        call.on('cancelled', () => controller.abort());
        const location = await waitForTransaction(options, txId, controller.signal);
        if (!location) return callback(rpcError(Status.CANCELLED, 'the commit status request was cancelled'));
        const response = new gateway.CommitStatusResponse();
        response.setResult(location.validationCode as peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap]);
        response.setBlockNumber(location.blockNumber);
        callback(null, response);
      })().catch((error: unknown) => callback(rpcError(Status.ABORTED, String(error))));
    },

    chaincodeEvents: (call: ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>) => {
      void (async () => {
        const bytes = call.request.getRequest_asU8();
        if (bytes.length === 0) return call.destroy(errorOf(Status.INVALID_ARGUMENT, 'a chaincode events request is required'));
        let request: gateway.ChaincodeEventsRequest;
        try {
          request = gateway.ChaincodeEventsRequest.deserializeBinary(bytes);
        } catch (error) {
          return call.destroy(errorOf(Status.INVALID_ARGUMENT, `invalid chaincode events request: ${String(error)}`));
        }
        const signer = options.verifyCreator(request.getIdentity_asU8(), bytes, call.request.getSignature_asU8());
        if (!signer.ok) return call.destroy(errorOf(Status.PERMISSION_DENIED, `failed evaluating policy on signed data: ${signer.reason}`));
        if (request.getChannelId() !== options.channelId) return call.destroy(errorOf(Status.NOT_FOUND, `channel not found: ${request.getChannelId()}`));

        const start = chaincodeEventsStart(options.blockStore, request);
        if (!start.ok) return call.destroy(errorOf(Status.INVALID_ARGUMENT, start.reason));
        const controller = new AbortController();
        call.on('cancelled', () => controller.abort());
        call.on('close', () => controller.abort());
        const chaincodeId = request.getChaincodeId();
        const after = request.getAfterTransactionId();
        let passedAfter = after === '';
        for await (const block of blocksFrom({ blockStore: options.blockStore, committer: options.committer, start: start.block, signal: controller.signal })) {
          const matching = chaincodeEventsOf(block).filter((event) => {
            // Stateful across blocks, as Fabric's chaincodeEventMatcher: skip up to and including `after`.
            if (!passedAfter) {
              if (event.getTxId() === after) passedAfter = true;
              return false;
            }
            return event.getChaincodeId() === chaincodeId;
          });
          if (matching.length === 0) continue;
          const response = new gateway.ChaincodeEventsResponse();
          response.setEventsList(matching);
          response.setBlockNumber(block.getHeader()?.getNumber() ?? 0);
          if (!call.write(response)) await new Promise((resolve) => call.once('drain', resolve));
        }
      })().catch((error: unknown) => call.destroy(errorOf(Status.ABORTED, String(error))));
    },
  };
}

/** Where Fabric starts a chaincode-event stream (internal/pkg/gateway/chaincodeevents.go). */
function chaincodeEventsStart(blockStore: BlockStore, request: gateway.ChaincodeEventsRequest): { ok: true; block: number } | { ok: false; reason: string } {
  const after = request.getAfterTransactionId();
  if (after !== '') {
    const location = blockStore.transactionLocation(after);
    if (location) return { ok: true, block: location.blockNumber };
  }
  const position = request.getStartPosition();
  switch (position?.getTypeCase() ?? ordererProtos.SeekPosition.TypeCase.TYPE_NOT_SET) {
    case ordererProtos.SeekPosition.TypeCase.TYPE_NOT_SET:
    case ordererProtos.SeekPosition.TypeCase.NEXT_COMMIT:
      return { ok: true, block: blockStore.height };
    case ordererProtos.SeekPosition.TypeCase.SPECIFIED:
      return { ok: true, block: position?.getSpecified()?.getNumber() ?? 0 };
    default:
      return { ok: false, reason: `invalid start position type: ${position?.getTypeCase()}` };
  }
}

/** Waits until the transaction is committed; `undefined` if `signal` aborts first. */
async function waitForTransaction(
  options: Readonly<GatewayServiceOptions>,
  txId: string,
  signal: AbortSignal,
): Promise<{ blockNumber: number; validationCode: number } | undefined> {
  let wake: (() => void) | undefined;
  const unsubscribe = options.committer.onCommit(() => wake?.());
  try {
    for (;;) {
      const location = options.blockStore.transactionLocation(txId);
      if (location && location.blockNumber < options.committer.committedHeight) return location;
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  } finally {
    unsubscribe();
  }
}

type Failure = { readonly code: Status; readonly message: string };

/** How Fabric's gateway classifies a proposal response (internal/pkg/gateway/apiutils.go responseStatus). */
function failureOf(endorsement: Endorsement): Failure | undefined {
  const response = endorsement.response.getResponse();
  const status = response?.getStatus() ?? 500;
  if (status >= 200 && status < 400) return undefined;
  const message = response?.getMessage() ?? '';
  if (!endorsement.proposal) return { code: Status.INVALID_ARGUMENT, message };
  if (endorsement.precondition === true) return { code: Status.FAILED_PRECONDITION, message };
  if (status === 500 && endorsement.response.getPayload_asU8().length === 0) return { code: Status.ABORTED, message };
  return { code: Status.UNKNOWN, message: `chaincode response ${status}, ${message}` };
}

function errorOf(code: Status, message: string): Error {
  return Object.assign(new Error(message), rpcError(code, message));
}
