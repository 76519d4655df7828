/**
 * What the stock fabric-gateway client sees of SuiTrust's transactions, in the form the
 * scenarios compare across ledgers: a committed transaction's result, validation code, block and
 * event batch; a refusal's gRPC status, wording, rule and field.
 */
import { expect } from 'vitest';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError, GatewayError, type Contract, type Network } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { EVENT_NAME, Refusal, type RefusalBody, type RuleCode } from '@suitrust/chaincode';
import { suitrust } from '@suitrust/proto';

/** A transaction the ledger committed as VALID, and what it emitted. */
export interface Committed<T> {
  /** The chaincode's JSON result, parsed. */
  readonly result: T;
  readonly txId: string;
  readonly blockNumber: bigint;
  /** The transaction's one chaincode event, as the event service delivers it. */
  readonly batch: suitrust.events.v1.EventBatch;
}

/** A validation code as `TxValidationCode` names it (`MVCC_READ_CONFLICT`). */
export type ValidationCode = peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap];

/** The name of a validation code, for messages. */
export function validationCodeName(code: number): string {
  return Object.entries(peer.TxValidationCode).find(([, value]) => value === code)?.[0] ?? String(code);
}

/** How long a scenario waits for an event the ledger must deliver. */
const EVENT_WAIT_MS = 20_000;

/**
 * Submits a transaction, waits for its commit, asserts it VALID and reads its event batch from
 * the chaincode-event service, starting at its block.
 * @param network - the channel as the submitting identity
 * @param contract - the contract on that channel
 * @param request - the transaction's one JSON argument, or its arguments as they are
 */
export async function submitCommitted<T = Record<string, unknown>>(network: Network, contract: Contract, transaction: string, request: object | readonly string[]): Promise<Committed<T>> {
  const args = Array.isArray(request) ? [...(request as readonly string[])] : [JSON.stringify(request)];
  const submitted = await contract.submitAsync(transaction, { arguments: args });
  const status = await submitted.getStatus();
  expect(status.code, `${transaction} committed as ${validationCodeName(status.code)}`).toBe(peer.TxValidationCode.VALID);
  expect(status.successful).toBe(true);
  expect(status.transactionId).toBe(submitted.getTransactionId());
  const batch = await eventBatchOf(network, contract.getChaincodeName(), status.transactionId, status.blockNumber);
  expect(batch.txId).toBe(status.transactionId);
  expect(batch.function).toBe(`${contract.getContractName() ?? ''}:${transaction}`);
  return { result: JSON.parse(Buffer.from(submitted.getResult()).toString('utf8')) as T, txId: status.transactionId, blockNumber: status.blockNumber, batch };
}

/**
 * The event batch a committed transaction emitted, from the chaincode-event service.
 * @throws {Error} when the block holds no event of the transaction within {@link EVENT_WAIT_MS}
 */
export async function eventBatchOf(network: Network, chaincode: string, txId: string, blockNumber: bigint): Promise<suitrust.events.v1.EventBatch> {
  const events = await network.getChaincodeEvents(chaincode, { startBlock: blockNumber });
  const timer = setTimeout(() => events.close(), EVENT_WAIT_MS);
  try {
    for await (const event of events) {
      expect(event.blockNumber).toBeGreaterThanOrEqual(blockNumber);
      if (event.transactionId !== txId) continue;
      expect(event.blockNumber).toBe(blockNumber);
      expect(event.eventName).toBe(EVENT_NAME);
      expect(event.chaincodeName).toBe(chaincode);
      return suitrust.events.v1.EventBatch.decode(event.payload);
    }
  } catch (error) {
    if (!(error instanceof GatewayError && error.code === GrpcStatus.CANCELLED)) throw error;
  } finally {
    clearTimeout(timer);
    events.close();
  }
  throw new Error(`no chaincode event of ${txId} from block ${blockNumber}`);
}

/** The single domain event of a batch. */
export function singleEvent(batch: suitrust.events.v1.EventBatch): suitrust.events.v1.DomainEvent {
  expect(batch.events).toHaveLength(1);
  const event = batch.events[0] as suitrust.events.v1.DomainEvent;
  expect(event.index).toBe(0);
  return event;
}

/**
 * How Fabric 2.5 reports a chaincode error. The peer's endorser answers a chaincode status of
 * 500 with the response *and* its proposal-response payload, unendorsed
 * (core/endorser/endorser.go, `case res.Status >= shim.ERROR`); the gateway, seeing a payload,
 * classifies it as the chaincode's own error and words it "chaincode response 500, <message>"
 * (internal/pkg/gateway/apiutils.go `responseStatus`). The message is the chaincode's JSON refusal.
 */
const CHAINCODE_ERROR = /^chaincode response 500, ([\s\S]*)$/;

/** The refusal inside a gateway error detail's message, if it holds one in Fabric's wording. */
export function refusalIn(message: string): RefusalBody | undefined {
  const match = CHAINCODE_ERROR.exec(message);
  return match ? Refusal.parse(match[1] as string) : undefined;
}

/**
 * A refused submit: Fabric's gateway asks its own organisation's peer first and, when it
 * refuses, asks no other (internal/pkg/gateway/api.go Endorse), answering ABORTED "failed to
 * endorse transaction, see attached details for more info" with that one peer's refusal, under
 * any endorsement policy. Nothing reached the orderer.
 */
export function expectEndorseRefusal(error: unknown, rule: RuleCode, field: string): RefusalBody {
  expect(error, `expected an EndorseError for ${rule}, got ${String(error)}`).toBeInstanceOf(EndorseError);
  const endorseError = error as EndorseError;
  expect(endorseError.code).toBe(GrpcStatus.ABORTED);
  expect(endorseError.message).toBe('10 ABORTED: failed to endorse transaction, see attached details for more info');
  expect(endorseError.details).toHaveLength(1);
  const refusals = endorseError.details.map((detail) => {
    const refusal = refusalIn(detail.message);
    expect(refusal, `endorser ${detail.mspId} at ${detail.address} said: ${detail.message}`).toMatchObject({ rule, field });
    return refusal as RefusalBody;
  });
  return refusals[0] as RefusalBody;
}

/**
 * A refused evaluation: Fabric's gateway does not retry a chaincode error on another peer
 * (internal/pkg/gateway/evaluate.go) and answers UNKNOWN, "evaluate call to endorser returned
 * error: <detail>", with the one endpoint's detail.
 */
export function expectEvaluateRefusal(error: unknown, rule: RuleCode, field: string): RefusalBody {
  expect(error, `expected a GatewayError for ${rule}, got ${String(error)}`).toBeInstanceOf(GatewayError);
  const gatewayError = error as GatewayError;
  expect(gatewayError.code).toBe(GrpcStatus.UNKNOWN);
  expect(gatewayError.details).toHaveLength(1);
  const detail = gatewayError.details[0]?.message ?? '';
  expect(gatewayError.message).toBe(`2 UNKNOWN: evaluate call to endorser returned error: ${detail}`);
  const refusal = refusalIn(detail);
  expect(refusal, `the endorser said: ${detail}`).toMatchObject({ rule, field });
  return refusal as RefusalBody;
}

/** The rejection of `promise`, or a failure when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a refusal, got ${value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value)}`);
    },
    (error: unknown) => error,
  );
}
