/**
 * The child of `sqliteEventStore.crash.e2e.test.ts`: opens the store, then appends until killed,
 * printing one `ack` line the moment each append's promise resolves:
 *   open <last position at open>
 *   ack <stream> <last revision> <position> <event count>
 * Streams are `crash-0` … `crash-19`; the event at revision r of stream s has the id
 * eventIdFor(s, r), so the parent can check every acknowledged event. Appends come in the three
 * shapes the store has: awaited one by one, concurrent (grouped into one commit), and appendMany.
 */
import { BACKWARDS, eventIdFor, eventStores, type EventToAppend, NO_STREAM, type SqliteEventStore } from '../src/index';

const STREAMS = 20;
const path = process.argv[2];
if (path === undefined) throw new Error('usage: sqliteCrashAppender <database file>');

function eventsFor(stream: string, from: bigint, count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => ({
    id: eventIdFor(stream, Number(from) + i),
    type: 'CrashTest',
    data: i % 2 === 0 ? { stream, revision: String(from + BigInt(i)), padding: 'x'.repeat(200) } : new Uint8Array(256).fill(i),
  }));
}

async function main(store: SqliteEventStore): Promise<void> {
  const next = new Map<string, bigint>();
  for (let k = 0; k < STREAMS; k++) {
    const stream = `crash-${k}`;
    const [last] = await store.readStream(stream, { direction: BACKWARDS, maxCount: 1 });
    next.set(stream, last === undefined ? 0n : last.revision + 1n);
  }
  process.stdout.write(`open ${await lastPosition(store)}\n`);

  const append = async (stream: string, count: number): Promise<void> => {
    const from = next.get(stream) as bigint;
    next.set(stream, from + BigInt(count));
    const result = await store.appendToStream(stream, eventsFor(stream, from, count), { expectedRevision: from === 0n ? NO_STREAM : from - 1n });
    process.stdout.write(`ack ${stream} ${result.nextExpectedRevision} ${result.position} ${count}\n`);
  };

  for (let round = 0; ; round++) {
    const stream = `crash-${round % STREAMS}`;
    switch (round % 3) {
      case 0:
        await append(stream, 1 + (round % 5));
        break;
      case 1:
        await Promise.all(Array.from({ length: 10 }, (_, k) => append(`crash-${(round + k) % STREAMS}`, 1)));
        break;
      default: {
        const requests = Array.from({ length: 5 }, (_, k) => {
          const name = `crash-${(round + 2 * k) % STREAMS}`;
          const from = next.get(name) as bigint;
          next.set(name, from + 3n);
          return { stream: name, events: eventsFor(name, from, 3), expectedRevision: from === 0n ? NO_STREAM : from - 1n };
        });
        const results = await store.appendMany(requests);
        results.forEach((result, k) => process.stdout.write(`ack ${requests[k]?.stream} ${result.nextExpectedRevision} ${result.position} 3\n`));
      }
    }
  }
}

async function lastPosition(store: SqliteEventStore): Promise<bigint> {
  let position = 0n;
  for (;;) {
    const batch = await store.readAll({ fromPosition: position, maxCount: 10_000 });
    if (batch.length === 0) return position;
    position = batch[batch.length - 1]?.position as bigint;
  }
}

main(eventStores.sqlite(path)).catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
