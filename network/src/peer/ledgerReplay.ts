/**
 * Rebuilds the world state and history from the block store at start: the blocks are the
 * ledger, everything else is derived. Each VALID transaction's writes are applied at its
 * version (block, index), exactly as the committer applied them, and the commit-hash chain
 * resumes from the last block's COMMIT_HASH metadata.
 */
import { common, peer } from '@hyperledger/fabric-protos';
import type { BlockStore } from '../ledger/blockStore';
import type { WorldState } from '../ledger/worldState';
import { decodeTransactionEnvelope } from '../protocol/transactionEnvelope';
import type { TransactionValidation } from '../validation/blockValidator';
import { applyWrites } from './committer';

/** Replays every block into `state`; returns the last commit hash (empty when there is none). */
export async function replayLedger(blockStore: BlockStore, state: WorldState): Promise<{ lastCommitHash: Uint8Array }> {
  let lastCommitHash: Uint8Array = new Uint8Array();
  for (let number = 0; number < blockStore.height; number++) {
    const block = await blockStore.blockByNumber(number);
    if (!block) throw new Error(`block ${number} is missing from the block store`);
    const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
    const filter = metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
    const validations: TransactionValidation[] = (block.getData()?.getDataList_asU8() ?? []).map((envelope, txIndex) => {
      const code = (filter[txIndex] ?? peer.TxValidationCode.NOT_VALIDATED) as TransactionValidation['code'];
      const decoded = code === peer.TxValidationCode.VALID ? decodeTransactionEnvelope(envelope) : undefined;
      if (!decoded?.ok) return { txIndex, txId: '', code };
      const readWriteSet = decoded.endorserTransaction.action.readWriteSets.find((set) => set.namespace === decoded.endorserTransaction.chaincodeName);
      return { txIndex, txId: decoded.channelHeader.txId, code, timestamp: decoded.channelHeader.timestamp, ...(readWriteSet ? { readWriteSet } : {}) };
    });
    await applyWrites(state, number, validations);
    const commitHash = metadata[common.BlockMetadataIndex.COMMIT_HASH];
    if (commitHash && commitHash.length > 0) lastCommitHash = common.Metadata.deserializeBinary(commitHash).getValue_asU8();
  }
  return { lastCommitHash };
}
