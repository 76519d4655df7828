/**
 * The embedded ordering service: accepts endorsed transactions from channel members, cuts them
 * into blocks, links each block to the last by header hash, signs it, and hands the blocks to
 * the committer strictly in order.
 */
import { common } from '@hyperledger/fabric-protos';
import type { FabricIdentity } from '../identity/fabricIdentity';
import { blockHeaderHash } from '../ledger/blockHash';
import { buildBlock } from '../ledger/buildBlock';
import { BlockCutter, type BatchLimits } from './blockCutter';
import { signBlock } from './blockSigning';
import { raftBlockMetadata } from './raftBlockMetadata';
import type { CreatorVerifier } from '../peer/endorser';

/** Options of {@link Orderer}. */
export interface OrdererOptions {
  readonly channelId: string;
  /** The orderer's identity, which signs blocks. */
  readonly identity: FabricIdentity;
  readonly limits: BatchLimits;
  /** Checks an envelope's creator signature: the channel's Writers policy. */
  readonly verifyCreator: CreatorVerifier;
  /** Number and previous hash of the next block (the ledger's height and last header hash). */
  readonly next: { readonly number: number; readonly previousHash: Uint8Array };
  /** How many Raft consenters the channel lists: each block carries their ids in its consenter metadata; none when 0. */
  readonly raftConsenters: number;
  /** Receives each block in order; the next is delivered only after this resolves. */
  readonly deliver: (block: common.Block) => Promise<void>;
  /** Called when delivering a block fails; the orderer stops. */
  readonly onFailure: (error: Error) => void;
}

/** The outcome of a broadcast, as Fabric's AtomicBroadcast answers it. */
export type BroadcastResult = { readonly ok: true } | { readonly ok: false; readonly status: common.StatusMap[keyof common.StatusMap]; readonly info: string };

/** A single-node ordering service for one channel. */
export class Orderer {
  readonly #options: OrdererOptions;
  readonly #cutter: BlockCutter;
  #number: number;
  #previousHash: Uint8Array;
  #delivery: Promise<void> = Promise.resolve();
  #stopped = false;
  #failed = false;

  constructor(options: Readonly<OrdererOptions>) {
    this.#options = options;
    this.#number = options.next.number;
    this.#previousHash = options.next.previousHash;
    this.#cutter = new BlockCutter(options.limits, (batch) => this.#createBlock(batch));
  }

  /** Accepts an endorsed transaction envelope for ordering, after checking its creator's signature. */
  broadcast(envelope: common.Envelope): BroadcastResult {
    if (this.#stopped) return { ok: false, status: common.Status.SERVICE_UNAVAILABLE, info: 'the ordering service has stopped' };
    let channelHeader: common.ChannelHeader;
    let signatureHeader: common.SignatureHeader;
    try {
      const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
      const header = payload.getHeader();
      if (!header) return { ok: false, status: common.Status.BAD_REQUEST, info: 'envelope has no header' };
      channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
      signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    } catch (error) {
      return { ok: false, status: common.Status.BAD_REQUEST, info: `malformed envelope: ${String(error)}` };
    }
    if (channelHeader.getChannelId() !== this.#options.channelId) {
      return { ok: false, status: common.Status.NOT_FOUND, info: `channel ${channelHeader.getChannelId()} not found` };
    }
    const creator = this.#options.verifyCreator(signatureHeader.getCreator_asU8(), envelope.getPayload_asU8(), envelope.getSignature_asU8());
    if (!creator.ok) {
      return { ok: false, status: common.Status.FORBIDDEN, info: `implicit policy evaluation failed - the Writers policy is not satisfied: ${creator.reason}` };
    }
    this.#cutter.add(envelope.serializeBinary());
    return { ok: true };
  }

  /** Cuts the pending batch, waits until every block so far has been delivered, and stops. */
  async stop(): Promise<void> {
    this.#cutter.flush();
    this.#stopped = true;
    await this.#delivery;
  }

  /** Waits until every block cut so far has been delivered. */
  async drain(): Promise<void> {
    this.#cutter.flush();
    await this.#delivery;
  }

  #createBlock(envelopes: Uint8Array[]): void {
    const block = buildBlock({ number: this.#number, previousHash: this.#previousHash, envelopes });
    const consenterMetadata = this.#options.raftConsenters > 0 ? raftBlockMetadata(this.#options.raftConsenters, this.#number) : undefined;
    signBlock(block, this.#options.identity, 0, consenterMetadata);
    this.#number += 1;
    this.#previousHash = blockHeaderHash(block.getHeader() as common.BlockHeader);
    this.#delivery = this.#delivery.then(async () => {
      if (this.#failed) return;
      try {
        await this.#options.deliver(block);
      } catch (error) {
        this.#failed = true;
        this.#stopped = true;
        this.#options.onFailure(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}
