/**
 * The query system chaincode (Fabric 2.5 core/scc/qscc/query.go): ledger data for clients,
 * answered from the block store: GetChainInfo, GetBlockByNumber, GetBlockByHash,
 * GetTransactionByID and GetBlockByTxID.
 */
import { common, peer } from '@hyperledger/fabric-protos';
import type { BlockStore } from '../ledger/blockStore';
import type { ProposalParts } from '../protocol/proposalParts';
import type { SystemChaincode } from './endorser';

type Result = { status: number; message: string; payload: Uint8Array };

const ok = (payload: Uint8Array): Result => ({ status: 200, message: '', payload });
const error = (message: string): Result => ({ status: 500, message, payload: new Uint8Array() });

/** qscc over one channel's block store. */
export class QuerySystemChaincode implements SystemChaincode {
  readonly #channelId: string;
  readonly #blockStore: BlockStore;

  constructor(options: Readonly<{ channelId: string; blockStore: BlockStore }>) {
    this.#channelId = options.channelId;
    this.#blockStore = options.blockStore;
  }

  async invoke(proposal: ProposalParts): Promise<Result> {
    const args = proposal.input.getArgsList_asU8().map((arg) => Buffer.from(arg));
    const fn = args[0]?.toString('utf8') ?? '';
    const channel = args[1]?.toString('utf8') ?? '';
    if (args.length < 2) return error(`Incorrect number of arguments, ${args.length}`);
    if (channel !== this.#channelId) return error(`Invalid chain ID, ${channel}`);
    const argument = args[2];
    switch (fn) {
      case 'GetChainInfo': {
        const chain = this.#blockStore.chainInfo();
        const info = new common.BlockchainInfo();
        info.setHeight(chain.height);
        info.setCurrentblockhash(chain.currentBlockHash);
        info.setPreviousblockhash(chain.previousBlockHash);
        return ok(info.serializeBinary());
      }
      case 'GetBlockByNumber': {
        if (!argument) return error('Block number must not be nil.');
        const number = Number(argument.toString('utf8'));
        if (!Number.isSafeInteger(number) || number < 0) return error(`Failed to parse block number with error strconv.ParseUint: parsing "${argument.toString('utf8')}": invalid syntax`);
        const block = await this.#blockStore.blockByNumber(number);
        return block ? ok(block.serializeBinary()) : error(`Failed to get block number ${number}, error Entry not found in index`);
      }
      case 'GetBlockByHash': {
        if (!argument) return error('Block hash must not be nil.');
        const block = await this.#blockStore.blockByHash(argument);
        return block ? ok(block.serializeBinary()) : error(`Failed to get block hash ${argument.toString('hex')}, error Entry not found in index`);
      }
      case 'GetTransactionByID': {
        if (!argument) return error('Transaction ID must not be empty.');
        const txId = argument.toString('utf8');
        const found = await this.#transaction(txId);
        if (!found) return error(`Failed to get transaction with id ${txId}, error Entry not found in index`);
        const processed = new peer.ProcessedTransaction();
        processed.setTransactionenvelope(found.envelope);
        processed.setValidationcode(found.validationCode);
        return ok(processed.serializeBinary());
      }
      case 'GetBlockByTxID': {
        if (!argument) return error('Transaction ID must not be empty.');
        const txId = argument.toString('utf8');
        const location = this.#blockStore.transactionLocation(txId);
        const block = location && (await this.#blockStore.blockByNumber(location.blockNumber));
        return block ? ok(block.serializeBinary()) : error(`Failed to get block for txID ${txId}, error Entry not found in index`);
      }
      default:
        return error(`Requested function ${fn} not found.`);
    }
  }

  async #transaction(txId: string): Promise<{ envelope: common.Envelope; validationCode: number } | undefined> {
    const location = this.#blockStore.transactionLocation(txId);
    if (!location) return undefined;
    const block = await this.#blockStore.blockByNumber(location.blockNumber);
    const bytes = block?.getData()?.getDataList_asU8()[location.txIndex];
    if (!bytes) return undefined;
    return { envelope: common.Envelope.deserializeBinary(bytes), validationCode: location.validationCode };
  }
}
