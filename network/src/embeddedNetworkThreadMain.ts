/** The worker thread of {@link startEmbeddedNetworkThread}: runs the embedded network until told to close. */
// First: fabric's libraries read their log level when they load.
import './cli/shimLogLevel';
import { parentPort, workerData } from 'node:worker_threads';
import { contracts } from '@suitrust/chaincode';
import { startEmbeddedNetwork } from './embeddedNetwork';
import type { EmbeddedNetworkThreadMessage, EmbeddedNetworkThreadOptions } from './embeddedNetworkThread';

const port = parentPort;
if (!port) throw new Error('embeddedNetworkThreadMain runs only as a worker thread');
const say = (message: EmbeddedNetworkThreadMessage): void => port.postMessage(message);

startEmbeddedNetwork({ ...(workerData as EmbeddedNetworkThreadOptions), contracts }).then(
  (network) => {
    port.on('message', (message) => {
      if (message !== 'close') return;
      void network.close().then(() => {
        say({ type: 'closed' });
        port.close();
      });
    });
    say({ type: 'started', endpoint: network.endpoint, connectionProfilePath: network.connectionProfilePath, startHeight: network.startHeight });
  },
  (error: unknown) => {
    say({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
  },
);
