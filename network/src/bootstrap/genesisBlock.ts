/**
 * A channel's genesis block as Fabric 2.5 makes it (`internal/configtxgen/genesis` `Factory.Block`
 * and `protoutil`): block 0 holding one CONFIG transaction, a `common.Envelope` whose payload has
 * a ChannelHeader of type CONFIG (version 1, epoch 0, transaction id hex(SHA-256(nonce ‖ creator))
 * with an empty creator), a SignatureHeader carrying only the nonce, and as data a
 * `common.ConfigEnvelope` with the channel's configuration at sequence 0 and no last update; the
 * envelope is unsigned. The header has number 0, an empty previous hash and the data hash of the
 * one envelope; the metadata has its five entries.
 *
 * Unlike configtxgen, which leaves block 0 unsigned, the orderer signs it (metadata SIGNATURES,
 * over value ‖ signature header ‖ header DER) so every block of the chain verifies the same way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { buildBlock } from '../ledger/buildBlock';
import { signBlock } from '../orderer/blockSigning';
import { channelConfig, type ChannelConfigOptions } from './channelConfig';

/** Fabric's rule for channel names (`common/configtx` `validateChannelID`). */
const CHANNEL_ID = /^[a-z][a-z0-9.-]{0,248}$/;
/** configtxgen's `msgVersion` for the CONFIG transaction's channel header. */
const CONFIG_MESSAGE_VERSION = 1;
/** `protoutil.CreateNonce`: 24 random bytes. */
const NONCE_BYTES = 24;

/** Options of {@link createGenesisBlock}. */
export interface GenesisBlockOptions extends ChannelConfigOptions {
  /** The channel's name, e.g. `suitrust`. */
  readonly channelId: string;
  /** The CONFIG transaction's timestamp; the current time by default (set-up code, not chaincode). */
  readonly timestamp?: Date;
}

/**
 * Builds and signs the genesis block of a channel. Make it once and store it: a second call gives
 * another nonce, transaction id and hash.
 *
 * @param options - the channel id, the organisations (a {@link NetworkMaterial}'s `organisations`
 *   and `ordererOrganisation` fit as they are) and the batch limits
 * @returns block 0, signed by the orderer organisation's orderer
 * @throws {RangeError} when the channel id breaks Fabric's rule, or no peer organisation is given
 * @example
 * ```ts
 * const material = await loadOrCreateNetworkMaterial({ directory });
 * const block = createGenesisBlock({ channelId: 'suitrust', organisations: material.organisations, ordererOrganisation: material.ordererOrganisation });
 * await blockStore.append(block);
 * ```
 */
export function createGenesisBlock(options: Readonly<GenesisBlockOptions>): common.Block {
  if (!CHANNEL_ID.test(options.channelId)) {
    throw new RangeError(`channelId: expected lower-case letters, digits, '.' or '-' starting with a letter, got ${JSON.stringify(options.channelId)}`);
  }
  if (options.organisations.length === 0) throw new RangeError('organisations: expected at least one peer organisation');
  const configEnvelope = new common.ConfigEnvelope();
  configEnvelope.setConfig(channelConfig(options));

  const nonce = randomBytes(NONCE_BYTES);
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setNonce(nonce);
  const time = options.timestamp ?? new Date();
  const timestamp = new Timestamp();
  timestamp.setSeconds(Math.floor(time.getTime() / 1000));
  timestamp.setNanos((time.getTime() % 1000) * 1_000_000);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG);
  channelHeader.setVersion(CONFIG_MESSAGE_VERSION);
  channelHeader.setTimestamp(timestamp);
  channelHeader.setChannelId(options.channelId);
  // protoutil.ComputeTxID over nonce ‖ creator; the creator is empty in a genesis transaction.
  channelHeader.setTxId(createHash('sha256').update(nonce).digest('hex'));
  channelHeader.setEpoch(0);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(configEnvelope.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());

  const block = buildBlock({ number: 0, previousHash: new Uint8Array(), envelopes: [envelope.serializeBinary()] });
  signBlock(block, options.ordererOrganisation.orderer.identity, 0);
  return block;
}
