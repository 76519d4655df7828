/**
 * The parts of a `common.Block` a ledger proof carries: its header fields, its orderer
 * signatures (metadata SIGNATURES: a `common.Metadata` whose value every signature covers), and
 * what the committing peer wrote after validation (TRANSACTIONS_FILTER, and COMMIT_HASH as a
 * `common.Metadata` value), as Fabric 2.5 lays them out.
 */
import { common } from '@hyperledger/fabric-protos';
import type { suitrust } from '@suitrust/proto';

/**
 * The header of a block, as the proof message holds it.
 *
 * @param block - the block
 * @returns number, previous hash and data hash
 */
export function proofHeader(block: common.Block): suitrust.proofs.v1.IBlockHeader {
  const header = block.getHeader() ?? new common.BlockHeader();
  return { number: header.getNumber(), previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() };
}

/**
 * The orderer signatures of a block.
 *
 * @param block - the block
 * @returns each signature with the metadata value it covers
 */
export function blockSignatures(block: common.Block): suitrust.proofs.v1.IBlockSignature[] {
  const bytes = metadataEntry(block, common.BlockMetadataIndex.SIGNATURES);
  if (bytes.length === 0) return [];
  const metadata = common.Metadata.deserializeBinary(bytes);
  const value = metadata.getValue_asU8();
  return metadata.getSignaturesList().map((signature) => ({ signatureHeader: signature.getSignatureHeader_asU8(), signature: signature.getSignature_asU8(), value }));
}

/**
 * The validation code of every transaction (one `peer.TxValidationCode` byte each).
 *
 * @param block - a committed block
 * @returns the TRANSACTIONS_FILTER bytes
 */
export function transactionsFilter(block: common.Block): Uint8Array {
  return metadataEntry(block, common.BlockMetadataIndex.TRANSACTIONS_FILTER);
}

/**
 * The peer's commit hash of the block.
 *
 * @param block - a committed block
 * @returns the COMMIT_HASH value (empty when the peer wrote none)
 */
export function commitHash(block: common.Block): Uint8Array {
  const bytes = metadataEntry(block, common.BlockMetadataIndex.COMMIT_HASH);
  return bytes.length === 0 ? bytes : common.Metadata.deserializeBinary(bytes).getValue_asU8();
}

function metadataEntry(block: common.Block, index: number): Uint8Array {
  return block.getMetadata()?.getMetadataList_asU8()[index] ?? new Uint8Array();
}
