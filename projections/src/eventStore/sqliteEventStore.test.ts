/**
 * The embedded store: the event-store and checkpoint behaviour tables, then what only it
 * promises: durability settings, reopening, group commit isolation, unique event ids, processing
 * scopes, other processes' appends, schema versions.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCheckpointStoreContract } from './checkpointStore.contract';
import { aStream, anEvent, describeEventStoreContract, someEvents, take } from './eventStore.contract';
import { ANY, NO_STREAM } from './expectedRevision';
import { START } from './position';
import { openSqliteCheckpointStore } from './sqliteCheckpointStore';
import { openSqliteEventStore, type SqliteEventStore } from './sqliteEventStore';

const directory = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
const aFile = (): string => join(directory, `${randomUUID()}.db`);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeEventStoreContract('SQLite', {
  open: async () => openSqliteEventStore(aFile()),
  gaplessPositions: true,
  atomicAppendMany: true,
  exactAppendPosition: true,
});
describeCheckpointStoreContract('SQLite event store', async () => openSqliteEventStore(aFile()));
describeCheckpointStoreContract('SQLite checkpoint store', async () => openSqliteCheckpointStore(aFile()));

describe('SQLite event store', () => {
  let path: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    path = aFile();
    store = openSqliteEventStore(path);
  });
  afterEach(async () => {
    await store.close();
  });

  it('runs in WAL mode with synchronous = FULL', () => {
    const settings = store.withProcessingScope({ processorId: 'pragmas', position: 1n, expected: null }, ({ database }) => ({
      journal: database.pragma('journal_mode', { simple: true }),
      synchronous: database.pragma('synchronous', { simple: true }),
    }));
    expect(settings).toEqual({ ok: true, checkpoint: 1n, value: { journal: 'wal', synchronous: 2 } });
  });

  it('keeps everything across a reopen and goes on numbering without a gap', async () => {
    const stream = aStream();
    await store.appendToStream(stream, someEvents(3), { expectedRevision: NO_STREAM });
    await store.storeCheckpoint('p', 3n, { expected: null });
    await store.close();
    store = openSqliteEventStore(path);
    expect(await store.readStream(stream)).toHaveLength(3);
    expect(await store.readCheckpoint('p')).toBe(3n);
    const result = await store.appendToStream(stream, someEvents(1), { expectedRevision: 2n });
    expect(result).toEqual({ nextExpectedRevision: 3n, position: 4n });
  });

  it('commits concurrent appends as one group, failing only the one in conflict', async () => {
    const [a, b, c] = [aStream(), aStream(), aStream()];
    await store.appendToStream(b, someEvents(1), { expectedRevision: NO_STREAM });
    const outcomes = await Promise.allSettled([
      store.appendToStream(a, someEvents(1), { expectedRevision: NO_STREAM }),
      store.appendToStream(b, someEvents(1), { expectedRevision: NO_STREAM }),
      store.appendToStream(c, someEvents(1), { expectedRevision: NO_STREAM }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const positions = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.position] : []));
    expect(positions).toEqual([2n, 3n]);
  });

  it('never stores an event id twice: a retry at ANY is recognised, a reuse elsewhere refused', async () => {
    const [a, b] = [aStream(), aStream()];
    const events = someEvents(2);
    const first = await store.appendToStream(a, events, { expectedRevision: ANY });
    expect(await store.appendToStream(a, events, { expectedRevision: ANY })).toEqual(first);
    await expect(store.appendToStream(b, [events[0]!], { expectedRevision: ANY })).rejects.toMatchObject({ code: 'EVENT_STORE_DUPLICATE_EVENT_ID', stream: b });
    await expect(store.appendToStream(a, [events[1]!, anEvent()], { expectedRevision: 1n })).rejects.toMatchObject({ code: 'EVENT_STORE_DUPLICATE_EVENT_ID' });
    expect(await store.readStream(a)).toHaveLength(2);
    expect(await store.readStream(b)).toEqual([]);
  });

  it('follows more events than one catch-up batch, then live', async () => {
    const stream = aStream();
    const requests = Array.from({ length: 12 }, (_, i) => ({ stream, events: someEvents(100), expectedRevision: i === 0 ? NO_STREAM : BigInt(i * 100 - 1) }));
    await store.appendMany(requests);
    const subscription = store.subscribeToAll({ fromPosition: START });
    const iterator = subscription[Symbol.asyncIterator]();
    const caughtUp = await take(iterator, 1200);
    expect(caughtUp.map((event) => event.position)).toEqual(caughtUp.map((_, i) => BigInt(i + 1)));
    await store.appendToStream(stream, someEvents(1), { expectedRevision: 1199n });
    expect((await take(iterator, 1))[0]?.position).toBe(1201n);
    await subscription.close();
  });

  it('sees appends made through another connection to the same file, by polling', async () => {
    const reader = openSqliteEventStore(path, { pollIntervalMs: 20 });
    try {
      const subscription = reader.subscribeToAll({ fromPosition: START });
      const iterator = subscription[Symbol.asyncIterator]();
      const events = someEvents(3);
      await store.appendToStream(aStream(), events, { expectedRevision: NO_STREAM });
      expect((await take(iterator, 3, 5000)).map((event) => event.id)).toEqual(events.map((event) => event.id));
      await subscription.close();
    } finally {
      await reader.close();
    }
  });

  it('refuses a file whose schema is newer than this code', async () => {
    await store.close();
    const raw = new Database(path);
    raw.prepare("UPDATE schema_versions SET version = 2 WHERE component = 'event-store'").run();
    raw.close();
    expect(() => openSqliteEventStore(path)).toThrow(expect.objectContaining({ code: 'EVENT_STORE_SCHEMA_MISMATCH' }));
    store = openSqliteEventStore(aFile());
  });

  it('refuses an in-memory database: nothing acknowledged may be lost', () => {
    expect(() => openSqliteEventStore(':memory:')).toThrow(expect.objectContaining({ code: 'EVENT_STORE_INVALID_ARGUMENT' }));
  });
});

describe.each([
  { name: 'SQLite event store', open: (file: string) => openSqliteEventStore(file) },
  { name: 'SQLite checkpoint store', open: (file: string) => openSqliteCheckpointStore(file) },
])('$name: processing scope (read-model writes and checkpoint in one transaction)', ({ open }) => {
  let store: ReturnType<typeof open>;
  beforeEach(() => {
    store = open(aFile());
    store.withProcessingScope({ processorId: 'setup', position: 0n, expected: null }, ({ database }) => {
      database.exec('CREATE TABLE uses (id TEXT PRIMARY KEY, certificate TEXT NOT NULL)');
    });
  });
  afterEach(async () => {
    await store.close();
  });
  /** The read model's rows, through a connection of its own (what a query would see). */
  const rows = (): unknown[] => {
    const reader = new Database(store.path, { readonly: true });
    try {
      return reader.prepare('SELECT id FROM uses ORDER BY id').pluck().all();
    } finally {
      reader.close();
    }
  };

  it('commits the handler writes and the checkpoint together', async () => {
    const outcome = store.withProcessingScope({ processorId: 'uses', position: 7n, expected: null }, ({ database, checkpoint }) => {
      database.prepare('INSERT INTO uses VALUES (?, ?)').run('u1', 'c1');
      return checkpoint;
    });
    expect(outcome).toEqual({ ok: true, checkpoint: 7n, value: 7n });
    expect(await store.readCheckpoint('uses')).toBe(7n);
    expect(rows()).toEqual(['u1']);
  });

  it('rolls both back when the handler throws, and passes its error on as it is', async () => {
    const failure = new Error('projection bug');
    expect(() =>
      store.withProcessingScope({ processorId: 'uses', position: 7n, expected: null }, ({ database }) => {
        database.prepare('INSERT INTO uses VALUES (?, ?)').run('u1', 'c1');
        throw failure;
      }),
    ).toThrow(failure);
    expect(() =>
      store.withProcessingScope({ processorId: 'uses', position: 7n, expected: null }, ({ database }) => {
        database.prepare('INSERT INTO uses VALUES (?, ?)').run('u1', 'c1');
        database.prepare('INSERT INTO uses VALUES (?, ?)').run('u1', 'again');
      }),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }));
    expect(await store.readCheckpoint('uses')).toBeNull();
    expect(rows()).toEqual([]);
  });

  it('does not run the handler when the checkpoint moved: MISMATCH, nothing written', async () => {
    await store.storeCheckpoint('uses', 5n, { expected: null });
    let ran = false;
    const outcome = store.withProcessingScope({ processorId: 'uses', position: 9n, expected: 3n }, () => {
      ran = true;
    });
    expect(outcome).toEqual({ ok: false, reason: 'MISMATCH', current: 5n });
    expect(ran).toBe(false);
    expect(await store.readCheckpoint('uses')).toBe(5n);
  });

  it('refuses an async handler and rolls its synchronous part back', async () => {
    expect(() =>
      store.withProcessingScope({ processorId: 'uses', position: 1n, expected: null }, async ({ database }) => {
        database.prepare('INSERT INTO uses VALUES (?, ?)').run('u1', 'c1');
      }),
    ).toThrow(expect.objectContaining({ code: 'EVENT_STORE_INVALID_ARGUMENT' }));
    expect(await store.readCheckpoint('uses')).toBeNull();
    expect(rows()).toEqual([]);
  });
});
