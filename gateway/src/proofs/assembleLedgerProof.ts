/**
 * Assembles the ledger proof of a transaction (DESIGN.md, "Proofs") through the stock
 * fabric-gateway client and the query system chaincode, so it works against the embedded peer
 * and a real Fabric network alike: the transaction's block with every envelope, its orderer
 * signatures, the headers of every later block up to the latest (or a chosen) block with that
 * block's signatures, and a commit attestation signed by the organisations' witnesses.
 */
import type { Network } from '@hyperledger/fabric-gateway';
import { suitrust } from '@suitrust/proto';
import { blockHeaderHash, envelopeTxId } from '@suitrust/verifier';
import { blockSignatures, commitHash, proofHeader, transactionsFilter } from './blockParts';
import type { CommitWitness } from './commitWitness';
import { blockByNumber, blockByTxId, chainHeight } from './ledgerQueries';
import { LedgerProofError } from './ledgerProofError';

/** What {@link assembleLedgerProof} needs. */
export interface LedgerProofRequest {
  /** The channel, through any peer of the network. */
  readonly network: Network;
  readonly txId: string;
  /** The block the header chain ends at; the latest block by default. */
  readonly upToBlock?: number;
  /** The organisations' witnesses; each attests the transaction's block. */
  readonly witnesses: readonly CommitWitness[];
}

/**
 * Reads a transaction's block and the chain after it, and gathers the witnesses' attestations.
 *
 * @param request - the channel, the transaction id, the last block and the witnesses
 * @returns the ledger proof
 * @throws {LedgerProofError} TRANSACTION_NOT_FOUND, BLOCK_OUT_OF_RANGE, UNEXPECTED_BLOCK, or
 *   WITNESS_DISAGREES when a witness's peer committed the block with other validation codes
 * @example
 * ```ts
 * const proof = await assembleLedgerProof({ network: gateway.getNetwork('suitrust'), txId, witnesses });
 * const outcome = verifyLedgerProof(proof, trustAnchors);
 * ```
 */
export async function assembleLedgerProof(request: Readonly<LedgerProofRequest>): Promise<suitrust.proofs.v1.LedgerProof> {
  const { network, txId } = request;
  const channelId = network.getName();
  const block = await blockByTxId(network, txId);
  const header = proofHeader(block);
  const number = Number(header.number);
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  const txIndex = envelopes.findIndex((envelope) => envelopeTxId(envelope) === txId);
  if (txIndex < 0) throw new LedgerProofError('UNEXPECTED_BLOCK', `block ${number} does not hold transaction ${txId}`);

  const height = await chainHeight(network);
  const last = request.upToBlock ?? height - 1;
  if (!Number.isSafeInteger(last) || last < number || last >= height) {
    throw new LedgerProofError('BLOCK_OUT_OF_RANGE', `upToBlock: expected a block from ${number} to ${height - 1}, got ${last}`);
  }
  const headerChain: suitrust.proofs.v1.IBlockHeader[] = [];
  let lastBlockSignatures: suitrust.proofs.v1.IBlockSignature[] = [];
  for (let next = number + 1; next <= last; next++) {
    const later = await blockByNumber(network, next);
    headerChain.push(proofHeader(later));
    if (next === last) lastBlockSignatures = blockSignatures(later);
  }

  const headerHash = blockHeaderHash({ number, previousHash: header.previousHash ?? new Uint8Array(), dataHash: header.dataHash ?? new Uint8Array() });
  const filter = transactionsFilter(block);
  const committed = commitHash(block);
  const testimonies = await Promise.all(request.witnesses.map((witness) => witness.attest({ channelId, blockNumber: number, blockHeaderHash: headerHash })));
  testimonies.forEach((testimony, index) => {
    if (!Buffer.from(testimony.transactionsFilter).equals(filter) || !Buffer.from(testimony.commitHash).equals(committed)) {
      throw new LedgerProofError('WITNESS_DISAGREES', `the peer of ${request.witnesses[index]?.mspId} committed block ${number} with other validation codes or commit hash`);
    }
  });

  return suitrust.proofs.v1.LedgerProof.create({
    channelId,
    txId,
    envelope: envelopes[txIndex],
    txIndex,
    blockEnvelopes: envelopes,
    blockHeader: header,
    blockSignatures: blockSignatures(block),
    headerChain,
    lastBlockSignatures,
    attestation: {
      channelId,
      blockNumber: number,
      blockHeaderHash: headerHash,
      transactionsFilter: filter,
      commitHash: committed,
      peerSignatures: testimonies.map((testimony) => testimony.signed),
      peerIdentities: testimonies.map((testimony) => testimony.identity),
    },
  });
}
