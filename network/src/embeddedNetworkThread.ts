/**
 * The embedded network on its own thread. `npm start` runs the gateway, the relay and the views
 * on the main thread and the peer (endorsement inside the chaincode, ordering, validation, the
 * block store) on a worker thread, so the two halves of every write use both cores instead of
 * taking turns on one. They talk as before, through Fabric's Gateway protocol over gRPC/TLS.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { EndorsementPolicy } from './validation/endorsementPolicy';
import type { BatchLimits } from './orderer/blockCutter';

/** Options of {@link startEmbeddedNetworkThread}: those of `startEmbeddedNetwork` that cross a thread. */
export interface EmbeddedNetworkThreadOptions {
  readonly directory: string;
  readonly host?: string;
  /** 0 for any free port. */
  readonly port?: number;
  readonly endorsementPolicy?: EndorsementPolicy;
  readonly limits?: BatchLimits;
  readonly chaincodeVersion?: string;
  /** Told when the thread ends other than by {@link EmbeddedNetworkThread.close}: the peer is gone. */
  readonly onUnexpectedExit?: (reason: Error) => void;
}

/** The running network, seen from the main thread. */
export interface EmbeddedNetworkThread {
  readonly endpoint: string;
  readonly connectionProfilePath: string;
  readonly startHeight: number;
  /** Commits what was ordered, closes the ledger and ends the thread. */
  close(): Promise<void>;
}

/** What the thread says to the main thread. */
export type EmbeddedNetworkThreadMessage =
  | { readonly type: 'started'; readonly endpoint: string; readonly connectionProfilePath: string; readonly startHeight: number }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'closed' };

/**
 * Starts the embedded network, with the SuiTrust chaincode, on a worker thread.
 * @param options - where and how
 * @returns the network once it accepts connections
 * @throws {Error} when it cannot start (its reason)
 */
export function startEmbeddedNetworkThread(options: Readonly<EmbeddedNetworkThreadOptions>): Promise<EmbeddedNetworkThread> {
  const { onUnexpectedExit, ...workerData } = options;
  const worker = new Worker(join(__dirname, 'embeddedNetworkThreadMain.js'), { workerData });
  let closing = false;
  return new Promise((resolve, reject) => {
    let started = false;
    worker.on('message', (message: EmbeddedNetworkThreadMessage) => {
      if (message.type === 'failed') reject(new Error(message.message));
      if (message.type !== 'started') return;
      started = true;
      resolve({
        endpoint: message.endpoint,
        connectionProfilePath: message.connectionProfilePath,
        startHeight: message.startHeight,
        close: () =>
          new Promise<void>((closed) => {
            closing = true;
            worker.once('exit', () => closed());
            worker.postMessage('close');
          }),
      });
    });
    worker.on('error', (error) => (started ? onUnexpectedExit?.(error) : reject(error)));
    worker.on('exit', (code) => {
      if (!started) reject(new Error(`the embedded network's thread exited with code ${code} before it started`));
      else if (!closing) onUnexpectedExit?.(new Error(`the embedded network's thread exited with code ${code}`));
    });
  });
}
