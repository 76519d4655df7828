/**
 * The behaviour table of the event-store seam, run against every implementation: the embedded
 * SQLite store always (`sqliteEventStore.test.ts`), KurrentDB when a connection string is given
 * (`kurrentEventStore.int.test.ts`). Each test uses streams of its own, so the table also runs
 * against a shared, non-empty KurrentDB.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventToAppend, RecordedEvent } from './eventData';
import type { AppendResult, EventStore, EventSubscription } from './eventStore';
import { ANY, type ExpectedRevision, NO_STREAM, STREAM_EXISTS, type ActualRevision } from './expectedRevision';
import { BACKWARDS, END, type Position, START } from './position';

/** What the table needs to know about an implementation. */
export interface EventStoreContractSubject {
  /** A fresh store (it may share data with earlier ones: tests use their own streams). */
  readonly open: () => Promise<EventStore>;
  /** Global positions are 1, 2, 3… with no gap (the embedded store). */
  readonly gaplessPositions: boolean;
  /** `appendMany` writes all requests or none (the embedded store). */
  readonly atomicAppendMany: boolean;
  /** An append's result position is exactly its last event's position (the embedded store). */
  readonly exactAppendPosition: boolean;
}

/** A fresh event with a random id. */
export function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return { id: randomUUID(), type: 'TestEvent', data: { n: Math.random() }, ...overrides };
}

/** `count` fresh events. */
export function someEvents(count: number, type = 'TestEvent'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => anEvent({ type, data: { i } }));
}

/** A stream name no other test uses. */
export function aStream(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

/** Takes `count` events from an iterator, failing after `timeoutMs`. */
export async function take(iterator: AsyncIterator<RecordedEvent>, count: number, timeoutMs = 10_000, accept: (event: RecordedEvent) => boolean = () => true): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (taken.length < count) {
    const remaining = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const step = await Promise.race([
      iterator.next(),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(remaining, 0)))),
    ]);
    clearTimeout(timer);
    if (step === 'timeout') throw new Error(`timed out after ${taken.length} of ${count} events`);
    if (step.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    if (accept(step.value)) taken.push(step.value);
  }
  return taken;
}

/** The position just before the test's own events: the result position of a marker append. */
async function mark(store: EventStore): Promise<Position> {
  return (await store.appendToStream(aStream('marker'), [anEvent({ type: 'Marker' })])).position;
}

const ids = (events: readonly { id: string }[]): string[] => events.map((event) => event.id);

/**
 * A retry's result is the first attempt's: the same revision, and the same position where the
 * store reports exact positions (KurrentDB's retry reports its last event's position, which may
 * precede the position the server reported for the append).
 */
function expectSameResult(retry: AppendResult, first: AppendResult, exact: boolean): void {
  expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
  if (exact) expect(retry.position).toBe(first.position);
  else expect(retry.position <= first.position).toBe(true);
}

/**
 * Declares the behaviour table for one implementation.
 * @param name - the implementation's name, shown in the report.
 * @param subject - how to open it and what it promises beyond the interface.
 */
export function describeEventStoreContract(name: string, subject: EventStoreContractSubject): void {
  describe(`${name}: event store contract`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await subject.open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('expected revision: every constant and exact revisions, enforced', () => {
      const table: ReadonlyArray<{ stream: 'absent' | 'at revision 1'; expected: ExpectedRevision; accepted: boolean; actual: ActualRevision }> = [
        { stream: 'absent', expected: NO_STREAM, accepted: true, actual: NO_STREAM },
        { stream: 'absent', expected: ANY, accepted: true, actual: NO_STREAM },
        { stream: 'absent', expected: STREAM_EXISTS, accepted: false, actual: NO_STREAM },
        { stream: 'absent', expected: 0n, accepted: false, actual: NO_STREAM },
        { stream: 'absent', expected: 1n, accepted: false, actual: NO_STREAM },
        { stream: 'at revision 1', expected: NO_STREAM, accepted: false, actual: 1n },
        { stream: 'at revision 1', expected: STREAM_EXISTS, accepted: true, actual: 1n },
        { stream: 'at revision 1', expected: ANY, accepted: true, actual: 1n },
        { stream: 'at revision 1', expected: 1n, accepted: true, actual: 1n },
        { stream: 'at revision 1', expected: 0n, accepted: false, actual: 1n },
        { stream: 'at revision 1', expected: 2n, accepted: false, actual: 1n },
      ];
      it.each(table)('stream $stream, expected $expected: accepted $accepted', async ({ stream: state, expected, accepted, actual }) => {
        const before = state === 'absent' ? 0 : 2;
        const stream = aStream();
        if (before > 0) await store.appendToStream(stream, someEvents(before), { expectedRevision: NO_STREAM });
        const events = someEvents(2);
        const append = store.appendToStream(stream, events, { expectedRevision: expected });
        if (accepted) {
          const result = await append;
          expect(result.nextExpectedRevision).toBe(BigInt(before + 1));
          expect(ids((await store.readStream(stream)).slice(before))).toEqual(ids(events));
        } else {
          await expect(append).rejects.toMatchObject({
            name: 'WrongExpectedRevisionError',
            code: 'EVENT_STORE_WRONG_EXPECTED_REVISION',
            stream,
            expectedRevision: expected,
            actualRevision: actual,
          });
          expect(await store.readStream(stream)).toHaveLength(before);
        }
      });

      it('lets exactly one of two concurrent appends at the same revision through', async () => {
        const stream = aStream();
        const [first, second] = await Promise.allSettled([
          store.appendToStream(stream, someEvents(1), { expectedRevision: NO_STREAM }),
          store.appendToStream(stream, someEvents(1), { expectedRevision: NO_STREAM }),
        ]);
        expect([first?.status, second?.status].sort()).toEqual(['fulfilled', 'rejected']);
        const rejected = [first, second].find((outcome) => outcome?.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toMatchObject({ code: 'EVENT_STORE_WRONG_EXPECTED_REVISION', actualRevision: 0n });
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('idempotence: same ids at the same expected revision', () => {
      it('succeeds on a retry at NO_STREAM with the first result and no duplicate', async () => {
        const stream = aStream();
        const events = someEvents(3);
        const first = await store.appendToStream(stream, events, { expectedRevision: NO_STREAM });
        const retry = await store.appendToStream(stream, events, { expectedRevision: NO_STREAM });
        expectSameResult(retry, first, subject.exactAppendPosition);
        expect(ids(await store.readStream(stream))).toEqual(ids(events));
      });

      it('succeeds on a retry at an exact revision, also after the stream moved on', async () => {
        const stream = aStream();
        await store.appendToStream(stream, someEvents(2), { expectedRevision: NO_STREAM });
        const events = someEvents(2);
        const first = await store.appendToStream(stream, events, { expectedRevision: 1n });
        await store.appendToStream(stream, someEvents(1), { expectedRevision: 3n });
        const retry = await store.appendToStream(stream, events, { expectedRevision: 1n });
        expectSameResult(retry, first, subject.exactAppendPosition);
        expect(await store.readStream(stream)).toHaveLength(5);
      });

      it('detects a conflict when other ids hold the revisions, by comparing them', async () => {
        const stream = aStream();
        await store.appendToStream(stream, someEvents(2), { expectedRevision: NO_STREAM });
        await expect(store.appendToStream(stream, someEvents(2), { expectedRevision: NO_STREAM })).rejects.toMatchObject({ code: 'EVENT_STORE_WRONG_EXPECTED_REVISION', actualRevision: 1n });
      });

      it('detects a conflict when only some ids match, and writes nothing', async () => {
        const stream = aStream();
        const events = someEvents(2);
        await store.appendToStream(stream, events, { expectedRevision: NO_STREAM });
        const mixed = [events[0] as EventToAppend, anEvent()];
        await expect(store.appendToStream(stream, mixed, { expectedRevision: NO_STREAM })).rejects.toMatchObject({ code: 'EVENT_STORE_WRONG_EXPECTED_REVISION' });
        const longer = [...events, anEvent()];
        await expect(store.appendToStream(stream, longer, { expectedRevision: NO_STREAM })).rejects.toMatchObject({ code: 'EVENT_STORE_WRONG_EXPECTED_REVISION' });
        expect(ids(await store.readStream(stream))).toEqual(ids(events));
      });
    });

    describe('streams: what goes in comes out, in order', () => {
      it('round-trips ids, types, JSON and byte payloads, metadata, revisions and positions', async () => {
        const stream = aStream();
        const bytes = new Uint8Array([0, 1, 2, 250, 255]);
        const events: EventToAppend[] = [
          { id: randomUUID(), type: 'JsonObject', data: { text: '证照 ✓', nested: { list: [1, 'two', null] } }, metadata: { txId: 'abc', block: '7' } },
          { id: randomUUID(), type: 'Bytes', data: bytes },
          { id: randomUUID(), type: 'JsonArray', data: [1, 2, 3], metadata: {} },
        ];
        const result = await store.appendToStream(stream, events, { expectedRevision: NO_STREAM });
        const read = await store.readStream(stream);
        expect(read.map(({ stream: s, revision, id, type, data, metadata }) => ({ stream: s, revision, id, type, data, metadata }))).toEqual([
          { stream, revision: 0n, id: events[0]?.id, type: 'JsonObject', data: events[0]?.data, metadata: { txId: 'abc', block: '7' } },
          { stream, revision: 1n, id: events[1]?.id, type: 'Bytes', data: bytes, metadata: undefined },
          { stream, revision: 2n, id: events[2]?.id, type: 'JsonArray', data: [1, 2, 3], metadata: {} },
        ]);
        expect(read[1]?.data).toBeInstanceOf(Uint8Array);
        expect(Object.getPrototypeOf(read[1]?.data)).toBe(Uint8Array.prototype);
        for (const event of read) expect(event.created).toBeInstanceOf(Date);
        expect(read[0]!.position < read[1]!.position && read[1]!.position < read[2]!.position).toBe(true);
        expect(result.nextExpectedRevision).toBe(2n);
        if (subject.exactAppendPosition) expect(result.position).toBe(read[2]?.position);
        else expect(result.position >= (read[2]?.position ?? 0n)).toBe(true);
      });

      it('reads forwards and backwards, from a revision, at most maxCount', async () => {
        const stream = aStream();
        const events = someEvents(5);
        await store.appendToStream(stream, events, { expectedRevision: NO_STREAM });
        const all = ids(events);
        expect(ids(await store.readStream(stream, { fromRevision: START }))).toEqual(all);
        expect(ids(await store.readStream(stream, { fromRevision: 2n, maxCount: 2 }))).toEqual(all.slice(2, 4));
        expect(ids(await store.readStream(stream, { direction: BACKWARDS }))).toEqual([...all].reverse());
        expect(ids(await store.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))).toEqual([all[4]]);
        expect(ids(await store.readStream(stream, { direction: BACKWARDS, fromRevision: 3n, maxCount: 2 }))).toEqual([all[3], all[2]]);
        expect(await store.readStream(stream, { fromRevision: 5n })).toEqual([]);
        expect(await store.readStream(stream, { fromRevision: END })).toEqual([]);
      });

      it('reads a stream that does not exist as no events', async () => {
        expect(await store.readStream(aStream())).toEqual([]);
        expect(await store.readStream(aStream(), { direction: BACKWARDS })).toEqual([]);
      });

      it('refuses malformed arguments with EVENT_STORE_INVALID_ARGUMENT, writing nothing', async () => {
        const stream = aStream();
        const invalid = { code: 'EVENT_STORE_INVALID_ARGUMENT' };
        const bad: Array<[string, unknown, unknown]> = [
          ['', someEvents(1), undefined],
          ['$system', someEvents(1), undefined],
          [stream, [], undefined],
          [stream, [anEvent({ id: 'not-a-uuid' })], undefined],
          [stream, [anEvent({ id: randomUUID().toUpperCase() })], undefined],
          [stream, [anEvent({ type: '' })], undefined],
          [stream, [anEvent({ type: '$reserved' })], undefined],
          [stream, [anEvent({ data: 'a string' as never })], undefined],
          [stream, [anEvent({ data: null as never })], undefined],
          [stream, [anEvent({ metadata: [1] as never })], undefined],
          [stream, [anEvent({ metadata: new Uint8Array(1) as never })], undefined],
          [stream, someEvents(1), -1n],
          [stream, someEvents(1), 1],
          [stream, someEvents(1), 'no-stream'],
        ];
        for (const [name, events, expectedRevision] of bad) {
          await expect(store.appendToStream(name, events as EventToAppend[], { expectedRevision: expectedRevision as ExpectedRevision })).rejects.toMatchObject(invalid);
        }
        const twice = anEvent();
        await expect(store.appendToStream(stream, [twice, twice])).rejects.toMatchObject(invalid);
        await expect(store.readStream(stream, { maxCount: 0 })).rejects.toMatchObject(invalid);
        await expect(store.readStream(stream, { fromRevision: -1n })).rejects.toMatchObject(invalid);
        await expect(store.readAll({ fromPosition: -1n })).rejects.toMatchObject(invalid);
        await expect(store.readAll({ maxCount: 1.5 })).rejects.toMatchObject(invalid);
        expect(() => store.subscribeToAll({ fromPosition: 'later' as never })).toThrow(expect.objectContaining(invalid));
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('the global order', () => {
      it('holds every append once, in order, positions strictly increasing', async () => {
        const before = await mark(store);
        const [a, b] = [aStream('a'), aStream('b')];
        const written: EventToAppend[] = [];
        for (let round = 0; round < 3; round++) {
          for (const stream of [a, b]) {
            const events = someEvents(2);
            await store.appendToStream(stream, events, { expectedRevision: round === 0 ? NO_STREAM : BigInt(round * 2 - 1) });
            written.push(...events);
          }
        }
        const read = await store.readAll({ fromPosition: before, maxCount: 1000 });
        const ours = read.filter((event) => event.stream === a || event.stream === b);
        expect(ids(ours)).toEqual(ids(written));
        for (let i = 1; i < read.length; i++) expect(read[i]!.position > read[i - 1]!.position).toBe(true);
        expect(read[0]!.position > before).toBe(true);
        if (subject.gaplessPositions) {
          expect(read.map((event) => event.position)).toEqual(read.map((_, i) => before + 1n + BigInt(i)));
        }
      });

      it('knows its head: the position of the last event appended', async () => {
        await mark(store);
        const stream = aStream();
        await store.appendToStream(stream, someEvents(3), { expectedRevision: NO_STREAM });
        const [last] = await store.readStream(stream, { direction: BACKWARDS, maxCount: 1 });
        expect(await store.headPosition()).toBe(last!.position);
        const other = aStream();
        await store.appendToStream(other, someEvents(1));
        const [newest] = await store.readStream(other);
        expect(await store.headPosition()).toBe(newest!.position);
      });

      it('reads after a position (exclusive) and pages with maxCount to the same sequence', async () => {
        const before = await mark(store);
        const stream = aStream();
        await store.appendToStream(stream, someEvents(7), { expectedRevision: NO_STREAM });
        const whole = (await store.readAll({ fromPosition: before, maxCount: 1000 })).filter((event) => event.stream === stream);
        expect(whole).toHaveLength(7);
        const paged: RecordedEvent[] = [];
        let from: Position = before;
        for (let pages = 0; ; pages++) {
          expect(pages, 'pages do not advance').toBeLessThan(1000);
          const page = await store.readAll({ fromPosition: from, maxCount: 2 });
          expect(page.length).toBeLessThanOrEqual(2);
          if (page.length === 0) break;
          expect(page[0]!.position > from).toBe(true);
          paged.push(...page);
          from = page[page.length - 1]!.position;
        }
        expect(ids(paged.filter((event) => event.stream === stream))).toEqual(ids(whole));
        const afterThird = await store.readAll({ fromPosition: whole[2]!.position, maxCount: 1 });
        expect(afterThird[0]?.id).toBe(whole[3]?.id);
        expect(await store.readAll({ fromPosition: END })).toEqual([]);
        expect((await store.readAll({ fromPosition: START, maxCount: 1 })).length).toBe(1);
      });
    });

    describe('appendMany', () => {
      it('appends to several streams, one stream several times in order', async () => {
        const [a, b] = [aStream('a'), aStream('b')];
        const [first, second, third] = [someEvents(2), someEvents(1), someEvents(2)];
        const results = await store.appendMany([
          { stream: a, events: first, expectedRevision: NO_STREAM },
          { stream: b, events: second, expectedRevision: NO_STREAM },
          { stream: a, events: third, expectedRevision: 1n },
        ]);
        expect(results.map((result) => result.nextExpectedRevision)).toEqual([1n, 0n, 3n]);
        expect(ids(await store.readStream(a))).toEqual(ids([...first, ...third]));
        expect(ids(await store.readStream(b))).toEqual(ids(second));
        expect(await store.appendMany([])).toEqual([]);
      });

      it('is idempotent when the whole batch is retried', async () => {
        const [a, b] = [aStream('a'), aStream('b')];
        const requests = [
          { stream: a, events: someEvents(2), expectedRevision: NO_STREAM },
          { stream: b, events: someEvents(2), expectedRevision: NO_STREAM },
          { stream: a, events: someEvents(1), expectedRevision: 1n },
        ];
        const first = await store.appendMany(requests);
        const retry = await store.appendMany(requests);
        retry.forEach((result, i) => expectSameResult(result, first[i]!, subject.exactAppendPosition));
        expect(await store.readStream(a)).toHaveLength(3);
        expect(await store.readStream(b)).toHaveLength(2);
      });

      it(`fails on a conflict${subject.atomicAppendMany ? ', writing none of the batch' : ''}; a retry once it is resolved completes it`, async () => {
        const [a, b] = [aStream('a'), aStream('b')];
        await store.appendToStream(b, someEvents(1), { expectedRevision: NO_STREAM });
        const requests = [
          { stream: a, events: someEvents(2), expectedRevision: NO_STREAM },
          { stream: b, events: someEvents(1), expectedRevision: NO_STREAM },
        ];
        await expect(store.appendMany(requests)).rejects.toMatchObject({ code: 'EVENT_STORE_WRONG_EXPECTED_REVISION', stream: b });
        if (subject.atomicAppendMany) expect(await store.readStream(a)).toEqual([]);
        const fixed = [requests[0]!, { ...requests[1]!, expectedRevision: 0n }];
        const results = await store.appendMany(fixed);
        expect(results.map((result) => result.nextExpectedRevision)).toEqual([1n, 1n]);
        expect(await store.readStream(a)).toHaveLength(2);
      });
    });

    describe('subscribeToAll: catch-up, then live', () => {
      let subscription: EventSubscription | undefined;
      afterEach(async () => {
        await subscription?.close();
        subscription = undefined;
      });

      it('delivers stored events, then live ones, each once, in order, and ends when closed', async () => {
        const before = await mark(store);
        const stream = aStream();
        const stored = someEvents(3);
        await store.appendToStream(stream, stored, { expectedRevision: NO_STREAM });
        subscription = store.subscribeToAll({ fromPosition: before });
        const iterator = subscription[Symbol.asyncIterator]();
        const mine = (event: RecordedEvent): boolean => event.stream === stream;
        const caughtUp = await take(iterator, 3, 10_000, mine);
        const live = someEvents(2);
        await store.appendToStream(stream, live, { expectedRevision: 2n });
        const followed = await take(iterator, 2, 10_000, mine);
        const delivered = [...caughtUp, ...followed];
        expect(ids(delivered)).toEqual(ids([...stored, ...live]));
        for (let i = 1; i < delivered.length; i++) expect(delivered[i]!.position > delivered[i - 1]!.position).toBe(true);
        const pending = iterator.next();
        await subscription.close();
        expect((await pending).done).toBe(true);
        expect((await iterator.next()).done).toBe(true);
      });

      it('loses and repeats nothing while appends race the catch-up', async () => {
        const before = await mark(store);
        const streams = Array.from({ length: 5 }, () => aStream('race'));
        const prefill = await Promise.all(streams.map((stream) => store.appendToStream(stream, someEvents(4), { expectedRevision: NO_STREAM })));
        expect(prefill).toHaveLength(5);
        subscription = store.subscribeToAll({ fromPosition: before });
        const iterator = subscription[Symbol.asyncIterator]();
        const racing = Promise.all(streams.map(async (stream) => {
          for (let round = 0; round < 4; round++) await store.appendToStream(stream, someEvents(2), { expectedRevision: BigInt(3 + round * 2) });
        }));
        const ours = new Set(streams);
        const delivered = await take(iterator, 5 * 12, 20_000, (event) => ours.has(event.stream));
        await racing;
        expect(new Set(ids(delivered)).size).toBe(60);
        for (let i = 1; i < delivered.length; i++) expect(delivered[i]!.position > delivered[i - 1]!.position).toBe(true);
        const inOrder = (await store.readAll({ fromPosition: before, maxCount: 10_000 })).filter((event) => ours.has(event.stream));
        expect(ids(delivered)).toEqual(ids(inOrder));
      });

      it('from END delivers only what is appended later; from a position, only what follows it', async () => {
        const stream = aStream();
        const mine = (event: RecordedEvent): boolean => event.stream === stream;
        const earlier = someEvents(2);
        await store.appendToStream(stream, earlier, { expectedRevision: NO_STREAM });
        subscription = store.subscribeToAll({ fromPosition: END });
        // KurrentDB resolves END when the server starts the subscription, a moment after the call:
        // append until one arrives, and check that none of the earlier events does.
        const first = take(subscription[Symbol.asyncIterator](), 1, 15_000, mine);
        const later: string[] = [];
        let delivered: RecordedEvent[] | undefined;
        for (let attempt = 0; attempt < 40 && delivered === undefined; attempt++) {
          const event = anEvent();
          later.push(event.id);
          await store.appendToStream(stream, [event]);
          delivered = await Promise.race([first, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 250))]);
        }
        expect(later).toContain(delivered?.[0]?.id);
        await subscription.close();

        const [head] = await store.readStream(stream, { maxCount: 1 });
        subscription = store.subscribeToAll({ fromPosition: head!.position });
        const rest = await take(subscription[Symbol.asyncIterator](), 2, 10_000, mine);
        expect(rest.map((event) => event.revision)).toEqual([1n, 2n]);
        expect(ids(rest)).toEqual([earlier[1]?.id, later[0]]);
      });

      it('closes when the loop breaks, and when the store closes', async () => {
        const before = await mark(store);
        const stream = aStream();
        await store.appendToStream(stream, someEvents(2), { expectedRevision: NO_STREAM });
        subscription = store.subscribeToAll({ fromPosition: before });
        let seen = 0;
        for await (const event of subscription) {
          if (event.stream === stream) seen++;
          if (seen === 1) break;
        }
        expect(seen).toBe(1);
        await subscription.close(); // idempotent after the break closed it

        const other = store.subscribeToAll({ fromPosition: END });
        const pending = other[Symbol.asyncIterator]().next();
        await store.close();
        expect((await pending).done).toBe(true);
      });
    });

    describe('close', () => {
      it('refuses calls after close with EVENT_STORE_CLOSED and is idempotent', async () => {
        await store.close();
        await store.close();
        const closed = { code: 'EVENT_STORE_CLOSED' };
        await expect(store.appendToStream(aStream(), someEvents(1))).rejects.toMatchObject(closed);
        await expect(store.readStream(aStream())).rejects.toMatchObject(closed);
        await expect(store.readAll()).rejects.toMatchObject(closed);
        await expect(store.readCheckpoint('p')).rejects.toMatchObject(closed);
        expect(() => store.subscribeToAll()).toThrow(expect.objectContaining(closed));
      });
    });
  });
}
