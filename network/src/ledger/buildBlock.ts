/**
 * Builds the next block of a chain as Fabric's orderer does (`protoutil.NewBlock` then
 * `ComputeBlockDataHash`): header with number, previous hash and data hash, the envelopes as
 * data, and one empty metadata entry per `common.BlockMetadataIndex` value, for the orderer's
 * signature and the peer's validation codes and commit hash to fill.
 */
import { common } from '@hyperledger/fabric-protos';
import { blockDataHash } from './blockHash';

/** Number of `common.BlockMetadataIndex` values (SIGNATURES … COMMIT_HASH): Fabric's metadata length. */
const METADATA_ENTRIES = Object.keys(common.BlockMetadataIndex).length;

/** Options of {@link buildBlock}. */
export interface BuildBlockOptions {
  /** The block's number: the chain's height. */
  readonly number: number;
  /** The header hash of block `number - 1`; empty for block 0. */
  readonly previousHash: Uint8Array;
  /** Serialised `common.Envelope`s, in order. */
  readonly envelopes: readonly Uint8Array[];
}

/**
 * Builds a block whose data hash matches its envelopes.
 *
 * @param options - number, previous hash and envelopes
 * @returns an unsigned block with empty metadata entries
 * @throws {RangeError} when the number is not a non-negative safe integer
 * @example
 * ```ts
 * const info = store.chainInfo();
 * await store.append(buildBlock({ number: store.height, previousHash: info.currentBlockHash, envelopes }));
 * ```
 */
export function buildBlock(options: Readonly<BuildBlockOptions>): common.Block {
  if (!Number.isSafeInteger(options.number) || options.number < 0) {
    throw new RangeError(`number: expected a non-negative safe integer, got ${options.number}`);
  }
  const header = new common.BlockHeader();
  header.setNumber(options.number);
  header.setPreviousHash(options.previousHash);
  header.setDataHash(blockDataHash(options.envelopes));
  const data = new common.BlockData();
  data.setDataList([...options.envelopes]);
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList(Array.from({ length: METADATA_ENTRIES }, () => new Uint8Array()));
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}
