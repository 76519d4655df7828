/**
 * The KurrentDB adapter against a real server: the same behaviour tables as the embedded store.
 * Runs only when KURRENTDB_CONNECTION_STRING is set, e.g.
 *   KURRENTDB_CONNECTION_STRING='kurrentdb://localhost:2113?tls=false' npx vitest run projections
 * (a KurrentDB ≥ 22.6 started with `--insecure`, or a secure one with credentials in the string).
 */
import { describe } from 'vitest';
import { describeCheckpointStoreContract } from './checkpointStore.contract';
import { describeEventStoreContract } from './eventStore.contract';
import { openKurrentEventStore } from './kurrentEventStore';

const connectionString = process.env.KURRENTDB_CONNECTION_STRING ?? '';

if (connectionString === '') {
  console.log('KurrentDB contract suite skipped: set KURRENTDB_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false) to run it against a server');
}

describe.skipIf(connectionString === '')('KurrentDB', () => {
  describeEventStoreContract('KurrentDB', {
    open: () => openKurrentEventStore(connectionString),
    gaplessPositions: false,
    atomicAppendMany: false,
    exactAppendPosition: false,
  });
  describeCheckpointStoreContract('KurrentDB', () => openKurrentEventStore(connectionString));
});
