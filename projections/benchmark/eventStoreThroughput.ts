/**
 * Throughput of the embedded event store on this machine, with its production settings (WAL,
 * synchronous = FULL) on a file in the OS temporary directory:
 *   npm run bench --workspace projections
 * Payload: 256 bytes of data plus a small JSON metadata object per event, like a relayed
 * chaincode event. Numbers go in the README.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventIdFor, eventStores, type EventToAppend, NO_STREAM, type SqliteEventStore } from '../src/index';

const directory = mkdtempSync(join(tmpdir(), 'event-store-bench-'));
let files = 0;
const fresh = (): SqliteEventStore => eventStores.sqlite(join(directory, `bench-${files++}.db`));
const payload = new Uint8Array(256).fill(7);
let tx = 0;
const events = (count: number): EventToAppend[] => {
  const txId = `bench-${tx++}`;
  return Array.from({ length: count }, (_, i) => ({ id: eventIdFor(txId, i), type: 'Bench', data: payload, metadata: { txId, block: '42' } }));
};

async function measure(label: string, count: number, run: () => Promise<void>): Promise<void> {
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label.padEnd(64)} ${String(Math.round(count / seconds)).padStart(9)} events/s  (${count} in ${seconds.toFixed(2)} s)`);
}

async function main(): Promise<void> {
  {
    const store = fresh();
    const n = 2000;
    await measure('appendToStream, 1 event, each awaited in turn', n, async () => {
      for (let i = 0; i < n; i++) await store.appendToStream(`s-${i}`, events(1), { expectedRevision: NO_STREAM });
    });
    await store.close();
  }
  {
    const store = fresh();
    const n = 20_000;
    await measure('appendToStream, 1 event, 1,000 in flight (group commit)', n, async () => {
      for (let i = 0; i < n; i += 1000) {
        await Promise.all(Array.from({ length: 1000 }, (_, k) => store.appendToStream(`s-${i + k}`, events(1), { expectedRevision: NO_STREAM })));
      }
    });
    await store.close();
  }
  {
    const store = fresh();
    const batches = 500;
    await measure('appendToStream, batches of 100 events, each awaited', batches * 100, async () => {
      for (let i = 0; i < batches; i++) await store.appendToStream(`s-${i}`, events(100), { expectedRevision: NO_STREAM });
    });
    await store.close();
  }
  {
    const store = fresh();
    const batches = 500;
    await measure('appendMany, 100 streams × 1 event, each awaited', batches * 100, async () => {
      for (let i = 0; i < batches; i++) {
        await store.appendMany(Array.from({ length: 100 }, (_, k) => ({ stream: `s-${i}-${k}`, events: events(1), expectedRevision: NO_STREAM })));
      }
    });
    const total = batches * 100;
    await measure('readAll, batches of 1,000', total, async () => {
      let read = 0;
      for (let from = 0n; ; ) {
        const batch = await store.readAll({ fromPosition: from, maxCount: 1000 });
        if (batch.length === 0) break;
        read += batch.length;
        from = batch[batch.length - 1]!.position;
      }
      if (read !== total) throw new Error(`read ${read} of ${total}`);
    });
    await measure('subscribeToAll, catch-up', total, async () => {
      const subscription = store.subscribeToAll();
      let seen = 0;
      for await (const _ of subscription) if (++seen === total) break;
    });
    await store.close();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(directory, { recursive: true, force: true }));
