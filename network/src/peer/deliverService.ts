/**
 * Fabric's peer Deliver service (protos.Deliver: Deliver, DeliverFiltered,
 * DeliverWithPrivateData; core/peer/deliverevents.go and common/deliver/deliver.go): a client
 * sends a signed SeekInfo envelope and receives blocks, filtered blocks, or blocks with (here
 * always empty) private data, from its start position to its stop position, then a status.
 */
import { status as Status, type ServerDuplexStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { common, orderer, peer } from '@hyperledger/fabric-protos';
import type { BlockStore } from '../ledger/blockStore';
import { blocksFrom } from './blockStream';
import { transactionsOf } from './blockEvents';
import type { Committer } from './committer';
import type { CreatorVerifier } from './endorser';

/** Options of {@link deliverService}. */
export interface DeliverServiceOptions {
  readonly channelId: string;
  readonly blockStore: BlockStore;
  readonly committer: Committer;
  readonly verifyCreator: CreatorVerifier;
}

type Shape = 'block' | 'filtered' | 'private';

/** The Deliver service's handlers. */
export function deliverService(options: Readonly<DeliverServiceOptions>): UntypedServiceImplementation {
  const handler = (shape: Shape) => (call: ServerDuplexStream<common.Envelope, peer.DeliverResponse>) => {
    const controller = new AbortController();
    call.on('cancelled', () => controller.abort());
    call.on('end', () => call.end());
    let queue = Promise.resolve();
    call.on('data', (envelope: common.Envelope) => {
      queue = queue.then(() => serve(options, shape, envelope, call, controller.signal)).catch(() => {
        call.destroy();
      });
    });
  };
  return { deliver: handler('block'), deliverFiltered: handler('filtered'), deliverWithPrivateData: handler('private') };
}

async function serve(
  options: Readonly<DeliverServiceOptions>,
  shape: Shape,
  envelope: common.Envelope,
  call: ServerDuplexStream<common.Envelope, peer.DeliverResponse>,
  signal: AbortSignal,
): Promise<void> {
  const sendStatus = (status: common.StatusMap[keyof common.StatusMap]): void => {
    const response = new peer.DeliverResponse();
    response.setStatus(status);
    call.write(response);
  };
  let seekInfo: orderer.SeekInfo;
  try {
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const header = payload.getHeader();
    if (!header) return sendStatus(common.Status.BAD_REQUEST);
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    if (channelHeader.getChannelId() !== options.channelId) return sendStatus(common.Status.NOT_FOUND);
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    if (!options.verifyCreator(signatureHeader.getCreator_asU8(), envelope.getPayload_asU8(), envelope.getSignature_asU8()).ok) {
      return sendStatus(common.Status.FORBIDDEN);
    }
    seekInfo = orderer.SeekInfo.deserializeBinary(payload.getData_asU8());
  } catch {
    return sendStatus(common.Status.BAD_REQUEST);
  }

  const height = options.blockStore.height;
  const start = position(seekInfo.getStart(), height, 'start');
  const stop = position(seekInfo.getStop(), height, 'stop');
  if (start === undefined || stop === undefined || start > stop) return sendStatus(common.Status.BAD_REQUEST);
  if (seekInfo.getBehavior() === orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY && start >= height) return sendStatus(common.Status.NOT_FOUND);

  for await (const block of blocksFrom({ blockStore: options.blockStore, committer: options.committer, start, signal })) {
    const response = new peer.DeliverResponse();
    if (shape === 'block') response.setBlock(block);
    else if (shape === 'filtered') response.setFilteredBlock(filteredBlock(options.channelId, block));
    else {
      const withPrivateData = new peer.BlockAndPrivateData();
      withPrivateData.setBlock(block);
      response.setBlockAndPrivateData(withPrivateData);
    }
    if (!call.write(response)) await new Promise((resolve) => call.once('drain', resolve));
    if ((block.getHeader()?.getNumber() ?? 0) >= stop) return sendStatus(common.Status.SUCCESS);
  }
}

/** A seek position as a block number; newest is the last block, next-commit the next one. */
function position(seek: orderer.SeekPosition | undefined, height: number, end: 'start' | 'stop'): number | undefined {
  switch (seek?.getTypeCase()) {
    case orderer.SeekPosition.TypeCase.OLDEST:
      return 0;
    case orderer.SeekPosition.TypeCase.NEWEST:
      return Math.max(0, height - 1);
    case orderer.SeekPosition.TypeCase.SPECIFIED:
      return seek.getSpecified()?.getNumber() ?? 0;
    case orderer.SeekPosition.TypeCase.NEXT_COMMIT:
      return height;
    default:
      return end === 'start' ? undefined : Number.MAX_SAFE_INTEGER;
  }
}

/** A block reduced to transaction ids, types, validation codes and event names, payloads stripped. */
function filteredBlock(channelId: string, block: common.Block): peer.FilteredBlock {
  const filtered = new peer.FilteredBlock();
  filtered.setChannelId(channelId);
  filtered.setNumber(block.getHeader()?.getNumber() ?? 0);
  filtered.setFilteredTransactionsList(
    transactionsOf(block).map((transaction) => {
      const result = new peer.FilteredTransaction();
      result.setTxid(transaction.txId);
      result.setType(transaction.type as common.HeaderTypeMap[keyof common.HeaderTypeMap]);
      result.setTxValidationCode(transaction.validationCode as peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap]);
      if (transaction.event) {
        const event = new peer.ChaincodeEvent();
        event.setChaincodeId(transaction.event.getChaincodeId());
        event.setTxId(transaction.event.getTxId());
        event.setEventName(transaction.event.getEventName());
        const action = new peer.FilteredChaincodeAction();
        action.setChaincodeEvent(event);
        const actions = new peer.FilteredTransactionActions();
        actions.setChaincodeActionsList([action]);
        result.setTransactionActions(actions);
      }
      return result;
    }),
  );
  return filtered;
}
