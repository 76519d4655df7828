/**
 * The transaction ids of a block and the validation code its peer recorded for each, as Fabric's
 * block index reads them (`common/ledger/blkstorage/blockindex.go`): the id from each envelope's
 * Payload → Header → ChannelHeader.tx_id, the code from the byte at the transaction's index in
 * the TRANSACTIONS_FILTER metadata (`internal/pkg/txflags`).
 */
import { common, peer } from '@hyperledger/fabric-protos';

/** One of a block's transactions. */
export interface BlockTransaction {
  /** Its channel header's tx_id; empty when it has none or its envelope does not parse. */
  readonly txId: string;
  /** Its channel header's `common.HeaderType`; -1 when its envelope does not parse. */
  readonly type: number;
  /** Its `peer.TxValidationCode`. */
  readonly validationCode: number;
}

/**
 * Lists a block's transactions in order.
 *
 * A block fresh from the orderer carries no validation codes (its TRANSACTIONS_FILTER entry is
 * empty: the five real Fabric blocks in test/fixtures show it). Such a transaction gets
 * `NOT_VALIDATED` (254), the value Fabric's `txflags.New` fills a missing filter with, never
 * `VALID` (0): a store must not claim a validity nobody judged.
 *
 * An envelope that does not parse gets the id `''` rather than failing the block: the block is
 * ordered already, and its peer marks such a transaction invalid anyway.
 *
 * @param block - a block, with or without validation codes
 * @returns one entry per envelope, in the block's order
 */
export function blockTransactions(block: common.Block): BlockTransaction[] {
  const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
  return (block.getData()?.getDataList_asU8() ?? []).map((envelope, index) => ({
    ...headerOf(envelope),
    validationCode: filter[index] ?? peer.TxValidationCode.NOT_VALIDATED,
  }));
}

function headerOf(envelope: Uint8Array): { txId: string; type: number } {
  try {
    const header = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelope).getPayload_asU8()).getHeader();
    if (!header) return { txId: '', type: -1 };
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    return { txId: channelHeader.getTxId(), type: channelHeader.getType() };
  } catch {
    // google-protobuf throws on malformed bytes; see the doc comment for why that is not fatal.
    return { txId: '', type: -1 };
  }
}
