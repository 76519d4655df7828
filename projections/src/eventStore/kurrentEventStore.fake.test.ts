/**
 * The KurrentDB adapter's own logic through the behaviour tables, over an in-memory stand-in for
 * the server (`kurrent/kurrentClient.fake.ts`): runs everywhere; the real server's turn is
 * `kurrentEventStore.int.test.ts`.
 */
import { describeCheckpointStoreContract } from './checkpointStore.contract';
import { describeEventStoreContract } from './eventStore.contract';
import { fakeKurrentClient } from './kurrent/kurrentClient.fake';
import { loadKurrentClient } from './kurrent/loadKurrentClient';
import { createKurrentEventStore } from './kurrentEventStore';

const open = async () => {
  const api = await loadKurrentClient();
  return createKurrentEventStore({ api, client: fakeKurrentClient(api) });
};

describeEventStoreContract('KurrentDB adapter over a fake server', { open, gaplessPositions: false, atomicAppendMany: false, exactAppendPosition: false });
describeCheckpointStoreContract('KurrentDB adapter over a fake server', open);
