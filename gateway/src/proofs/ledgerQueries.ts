/**
 * The ledger reads a proof needs, through the query system chaincode (Fabric 2.5
 * `core/scc/qscc/query.go`), which the embedded peer and a real peer answer alike:
 * GetBlockByTxID, GetBlockByNumber and GetChainInfo.
 */
import type { Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { LedgerProofError } from './ledgerProofError';

/** The system chaincode's name. */
const QSCC = 'qscc';

/**
 * The block holding a transaction.
 *
 * @param network - a fabric-gateway network (channel)
 * @param txId - the transaction id
 * @returns the block
 * @throws {LedgerProofError} TRANSACTION_NOT_FOUND when the peer knows no such transaction
 */
export async function blockByTxId(network: Network, txId: string): Promise<common.Block> {
  let bytes: Uint8Array;
  try {
    bytes = await network.getContract(QSCC).evaluateTransaction('GetBlockByTxID', network.getName(), txId);
  } catch (error) {
    throw new LedgerProofError('TRANSACTION_NOT_FOUND', `no transaction ${txId} on channel ${network.getName()}`, { cause: error });
  }
  return decodeBlock(bytes, `the block of transaction ${txId}`);
}

/**
 * A block by number.
 *
 * @param network - a fabric-gateway network (channel)
 * @param number - the block number
 * @returns the block, checked to carry that number
 * @throws {LedgerProofError} UNEXPECTED_BLOCK when the peer returns another block or none
 */
export async function blockByNumber(network: Network, number: number): Promise<common.Block> {
  const bytes = await network.getContract(QSCC).evaluateTransaction('GetBlockByNumber', network.getName(), String(number));
  const block = decodeBlock(bytes, `block ${number}`);
  if (block.getHeader()?.getNumber() !== number) throw new LedgerProofError('UNEXPECTED_BLOCK', `asked for block ${number}, the peer returned block ${block.getHeader()?.getNumber()}`);
  return block;
}

/**
 * The channel's height: the number of blocks (the latest block's number + 1).
 *
 * @param network - a fabric-gateway network (channel)
 * @returns the height
 */
export async function chainHeight(network: Network): Promise<number> {
  const bytes = await network.getContract(QSCC).evaluateTransaction('GetChainInfo', network.getName());
  return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
}

function decodeBlock(bytes: Uint8Array, what: string): common.Block {
  try {
    const block = common.Block.deserializeBinary(bytes);
    if (!block.getHeader()) throw new Error('no header');
    return block;
  } catch (error) {
    throw new LedgerProofError('UNEXPECTED_BLOCK', `${what}: the peer's answer is not a block`, { cause: error });
  }
}
