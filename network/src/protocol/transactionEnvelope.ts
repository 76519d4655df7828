/**
 * Decodes a block's transaction envelope (`common.Envelope`) into the parts a committing peer
 * checks, refusing malformed ones with the validation code Fabric 2.5 gives them, in the order
 * Fabric finds them:
 *
 * - `core/committer/txvalidator/v20/validator.go` (`validateTx`): an envelope that does not parse
 *   is INVALID_OTHER_REASON;
 * - `core/common/validation/msgvalidation.go` (`ValidateTransaction`, `validateCommonHeader`,
 *   `validateEndorserTransaction`): BAD_PAYLOAD, BAD_COMMON_HEADER (header type, epoch, nonce,
 *   creator), INVALID_ENDORSER_TRANSACTION (one action, its signature header, the proposal hash);
 * - `core/committer/txvalidator/v20/plugindispatcher/dispatcher.go` (`Dispatch`):
 *   BAD_HEADER_EXTENSION, BAD_RESPONSE_PAYLOAD, BAD_RWSET, INVALID_OTHER_REASON (missing chaincode
 *   ids, an event of another chaincode), INVALID_CHAINCODE, ILLEGAL_WRITESET (a namespace twice).
 *
 * Nothing here checks a signature, the transaction id, the channel or a duplicate: those need
 * the channel's configuration and ledger (see `validation/blockValidator.ts`). Protobuf `bytes`
 * fields that Fabric tests for `nil` are tested for emptiness, as Go's decoder yields `nil` for an
 * empty field.
 */
import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { decodeReadWriteSet, type DecodedReadWriteSet } from './readWriteSetCodec';
import type { TxValidationCode } from './txValidationCode';

/** A refusal: the validation code Fabric would give and why. */
export interface DecodingFailure {
  readonly ok: false;
  readonly code: TxValidationCode;
  readonly reason: string;
}

/** The channel header's fields. */
export interface ChannelHeaderParts {
  /** `common.HeaderType` value. */
  readonly type: number;
  readonly channelId: string;
  readonly txId: string;
  /** The client's timestamp, which chaincode reads as the transaction time. */
  readonly timestamp?: { readonly seconds: number; readonly nanos: number };
  readonly epoch: number;
  /** For endorser transactions, a serialised `peer.ChaincodeHeaderExtension`. */
  readonly extension: Uint8Array;
}

/** The signature header's fields. */
export interface SignatureHeaderParts {
  /** Serialised `msp.SerializedIdentity` of the submitter. */
  readonly creator: Uint8Array;
  readonly nonce: Uint8Array;
}

/** An envelope whose payload and header are well formed. */
export interface EnvelopeHeader {
  /** The payload bytes, which the creator's envelope signature covers. */
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
  readonly channelHeader: ChannelHeaderParts;
  /** The channel header exactly as sent (the proposal hash covers these bytes). */
  readonly channelHeaderBytes: Uint8Array;
  readonly signatureHeader: SignatureHeaderParts;
  readonly signatureHeaderBytes: Uint8Array;
  /** The payload's data: a serialised `peer.Transaction` for an endorser transaction. */
  readonly data: Uint8Array;
}

/** One endorsement: the endorser's serialised identity and its signature. */
export interface Endorsement {
  readonly endorser: Uint8Array;
  /** Signature over `proposal_response_payload ‖ endorser`. */
  readonly signature: Uint8Array;
}

/** The chaincode event a transaction set (at most one). */
export interface ChaincodeEventParts {
  readonly chaincodeId: string;
  readonly txId: string;
  readonly eventName: string;
  readonly payload: Uint8Array;
}

/** What the chaincode did, as the endorsers signed it (`peer.ChaincodeAction`). */
export interface ChaincodeActionParts {
  /** The `results` bytes: a serialised `rwset.TxReadWriteSet`. */
  readonly results: Uint8Array;
  /** `results` decoded, one set per namespace in wire order. */
  readonly readWriteSets: readonly DecodedReadWriteSet[];
  readonly event?: ChaincodeEventParts;
  /** The chaincode's response (zero values when absent, as Go's getters read it). */
  readonly response: { readonly status: number; readonly message: string; readonly payload: Uint8Array };
  readonly chaincodeId: { readonly name: string; readonly version: string; readonly path: string };
}

/** The endorsed action of an endorser transaction. */
export interface EndorserTransactionParts {
  /** The chaincode named by the channel header's extension. */
  readonly chaincodeName: string;
  /** The proposal's payload as carried in the transaction (transient data removed). */
  readonly chaincodeProposalPayload: Uint8Array;
  /** The bytes every endorser signed (with its own identity appended). */
  readonly proposalResponsePayload: Uint8Array;
  readonly endorsements: readonly Endorsement[];
  readonly action: ChaincodeActionParts;
}

/** A decoded endorser transaction envelope. */
export interface TransactionEnvelope extends EnvelopeHeader {
  readonly endorserTransaction: EndorserTransactionParts;
}

/** Outcome of {@link decodeEnvelopeHeader}. */
export type EnvelopeHeaderDecoding = ({ readonly ok: true } & EnvelopeHeader) | DecodingFailure;
/** Outcome of {@link decodeEndorserTransaction}. */
export type EndorserTransactionDecoding = ({ readonly ok: true } & EndorserTransactionParts) | DecodingFailure;
/** Outcome of {@link decodeTransactionEnvelope}. */
export type TransactionEnvelopeDecoding = ({ readonly ok: true } & TransactionEnvelope) | DecodingFailure;

const CODE = peer.TxValidationCode;
const ACCEPTED_HEADER_TYPES: readonly number[] = [common.HeaderType.ENDORSER_TRANSACTION, common.HeaderType.CONFIG, common.HeaderType.CONFIG_UPDATE];

/**
 * Decodes an envelope, its payload and its header, and checks the header as Fabric's
 * `validateCommonHeader` does: a header type Fabric accepts (endorser, config or config update
 * transaction), epoch 0, a nonce and a creator.
 *
 * @param envelope - serialised `common.Envelope`, as found in a block's data
 * @returns the envelope's parts, or INVALID_OTHER_REASON / BAD_PAYLOAD / BAD_COMMON_HEADER
 */
export function decodeEnvelopeHeader(envelope: Uint8Array): EnvelopeHeaderDecoding {
  const parsedEnvelope = parse(() => common.Envelope.deserializeBinary(envelope));
  if (!parsedEnvelope.ok) return failure(CODE.INVALID_OTHER_REASON, `envelope does not parse: ${parsedEnvelope.reason}`);
  const payloadBytes = parsedEnvelope.value.getPayload_asU8();
  const parsedPayload = parse(() => common.Payload.deserializeBinary(payloadBytes));
  if (!parsedPayload.ok) return failure(CODE.BAD_PAYLOAD, `payload does not parse: ${parsedPayload.reason}`);
  const header = parsedPayload.value.getHeader();
  if (header === undefined) return failure(CODE.BAD_COMMON_HEADER, 'payload has no header');
  const channelHeaderBytes = header.getChannelHeader_asU8();
  const signatureHeaderBytes = header.getSignatureHeader_asU8();
  const channelHeader = parse(() => common.ChannelHeader.deserializeBinary(channelHeaderBytes));
  if (!channelHeader.ok) return failure(CODE.BAD_COMMON_HEADER, `channel header does not parse: ${channelHeader.reason}`);
  const signatureHeader = parse(() => common.SignatureHeader.deserializeBinary(signatureHeaderBytes));
  if (!signatureHeader.ok) return failure(CODE.BAD_COMMON_HEADER, `signature header does not parse: ${signatureHeader.reason}`);

  const chdr = channelHeader.value;
  if (!ACCEPTED_HEADER_TYPES.includes(chdr.getType())) return failure(CODE.BAD_COMMON_HEADER, `invalid header type ${chdr.getType()}`);
  // Fabric requires epoch 0 until epochs are managed.
  if (chdr.getEpoch() !== 0) return failure(CODE.BAD_COMMON_HEADER, `invalid epoch ${chdr.getEpoch()}, expected 0`);
  const shdr = signatureHeader.value;
  const nonce = shdr.getNonce_asU8();
  const creator = shdr.getCreator_asU8();
  if (nonce.length === 0) return failure(CODE.BAD_COMMON_HEADER, 'signature header has no nonce');
  if (creator.length === 0) return failure(CODE.BAD_COMMON_HEADER, 'signature header has no creator');

  const timestamp = chdr.getTimestamp();
  return {
    ok: true,
    payload: payloadBytes,
    signature: parsedEnvelope.value.getSignature_asU8(),
    channelHeader: {
      type: chdr.getType(),
      channelId: chdr.getChannelId(),
      txId: chdr.getTxId(),
      ...(timestamp === undefined ? {} : { timestamp: { seconds: timestamp.getSeconds(), nanos: timestamp.getNanos() } }),
      epoch: chdr.getEpoch(),
      extension: chdr.getExtension_asU8(),
    },
    channelHeaderBytes,
    signatureHeader: { creator, nonce },
    signatureHeaderBytes,
    data: parsedPayload.value.getData_asU8(),
  };
}

/**
 * Decodes the endorsed action of an endorser transaction and checks its structure as Fabric
 * does: exactly one action; its signature header has a nonce and a creator; the proposal hash in
 * the proposal response payload is SHA-256(channel header ‖ action's signature header ‖
 * chaincode proposal payload) (`protoutil.GetProposalHash2`); the header extension, the chaincode
 * action and its read-write set decode; the chaincode is named consistently, with a version;
 * an event, if any, is the same chaincode's; no namespace appears twice.
 *
 * @param header - a decoded header of type ENDORSER_TRANSACTION
 * @returns the action's parts, or the first failure in Fabric's order (INVALID_ENDORSER_TRANSACTION
 *   before the dispatcher's BAD_HEADER_EXTENSION, BAD_RESPONSE_PAYLOAD, BAD_RWSET,
 *   INVALID_OTHER_REASON, INVALID_CHAINCODE, ILLEGAL_WRITESET); UNSUPPORTED_TX_PAYLOAD for any
 *   other header type
 */
export function decodeEndorserTransaction(header: EnvelopeHeader): EndorserTransactionDecoding {
  if (header.channelHeader.type !== common.HeaderType.ENDORSER_TRANSACTION) return failure(CODE.UNSUPPORTED_TX_PAYLOAD, `header type ${header.channelHeader.type} is not an endorser transaction`);

  // msgvalidation.go validateEndorserTransaction → INVALID_ENDORSER_TRANSACTION
  const invalid = (reason: string): DecodingFailure => failure(CODE.INVALID_ENDORSER_TRANSACTION, reason);
  const transaction = parse(() => peer.Transaction.deserializeBinary(header.data));
  if (!transaction.ok) return invalid(`transaction does not parse: ${transaction.reason}`);
  const actions = transaction.value.getActionsList();
  // Fabric supports a single action per transaction.
  const [action] = actions;
  if (action === undefined || actions.length !== 1) return invalid(`only one action per transaction is supported, got ${actions.length}`);
  const actionHeaderBytes = action.getHeader_asU8();
  const actionHeader = parse(() => common.SignatureHeader.deserializeBinary(actionHeaderBytes));
  if (!actionHeader.ok) return invalid(`action's signature header does not parse: ${actionHeader.reason}`);
  if (actionHeader.value.getNonce_asU8().length === 0) return invalid("action's signature header has no nonce");
  if (actionHeader.value.getCreator_asU8().length === 0) return invalid("action's signature header has no creator");
  const actionPayload = parse(() => peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()));
  if (!actionPayload.ok) return invalid(`chaincode action payload does not parse: ${actionPayload.reason}`);
  const endorsedAction = actionPayload.value.getAction();
  // Fabric dereferences the endorsed action without a check (a nil one panics the validator).
  if (endorsedAction === undefined) return invalid('chaincode action payload has no endorsed action');
  const proposalResponsePayload = endorsedAction.getProposalResponsePayload_asU8();
  const responsePayload = parse(() => peer.ProposalResponsePayload.deserializeBinary(proposalResponsePayload));
  if (!responsePayload.ok) return invalid(`proposal response payload does not parse: ${responsePayload.reason}`);
  const chaincodeProposalPayload = actionPayload.value.getChaincodeProposalPayload_asU8();
  if (chaincodeProposalPayload.length === 0) return invalid('chaincode action payload has no chaincode proposal payload');
  const proposalHash = createHash('sha256').update(header.channelHeaderBytes).update(actionHeaderBytes).update(chaincodeProposalPayload).digest();
  if (!proposalHash.equals(responsePayload.value.getProposalHash_asU8())) return invalid('proposal hash does not match');

  // plugindispatcher/dispatcher.go Dispatch
  const extension = parse(() => peer.ChaincodeHeaderExtension.deserializeBinary(header.channelHeader.extension));
  if (!extension.ok) return failure(CODE.BAD_HEADER_EXTENSION, `chaincode header extension does not parse: ${extension.reason}`);
  const prpExtension = responsePayload.value.getExtension_asU8();
  if (prpExtension.length === 0) return failure(CODE.BAD_RESPONSE_PAYLOAD, 'proposal response payload has no extension');
  const chaincodeAction = parse(() => peer.ChaincodeAction.deserializeBinary(prpExtension));
  if (!chaincodeAction.ok) return failure(CODE.BAD_RESPONSE_PAYLOAD, `chaincode action does not parse: ${chaincodeAction.reason}`);
  const results = chaincodeAction.value.getResults_asU8();
  const readWriteSets = decodeReadWriteSet(results);
  if (!readWriteSets.ok) return failure(CODE.BAD_RWSET, readWriteSets.reason);
  const headerChaincodeId = extension.value.getChaincodeId();
  if (headerChaincodeId === undefined) return failure(CODE.INVALID_OTHER_REASON, 'header extension has no chaincode id');
  const actionChaincodeId = chaincodeAction.value.getChaincodeId();
  if (actionChaincodeId === undefined) return failure(CODE.INVALID_OTHER_REASON, 'chaincode action has no chaincode id');
  const chaincodeName = headerChaincodeId.getName();
  if (chaincodeName === '') return failure(CODE.INVALID_CHAINCODE, 'header extension names no chaincode');
  if (chaincodeName !== actionChaincodeId.getName()) return failure(CODE.INVALID_CHAINCODE, `inconsistent chaincode ids: header "${chaincodeName}", action "${actionChaincodeId.getName()}"`);
  if (actionChaincodeId.getVersion() === '') return failure(CODE.INVALID_CHAINCODE, 'chaincode action has no chaincode version');

  let event: ChaincodeEventParts | undefined;
  const eventBytes = chaincodeAction.value.getEvents_asU8();
  if (eventBytes.length > 0) {
    const parsedEvent = parse(() => peer.ChaincodeEvent.deserializeBinary(eventBytes));
    if (!parsedEvent.ok) return failure(CODE.INVALID_OTHER_REASON, `chaincode event does not parse: ${parsedEvent.reason}`);
    const e = parsedEvent.value;
    if (e.getChaincodeId() !== chaincodeName) return failure(CODE.INVALID_OTHER_REASON, `chaincode event of "${e.getChaincodeId()}" in a transaction of "${chaincodeName}"`);
    event = { chaincodeId: e.getChaincodeId(), txId: e.getTxId(), eventName: e.getEventName(), payload: e.getPayload_asU8() };
  }

  const namespaces = new Set<string>();
  for (const set of readWriteSets.readWriteSets) {
    if (namespaces.has(set.namespace)) return failure(CODE.ILLEGAL_WRITESET, `duplicate namespace "${set.namespace}" in the read-write set`);
    namespaces.add(set.namespace);
  }

  const response = chaincodeAction.value.getResponse();
  return {
    ok: true,
    chaincodeName,
    chaincodeProposalPayload,
    proposalResponsePayload,
    endorsements: endorsedAction.getEndorsementsList().map((e) => ({ endorser: e.getEndorser_asU8(), signature: e.getSignature_asU8() })),
    action: {
      results,
      readWriteSets: readWriteSets.readWriteSets,
      ...(event === undefined ? {} : { event }),
      response: { status: response?.getStatus() ?? 0, message: response?.getMessage() ?? '', payload: response?.getPayload_asU8() ?? new Uint8Array() },
      chaincodeId: { name: actionChaincodeId.getName(), version: actionChaincodeId.getVersion(), path: actionChaincodeId.getPath() },
    },
  };
}

/**
 * Decodes an endorser transaction envelope completely: {@link decodeEnvelopeHeader} then
 * {@link decodeEndorserTransaction}.
 *
 * @param envelope - serialised `common.Envelope`
 * @returns every part, or the first structural failure in Fabric's order (signatures are not
 *   checked: a validator checking them must interleave them, see `validation/blockValidator.ts`)
 * @example
 * ```ts
 * const tx = decodeTransactionEnvelope(block.getData()!.getDataList_asU8()[0]!);
 * if (tx.ok) console.log(tx.channelHeader.txId, tx.endorserTransaction.action.response.status);
 * else console.log(txValidationCodeName(tx.code), tx.reason);
 * ```
 */
export function decodeTransactionEnvelope(envelope: Uint8Array): TransactionEnvelopeDecoding {
  const header = decodeEnvelopeHeader(envelope);
  if (!header.ok) return header;
  const endorserTransaction = decodeEndorserTransaction(header);
  if (!endorserTransaction.ok) return endorserTransaction;
  const { ok: _ok, ...parts } = endorserTransaction;
  return { ...header, endorserTransaction: parts };
}

function parse<T>(read: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function failure(code: TxValidationCode, reason: string): DecodingFailure {
  return { ok: false, code, reason };
}
