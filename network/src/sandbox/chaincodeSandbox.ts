/**
 * A one-peer execution sandbox for chaincode tests: each transaction runs in the real chaincode
 * inside the unmodified fabric-shim, is simulated into a read-write set, and — when the chaincode
 * succeeds — has its writes committed at once, in submission order, without blocks. The
 * embedded peer adds ordering, validation and blocks on top of the same parts.
 */
import { buildSignedProposal } from '../protocol/proposal';
import { startInProcessChaincode } from '../chaincode/inProcessChaincode';
import type { ChaincodeConnection } from '../chaincode/chaincodeConnection';
import { MemoryWorldState } from '../ledger/memoryWorldState';
import { TxSimulator, type ReadWriteSet } from '../ledger/txSimulator';
import type { FabricIdentity } from '../identity/fabricIdentity';

/** Options of {@link ChaincodeSandbox.start}. */
export interface ChaincodeSandboxOptions {
  readonly contracts: readonly unknown[];
  /** Defaults to `suitrust`. */
  readonly channelId?: string;
  /** Defaults to `suitrust`. */
  readonly chaincodeName?: string;
  /** Time of the first transaction that names none; each later one is a second after. */
  readonly startTime?: string;
}

/** What one transaction did. */
export interface TransactionOutcome {
  readonly txId: string;
  readonly status: number;
  readonly message: string;
  /** The chaincode's response payload as UTF-8. */
  readonly payload: string;
  readonly event?: { readonly name: string; readonly payload: Uint8Array };
  readonly readWriteSet: ReadWriteSet;
  /** Whether its writes were committed (submitted and status below 400). */
  readonly committed: boolean;
}

/** Options of one transaction. */
export interface TransactionOptions {
  /** The transaction's timestamp (ISO 8601); defaults to the sandbox clock. */
  readonly at?: string;
  /** The proposal nonce, which with the creator fixes the transaction id; defaults to random. */
  readonly nonce?: Uint8Array;
}

/** A chaincode running in a sandbox peer. */
export class ChaincodeSandbox {
  readonly worldState = new MemoryWorldState();
  readonly #connection: ChaincodeConnection;
  readonly #channelId: string;
  readonly #chaincodeName: string;
  #clockMs: number;
  #blockNum = 0;

  private constructor(connection: ChaincodeConnection, channelId: string, chaincodeName: string, startMs: number) {
    this.#connection = connection;
    this.#channelId = channelId;
    this.#chaincodeName = chaincodeName;
    this.#clockMs = startMs;
  }

  /** Starts the chaincode in this process and the sandbox peer. */
  static async start(options: Readonly<ChaincodeSandboxOptions>): Promise<ChaincodeSandbox> {
    const chaincodeName = options.chaincodeName ?? 'suitrust';
    const connection = await startInProcessChaincode({ name: chaincodeName, version: '0', contracts: options.contracts });
    return ChaincodeSandbox.over(connection, { ...options, chaincodeName });
  }

  /**
   * A sandbox peer over a chaincode already connected, e.g. a packaged chaincode registered over
   * gRPC with a ChaincodeSupportServer.
   */
  static over(connection: ChaincodeConnection, options: Readonly<Omit<ChaincodeSandboxOptions, 'contracts'>> = {}): ChaincodeSandbox {
    const startMs = Date.parse(options.startTime ?? '2026-06-01T00:00:00Z');
    return new ChaincodeSandbox(connection, options.channelId ?? 'suitrust', options.chaincodeName ?? 'suitrust', startMs);
  }

  /** Runs a transaction and commits its writes if the chaincode succeeded. */
  async submit(identity: FabricIdentity, fn: string, args: readonly string[], options: TransactionOptions = {}): Promise<TransactionOutcome> {
    return this.#run(identity, fn, args, options, true);
  }

  /** Runs a transaction and commits nothing. */
  async evaluate(identity: FabricIdentity, fn: string, args: readonly string[], options: TransactionOptions = {}): Promise<TransactionOutcome> {
    return this.#run(identity, fn, args, options, false);
  }

  /** Stops the chaincode. */
  close(): void {
    this.#connection.close();
  }

  async #run(identity: FabricIdentity, fn: string, args: readonly string[], options: TransactionOptions, commit: boolean): Promise<TransactionOutcome> {
    const atMs = options.at === undefined ? (this.#clockMs += 1000) : Date.parse(options.at);
    const timestamp = { seconds: Math.floor(atMs / 1000), nanos: (atMs % 1000) * 1_000_000 };
    const { txId, signedProposal, input } = buildSignedProposal({
      identity,
      channelId: this.#channelId,
      chaincodeName: this.#chaincodeName,
      args: [fn, ...args],
      timestamp,
      ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    });
    const simulator = new TxSimulator(this.worldState, this.#chaincodeName);
    const result = await this.#connection.execute({ channelId: this.#channelId, txId, signedProposal, input, simulator });
    const readWriteSet = simulator.readWriteSet();
    const committed = commit && result.status < 400;
    if (committed) {
      await this.worldState.commit({
        txId,
        version: { blockNum: ++this.#blockNum, txNum: 0 },
        timestamp,
        namespace: this.#chaincodeName,
        writes: readWriteSet.writes,
      });
    }
    return {
      txId,
      status: result.status,
      message: result.message,
      payload: Buffer.from(result.payload).toString('utf8'),
      ...(result.event ? { event: result.event } : {}),
      readWriteSet,
      committed,
    };
  }
}
