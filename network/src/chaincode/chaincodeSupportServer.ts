/**
 * The peer's `ChaincodeSupport` gRPC service (Fabric `core/chaincode/chaincode_support.go`,
 * `protos/peer/chaincode_shim.proto` `service ChaincodeSupport { rpc Register(stream) }`): the
 * endpoint a chaincode started by the node builder dials with `--peer.address`. Each Register
 * stream becomes a {@link ChaincodeConnection}, found by the name the chaincode registers under
 * (its package id, `CORE_CHAINCODE_ID_NAME`).
 */
import * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { ChaincodeConnection } from './chaincodeConnection';
import type { MessageStream } from './messageStream';

/**
 * The peer's default `peer.maxRecvMsgSize` and `peer.maxSendMsgSize` (100 MiB); grpc-js would
 * otherwise refuse any message over 4 MiB, where a real peer accepts a large query result.
 */
const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
/** The peer's default `chaincode.startuptimeout`. */
const DEFAULT_STARTUP_TIMEOUT_MS = 300_000;

/** Options of {@link ChaincodeSupportServer}. */
export interface ChaincodeSupportServerOptions {
  /** `host:port` to listen on; defaults to `127.0.0.1:0`, a free port on the loopback interface. */
  readonly address?: string;
}

/** Options of {@link ChaincodeSupportServer.waitForChaincode}. */
export interface WaitForChaincodeOptions {
  /** How long to wait for the REGISTER; defaults to 300 000 ms, the peer's `chaincode.startuptimeout`. */
  readonly timeoutMs?: number;
}

interface Waiter {
  readonly resolve: (connection: ChaincodeConnection) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * A gRPC server accepting chaincodes' Register streams, as a peer does for chaincodes it
 * launched (the node builder's `npm start -- --peer.address host:port`).
 *
 * It listens without TLS for now: the chaincode is then started with
 * `CORE_PEER_TLS_ENABLED=false`. Mutual TLS with the peer's chaincode client certificate
 * (`CORE_TLS_CLIENT_KEY_PATH`, `CORE_TLS_CLIENT_CERT_PATH`) is a later issue.
 *
 * @example
 * const server = new ChaincodeSupportServer({});
 * const port = await server.start();
 * // start the chaincode with: npm start -- --peer.address 127.0.0.1:<port>
 * //   and CORE_CHAINCODE_ID_NAME=suitrust:<hash>, CORE_PEER_TLS_ENABLED=false
 * const connection = await server.waitForChaincode('suitrust:<hash>');
 * const result = await connection.execute({ channelId, txId, signedProposal, input, simulator });
 * await server.close();
 */
export class ChaincodeSupportServer {
  readonly #address: string;
  readonly #server: grpc.Server;
  /** Registered chaincodes by name; a chaincode that registers again replaces its old stream. */
  readonly #registered = new Map<string, ChaincodeConnection>();
  readonly #waiters = new Map<string, Waiter[]>();
  #closed = false;

  /**
   * @param options - where to listen
   */
  constructor(options: Readonly<ChaincodeSupportServerOptions> = {}) {
    this.#address = options.address ?? '127.0.0.1:0';
    this.#server = new grpc.Server({
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    });
    this.#server.addService(peer.ChaincodeSupportService, {
      register: (call: grpc.ServerDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>) => this.#accept(call),
    });
  }

  /**
   * Binds the address and starts serving.
   * @returns the bound port (the chosen one when the address asked for port 0)
   * @throws {Error} when the address cannot be bound, or the server was closed
   */
  start(): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('the chaincode support server is closed'));
    return new Promise((resolve, reject) => {
      // Insecure until TLS is added (a later issue): chaincodes must run with CORE_PEER_TLS_ENABLED=false.
      this.#server.bindAsync(this.#address, grpc.ServerCredentials.createInsecure(), (error, port) => {
        if (error) reject(new Error(`cannot listen on ${this.#address}: ${error.message}`, { cause: error }));
        else resolve(port);
      });
    });
  }

  /**
   * Waits until a chaincode has registered under `name`; resolves at once if it already has.
   * @param name - the name the chaincode registers under: its `CORE_CHAINCODE_ID_NAME`, e.g. `suitrust:<hash>`
   * @param options - how long to wait
   * @returns the connection to the chaincode, ready for transactions
   * @throws {Error} when the timeout passes first, or the server is closed
   */
  waitForChaincode(name: string, options: Readonly<WaitForChaincodeOptions> = {}): Promise<ChaincodeConnection> {
    const connection = this.#registered.get(name);
    if (connection) return Promise.resolve(connection);
    if (this.#closed) return Promise.reject(new Error('the chaincode support server is closed'));
    const timeoutMs = options.timeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#removeWaiter(name, waiter);
          reject(new Error(`chaincode ${name} did not register within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.#waiters.set(name, [...(this.#waiters.get(name) ?? []), waiter]);
    });
  }

  /**
   * Closes every chaincode stream and stops the server; pending waits are rejected.
   * @returns once the server has stopped, within about a second
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const [name, waiters] of this.#waiters) {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`the chaincode support server closed before chaincode ${name} registered`));
      }
    }
    this.#waiters.clear();
    for (const connection of this.#registered.values()) connection.close();
    this.#registered.clear();
    await new Promise<void>((resolve) => {
      // Chaincode processes keep their streams open; after a second, stop waiting for them.
      const force = setTimeout(() => this.#server.forceShutdown(), 1000);
      this.#server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  #accept(call: grpc.ServerDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>): void {
    if (this.#closed) {
      call.end();
      return;
    }
    const connection = new ChaincodeConnection(registerStream(call));
    connection.registered.then(
      (name) => {
        this.#registered.set(name, connection);
        const forget = (): void => {
          if (this.#registered.get(name) === connection) this.#registered.delete(name);
        };
        call.on('end', forget);
        call.on('cancelled', forget);
        const waiters = this.#waiters.get(name) ?? [];
        this.#waiters.delete(name);
        for (const waiter of waiters) {
          clearTimeout(waiter.timer);
          waiter.resolve(connection);
        }
      },
      // A stream that ends before REGISTER is a chaincode that gave up; its waiters time out.
      () => undefined,
    );
  }

  #removeWaiter(name: string, waiter: Waiter): void {
    const rest = (this.#waiters.get(name) ?? []).filter((other) => other !== waiter);
    if (rest.length === 0) this.#waiters.delete(name);
    else this.#waiters.set(name, rest);
  }
}

/**
 * The Register call as a {@link MessageStream}. A chaincode process that dies resets its HTTP/2
 * stream: grpc-js then emits `cancelled`, not `end`, so `cancelled` is reported as `end` for the
 * connection to fail the transactions still running rather than leave them waiting forever.
 */
function registerStream(call: grpc.ServerDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>): MessageStream {
  const stream: MessageStream = {
    write: (message) => {
      call.write(message);
    },
    on: (event: 'data' | 'end' | 'error', listener: ((message: peer.ChaincodeMessage) => void) & ((error?: Error) => void)) => {
      call.on(event, listener);
      if (event === 'end') call.on('cancelled', () => listener());
      return stream;
    },
    end: () => {
      call.end();
    },
  };
  return stream;
}
