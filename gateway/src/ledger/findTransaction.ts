/**
 * Looks a transaction up by id through the peer's query system chaincode (qscc), as Fabric 2.5
 * and the embedded peer answer it: `GetTransactionByID` for the validation code the committing
 * peer recorded, and `GetBlockByTxID` for the block that holds it.
 */
import { GatewayError, type Network } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import * as grpc from '@grpc/grpc-js';

/** A transaction found on the ledger. */
export interface FoundTransaction {
  readonly validationCode: number;
  readonly blockNumber: bigint;
}

/**
 * The ledger's record of `transactionId`, or `undefined` when the peer has no such transaction.
 * @throws {GatewayError} when the peer cannot be reached (UNAVAILABLE, DEADLINE_EXCEEDED)
 */
export async function findTransaction(network: Network, transactionId: string): Promise<FoundTransaction | undefined> {
  const qscc = network.getContract('qscc');
  let processed: Uint8Array;
  try {
    processed = await qscc.evaluateTransaction('GetTransactionByID', network.getName(), transactionId);
  } catch (error) {
    // qscc answers an unknown id with a chaincode error, whose wording differs between peers.
    if (error instanceof GatewayError && error.code !== grpc.status.UNAVAILABLE && error.code !== grpc.status.DEADLINE_EXCEEDED) return undefined;
    throw error;
  }
  const validationCode = peer.ProcessedTransaction.deserializeBinary(processed).getValidationcode();
  const block = common.Block.deserializeBinary(await qscc.evaluateTransaction('GetBlockByTxID', network.getName(), transactionId));
  return { validationCode, blockNumber: BigInt(block.getHeader()?.getNumber() ?? 0) };
}
