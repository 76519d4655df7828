/**
 * The query system chaincode (Fabric 2.5 core/scc/qscc/query.go): ledger data for clients,
 * answered from the block store: GetChainInfo, GetBlockByNumber, GetBlockByHash,
 * GetTransactionByID and GetBlockByTxID, with Fabric's argument checks in its order and its
 * ledger's wording when something is not found (common/ledger/blkstorage, "no such … in index").
 */
import { common, peer } from '@hyperledger/fabric-protos';
import type { BlockStore } from '../ledger/blockStore';
import type { ProposalParts } from '../protocol/proposalParts';
import { isUtf8 } from 'node:buffer';
import type { SystemChaincode, SystemChaincodeResult } from './endorser';

type Result = SystemChaincodeResult;

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
    if (args.length < 2) return error(`Incorrect number of arguments, ${args.length}`);
    const fn = (args[0] as Buffer).toString('utf8');
    const channel = (args[1] as Buffer).toString('utf8');
    // Fabric checks the third argument's presence before the channel (query.go, Invoke).
    if (fn !== 'GetChainInfo' && args.length < 3) return error(`missing 3rd argument for ${fn}`);
    if (channel !== this.#channelId) return error(`Invalid chain ID, ${channel}`);
    const argument = args[2] as Buffer;
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
        const parsed = parseUint64(argument.toString('utf8'));
        if (!parsed.ok) return error(`Failed to parse block number with error ${parsed.error}`);
        const block = parsed.value <= BigInt(Number.MAX_SAFE_INTEGER) ? await this.#blockStore.blockByNumber(Number(parsed.value)) : undefined;
        return block ? ok(block.serializeBinary()) : error(`Failed to get block number ${parsed.value}, error no such block number [${parsed.value}] in index`);
      }
      case 'GetBlockByHash': {
        const block = await this.#blockStore.blockByHash(argument);
        if (block) return ok(block.serializeBinary());
        // Fabric prints the hash as a Go string of its bytes, then in hex inside the ledger's
        // error; bytes that are not UTF-8 make the message a string protobuf cannot marshal.
        if (!isUtf8(argument)) return { ...error(''), simulationError: 'failed to marshal response: string field contains invalid UTF-8' };
        return error(`Failed to get block hash ${argument.toString('utf8')}, error no such block hash [${argument.toString('hex')}] in index`);
      }
      case 'GetTransactionByID': {
        const txId = argument.toString('utf8');
        const found = await this.#transaction(txId);
        if (!found) return error(`Failed to get transaction with id ${txId}, error no such transaction ID [${txId}] in index`);
        const processed = new peer.ProcessedTransaction();
        processed.setTransactionenvelope(found.envelope);
        processed.setValidationcode(found.validationCode);
        return ok(processed.serializeBinary());
      }
      case 'GetBlockByTxID': {
        const txId = argument.toString('utf8');
        const location = this.#blockStore.transactionLocation(txId);
        const block = location && (await this.#blockStore.blockByNumber(location.blockNumber));
        return block ? ok(block.serializeBinary()) : error(`Failed to get block for txID ${txId}, error no such transaction ID [${txId}] in index`);
      }
      default:
        // Fabric checks the ACL resource `qscc/<function>` before dispatching, and an unknown
        // function has no policy: its "Requested function … not found" is never reached.
        return error(`access denied for [${fn}][${channel}]: [Unmapped policy for qscc/${fn}]`);
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

const UINT64_MAX = 2n ** 64n - 1n;

/** Go's `strconv.ParseUint(text, 10, 64)`: decimal digits only, no sign, no spaces, at most 2^64 - 1. */
function parseUint64(text: string): { ok: true; value: bigint } | { ok: false; error: string } {
  if (!/^[0-9]+$/.test(text)) return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(text)}: invalid syntax` };
  const value = BigInt(text);
  if (value > UINT64_MAX) return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(text)}: value out of range` };
  return { ok: true, value };
}

/** Go's `strconv.Quote` for the printable ASCII a block number argument holds; other characters escaped as JSON does. */
function goQuote(text: string): string {
  return JSON.stringify(text);
}
