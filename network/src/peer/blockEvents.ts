/**
 * What clients read out of a committed block: each transaction's id, header type, validation
 * code and chaincode event. Chaincode events are taken only from VALID transactions, as
 * Fabric's event iterators do.
 */
import { common, peer } from '@hyperledger/fabric-protos';
import { blockTransactions, type BlockTransaction } from '../ledger/blockTransactions';
import { decodeTransactionEnvelope } from '../protocol/transactionEnvelope';

/** One transaction of a block, as event streams see it. */
export interface EventfulTransaction extends BlockTransaction {
  readonly event?: peer.ChaincodeEvent;
}

/** The transactions of a block, in order, with the chaincode events of the valid ones. */
export function transactionsOf(block: common.Block): EventfulTransaction[] {
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  return blockTransactions(block).map((transaction, index) => {
    const valid = transaction.type === common.HeaderType.ENDORSER_TRANSACTION && transaction.validationCode === peer.TxValidationCode.VALID;
    const decoded = valid ? decodeTransactionEnvelope(envelopes[index] as Uint8Array) : undefined;
    const parts = decoded?.ok ? decoded.endorserTransaction.action.event : undefined;
    if (!parts) return transaction;
    const event = new peer.ChaincodeEvent();
    event.setChaincodeId(parts.chaincodeId);
    event.setTxId(parts.txId);
    event.setEventName(parts.eventName);
    event.setPayload(parts.payload);
    return { ...transaction, event };
  });
}

/** The chaincode events of a block's VALID transactions, in order. */
export function chaincodeEventsOf(block: common.Block): peer.ChaincodeEvent[] {
  return transactionsOf(block).flatMap((transaction) => (transaction.event ? [transaction.event] : []));
}
