/**
 * The orderer's block signature, as Fabric 2.5 writes it (orderer/common/multichannel/
 * blockwriter.go addBlockSignature): metadata SIGNATURES holds OrdererBlockMetadata as its value
 * and one MetadataSignature over value ‖ signature header ‖ the header's DER bytes. The
 * consensus's own metadata (Raft's etcdraft.BlockMetadata) sits in OrdererBlockMetadata's
 * consenter_metadata, wrapped in a common.Metadata as the block writer stores it.
 */
import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import type { FabricIdentity } from '../identity/fabricIdentity';
import { blockHeaderBytes } from '../ledger/blockHash';

/**
 * Signs a block in place, filling metadata index SIGNATURES.
 *
 * @param lastConfigIndex - the number of the channel's last config block
 * @param consenterMetadata - the consensus's own metadata (Raft: etcdraft.BlockMetadata), if any
 */
export function signBlock(block: common.Block, orderer: FabricIdentity, lastConfigIndex = 0, consenterMetadata?: Uint8Array): void {
  const header = block.getHeader();
  if (!header) throw new Error('signBlock: the block has no header');
  const lastConfig = new common.LastConfig();
  lastConfig.setIndex(lastConfigIndex);
  const blockMetadata = new common.OrdererBlockMetadata();
  blockMetadata.setLastConfig(lastConfig);
  // blockwriter.go wraps the consensus's metadata in a common.Metadata before storing it.
  if (consenterMetadata !== undefined) blockMetadata.setConsenterMetadata(wrapped(consenterMetadata));
  const value = blockMetadata.serializeBinary();
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(orderer.serialize());
  signatureHeader.setNonce(randomBytes(24));
  const signatureHeaderBytes = signatureHeader.serializeBinary();
  const signature = new common.MetadataSignature();
  signature.setSignatureHeader(signatureHeaderBytes);
  signature.setSignature(orderer.sign(Buffer.concat([value, signatureHeaderBytes, blockHeaderBytes(header)])));
  const metadata = new common.Metadata();
  metadata.setValue(value);
  metadata.setSignaturesList([signature]);
  setMetadata(block, common.BlockMetadataIndex.SIGNATURES, metadata.serializeBinary());
}

function wrapped(value: Uint8Array): Uint8Array {
  const metadata = new common.Metadata();
  metadata.setValue(value);
  return metadata.serializeBinary();
}

/** Sets one of a block's five metadata entries, creating the others empty as Fabric does. */
export function setMetadata(block: common.Block, index: number, bytes: Uint8Array): void {
  const metadata = block.getMetadata() ?? new common.BlockMetadata();
  const entries = metadata.getMetadataList_asU8();
  const all = Array.from({ length: Math.max(5, entries.length) }, (_, i) => entries[i] ?? new Uint8Array());
  all[index] = bytes;
  metadata.setMetadataList(all);
  block.setMetadata(metadata);
}
