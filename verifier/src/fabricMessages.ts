/**
 * The parts of Fabric 2.5's messages (fabric-protos `common/common.proto`, `msp/identities.proto`,
 * `peer/transaction.proto`, `peer/proposal_response.proto`) that a ledger proof is checked
 * against, read with field numbers from those files.
 */
import { ProtoMessage } from './protoWire';
import { MalformedInputError } from './malformedInputError';

/** `common.HeaderType.ENDORSER_TRANSACTION`. */
export const ENDORSER_TRANSACTION = 3;

/** `common.SignatureHeader`: who signed, and the nonce. */
export interface SignatureHeader {
  /** `msp.SerializedIdentity` bytes. */
  readonly creator: Uint8Array;
  readonly nonce: Uint8Array;
}

/** `msp.SerializedIdentity`. */
export interface SerializedIdentity {
  readonly mspId: string;
  /** The PEM certificate, as bytes. */
  readonly idBytes: Uint8Array;
}

/** `peer.Endorsement`. */
export interface Endorsement {
  /** `msp.SerializedIdentity` bytes of the endorsing peer. */
  readonly endorser: Uint8Array;
  readonly signature: Uint8Array;
}

/** An endorser transaction, taken apart. */
export interface TransactionEnvelope {
  /** `Envelope.payload`, as signed by the creator. */
  readonly payload: Uint8Array;
  /** The creator's signature over {@link payload}. */
  readonly signature: Uint8Array;
  readonly headerType: number;
  readonly channelId: string;
  readonly txId: string;
  readonly signatureHeader: SignatureHeader;
  /** The bytes every endorser signed (followed by its own identity). */
  readonly proposalResponsePayload: Uint8Array;
  readonly endorsements: readonly Endorsement[];
  /** The chaincode event the transaction emitted, if any. */
  readonly chaincodeEvent: ChaincodeEvent | undefined;
}

/** `peer.ChaincodeEvent`: what a transaction emitted (Fabric keeps one per transaction). */
export interface ChaincodeEvent {
  readonly chaincodeId: string;
  readonly txId: string;
  readonly eventName: string;
  readonly payload: Uint8Array;
}

/**
 * Takes apart an endorser transaction's `common.Envelope`: Envelope { payload = 1, signature = 2 }
 * → Payload { header = 1, data = 2 } → Header { channel_header = 1, signature_header = 2 } and
 * Transaction { actions = 1 } → TransactionAction { payload = 2 } → ChaincodeActionPayload
 * { action = 2 } → ChaincodeEndorsedAction { proposal_response_payload = 1, endorsements = 2 }.
 *
 * @param envelope - the envelope bytes as in the block
 * @returns its parts
 * @throws {MalformedInputError} when it is not an endorser transaction with exactly one action
 */
export function parseTransactionEnvelope(envelope: Uint8Array): TransactionEnvelope {
  const outer = new ProtoMessage(envelope, 'common.Envelope');
  const payload = outer.bytes(1);
  const payloadMessage = new ProtoMessage(payload, 'common.Payload');
  const header = new ProtoMessage(payloadMessage.bytes(1), 'common.Header');
  const channelHeader = new ProtoMessage(header.bytes(1), 'common.ChannelHeader');
  const headerType = Number(channelHeader.varint(1));
  if (headerType !== ENDORSER_TRANSACTION) throw new MalformedInputError(`common.ChannelHeader: type ${headerType} is not an endorser transaction`);
  const actions = new ProtoMessage(payloadMessage.bytes(2), 'peer.Transaction').repeatedBytes(1);
  if (actions.length !== 1) throw new MalformedInputError(`peer.Transaction: expected one action, got ${actions.length}`);
  const actionPayload = new ProtoMessage(new ProtoMessage(actions[0] as Uint8Array, 'peer.TransactionAction').bytes(2), 'peer.ChaincodeActionPayload');
  const endorsed = new ProtoMessage(actionPayload.bytes(2), 'peer.ChaincodeEndorsedAction');
  const proposalResponsePayload = endorsed.bytes(1);
  return {
    payload,
    signature: outer.bytes(2),
    headerType,
    channelId: channelHeader.string(4),
    txId: channelHeader.string(5),
    signatureHeader: parseSignatureHeader(header.bytes(2)),
    proposalResponsePayload,
    chaincodeEvent: chaincodeEvent(proposalResponsePayload),
    endorsements: endorsed.repeatedBytes(2).map((bytes) => {
      const endorsement = new ProtoMessage(bytes, 'peer.Endorsement');
      return { endorser: endorsement.bytes(1), signature: endorsement.bytes(2) };
    }),
  };
}

/**
 * ProposalResponsePayload { extension = 2 } → ChaincodeAction { events = 2 } → ChaincodeEvent
 * { chaincode_id = 1, tx_id = 2, event_name = 3, payload = 4 }.
 */
function chaincodeEvent(proposalResponsePayload: Uint8Array): ChaincodeEvent | undefined {
  const action = new ProtoMessage(new ProtoMessage(proposalResponsePayload, 'peer.ProposalResponsePayload').bytes(2), 'peer.ChaincodeAction');
  const eventBytes = action.bytes(2);
  if (eventBytes.length === 0) return undefined;
  const event = new ProtoMessage(eventBytes, 'peer.ChaincodeEvent');
  return { chaincodeId: event.string(1), txId: event.string(2), eventName: event.string(3), payload: event.bytes(4) };
}

/**
 * Reads a `common.SignatureHeader { creator = 1, nonce = 2 }`.
 *
 * @param bytes - its encoding
 * @returns creator and nonce
 * @throws {MalformedInputError} when the bytes are not a message
 */
export function parseSignatureHeader(bytes: Uint8Array): SignatureHeader {
  const header = new ProtoMessage(bytes, 'common.SignatureHeader');
  return { creator: header.bytes(1), nonce: header.bytes(2) };
}

/**
 * Reads an `msp.SerializedIdentity { mspid = 1, id_bytes = 2 }`.
 *
 * @param bytes - its encoding
 * @returns MSP ID and certificate bytes
 * @throws {MalformedInputError} when the bytes are not a message
 */
export function parseSerializedIdentity(bytes: Uint8Array): SerializedIdentity {
  const identity = new ProtoMessage(bytes, 'msp.SerializedIdentity');
  return { mspId: identity.string(1), idBytes: identity.bytes(2) };
}

/**
 * The transaction id of an envelope's channel header, or `undefined` when the envelope is not a
 * readable message (a config block's envelope still has one).
 *
 * @param envelope - envelope bytes
 * @returns `ChannelHeader.tx_id`
 */
export function envelopeTxId(envelope: Uint8Array): string | undefined {
  try {
    const payload = new ProtoMessage(new ProtoMessage(envelope, 'common.Envelope').bytes(1), 'common.Payload');
    return new ProtoMessage(new ProtoMessage(payload.bytes(1), 'common.Header').bytes(1), 'common.ChannelHeader').string(5);
  } catch {
    return undefined;
  }
}
