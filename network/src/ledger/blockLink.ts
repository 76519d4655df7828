/**
 * Whether a block continues a chain, with the checks Fabric's block store makes before it adds a
 * block (`common/ledger/blkstorage/blockfile_mgr.go` `addBlock`): its number is the height, its
 * previous_hash is the last block's header hash, and its data_hash matches its envelopes. As in
 * Fabric, block 0's previous_hash is not checked: a genesis block has nothing before it.
 */
import type { common } from '@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderHash } from './blockHash';
import type { BlockStoreErrorCode } from './blockStoreError';

/** The end of a chain a block must continue. */
export interface ChainTip {
  /** Number of blocks in the chain: the next block's number. */
  readonly height: number;
  /** Header hash of the last block (ignored when `height` is 0). */
  readonly currentBlockHash: Uint8Array;
}

/** The outcome of {@link checkBlockLink}. */
export type BlockLink =
  | {
      readonly ok: true;
      readonly number: number;
      /** The block's own header hash: the next block's previous_hash. */
      readonly headerHash: Uint8Array;
      readonly previousHash: Uint8Array;
    }
  | {
      readonly ok: false;
      readonly code: Extract<
        BlockStoreErrorCode,
        'BLOCK_STORE_OUT_OF_ORDER' | 'BLOCK_STORE_PREVIOUS_HASH_MISMATCH' | 'BLOCK_STORE_DATA_HASH_MISMATCH' | 'BLOCK_STORE_MALFORMED_BLOCK'
      >;
      /** Says which check failed, with the expected and actual values. */
      readonly message: string;
    };

/**
 * Checks that `block` is the next block after `tip`.
 *
 * @param block - the candidate block
 * @param tip - the chain it must continue
 * @returns the block's number and header hash, or which check failed and why
 */
export function checkBlockLink(block: common.Block, tip: Readonly<ChainTip>): BlockLink {
  const header = block.getHeader();
  if (!header) return { ok: false, code: 'BLOCK_STORE_MALFORMED_BLOCK', message: `block at height ${tip.height} has no header` };
  const number = header.getNumber();
  if (number !== tip.height) {
    return { ok: false, code: 'BLOCK_STORE_OUT_OF_ORDER', message: `block ${number} is out of order: the next block must be number ${tip.height}` };
  }
  const previousHash = header.getPreviousHash_asU8();
  if (number > 0 && !Buffer.from(previousHash).equals(tip.currentBlockHash)) {
    return {
      ok: false,
      code: 'BLOCK_STORE_PREVIOUS_HASH_MISMATCH',
      message: `block ${number} has previous_hash ${hex(previousHash)}, but block ${number - 1}'s header hash is ${hex(tip.currentBlockHash)}`,
    };
  }
  const dataHash = blockDataHash(block.getData()?.getDataList_asU8() ?? []);
  if (!Buffer.from(dataHash).equals(header.getDataHash_asU8())) {
    return {
      ok: false,
      code: 'BLOCK_STORE_DATA_HASH_MISMATCH',
      message: `block ${number} has data_hash ${hex(header.getDataHash_asU8())}, but its envelopes hash to ${hex(dataHash)}`,
    };
  }
  return { ok: true, number, headerHash: blockHeaderHash(header), previousHash };
}

function hex(bytes: Uint8Array): string {
  return bytes.length === 0 ? '(empty)' : Buffer.from(bytes).toString('hex');
}
