/**
 * The log follower over a real durable transparency log and the embedded event store: records
 * become events with the agreed streams, types, data, metadata and ids; a crash between a batch's
 * appends and its checkpoint (the checkpoint put back, as if the process died right after
 * appending) produces no duplicate and no gap, whatever the next batch boundaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '@suitrust/crypto';
import { openTransparencyLog, type TransparencyLog } from '@suitrust/proofs';
import { suitrust } from '@suitrust/proto';
import { LogRecordRelay, eventStores, logEventIdFor, type SqliteEventStore } from '@suitrust/projections';

const ORIGIN = 'relay.suitrust.local/records';
const APPENDED_AT = Date.parse('2026-06-01T00:00:00.250Z');
const submitter = { mspId: 'MarketRegulationMSP', department: '91310000MA1K000010', role: 'officer' };

const exchange = (n: number): Uint8Array =>
  suitrust.events.v1.LogRecord.encode({
    schemaVersion: 1,
    appendedAt: { seconds: Math.floor(APPENDED_AT / 1000), nanos: 250_000_000 },
    submitter,
    exchangeReported: {
      authorisationId: `auth-${n % 3}`,
      reportId: `report-${n}`,
      provider: submitter.department,
      consumer: '91310000MA1K000029',
      resourceCode: 'RES-001',
      purpose: '企业开办',
      fields: ['address', 'name'],
      exchangedAt: { seconds: 1_780_272_000 + n, nanos: 0 },
    },
  }).finish();
const evidence = (n: number): Uint8Array =>
  suitrust.events.v1.LogRecord.encode({
    schemaVersion: 1,
    appendedAt: { seconds: Math.floor(APPENDED_AT / 1000), nanos: 250_000_000 },
    submitter: { mspId: 'InternetCourtMSP', department: '11310000MB00000056', role: 'court' },
    evidenceLogged: { algorithm: 'sm3', digest: n.toString(16).padStart(2, '0').repeat(32), submitterMsp: 'InternetCourtMSP', submitterDepartment: '11310000MB00000056', caseReference: '(2026)沪0105民初1号', metadata: [{ key: 'pages', value: '3' }] },
  }).finish();

describe('log record relay', () => {
  let directory: string;
  let log: TransparencyLog;
  let store: SqliteEventStore;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-log-relay-'));
    const suite = await loadSuite('sm');
    log = await openTransparencyLog({ directory: join(directory, 'log'), suite, origin: ORIGIN, signingKey: suite.generateKeyPair().privateKey });
    store = eventStores.sqlite(join(directory, 'events.db'));
  });

  afterAll(async () => {
    await log?.close();
    await store?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('appends each record to its stream, typed by its case, with the agreed data, metadata and id', async () => {
    await log.append([exchange(0), evidence(1), exchange(3)]);
    const relay = new LogRecordRelay({ source: log, store });
    expect(await relay.relayAvailable()).toBe(3);
    expect(await relay.relayAvailable()).toBe(0);

    const [reported, later] = await store.readStream('reported-exchange-auth-0');
    expect(reported).toMatchObject({
      id: logEventIdFor(ORIGIN, 0),
      type: 'exchangeReported',
      revision: 0n,
      data: { authorisationId: 'auth-0', reportId: 'report-0', provider: submitter.department, fields: ['address', 'name'], exchangedAt: { seconds: 1_780_272_000 } },
      metadata: { origin: ORIGIN, leafIndex: 0, appendedAt: '2026-06-01T00:00:00.250Z', submitterMsp: 'MarketRegulationMSP', submitterDepartment: submitter.department },
    });
    expect(later).toMatchObject({ id: logEventIdFor(ORIGIN, 2), data: { reportId: 'report-3' }, metadata: { leafIndex: 2 } });
    const [logged] = await store.readStream(`logged-evidence-${'01'.repeat(32)}`);
    expect(logged).toMatchObject({
      id: logEventIdFor(ORIGIN, 1),
      type: 'evidenceLogged',
      data: { algorithm: 'sm3', digest: '01'.repeat(32), caseReference: '(2026)沪0105民初1号', metadata: [{ key: 'pages', value: '3' }] },
      metadata: { leafIndex: 1, submitterMsp: 'InternetCourtMSP' },
    });
    expect(await store.readCheckpoint(`log-relay:${ORIGIN}`)).toBe(3n);
  });

  it('follows the log as it grows until stopped, resuming from its checkpoint', async () => {
    const relay = new LogRecordRelay({ source: log, store, batchSize: 4, pollMs: 10 });
    const controller = new AbortController();
    const running = relay.run(controller.signal);
    await log.append(Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? exchange(10 + n) : evidence(10 + n))));
    await expect.poll(() => store.readCheckpoint(`log-relay:${ORIGIN}`), { timeout: 10_000, interval: 20 }).toBe(13n);
    controller.abort();
    await running;
    expect(await store.readAll({ maxCount: 10_000 })).toHaveLength(13);
  });

  it('neither duplicates nor skips when a crash came between appends and checkpoint, with other batch boundaries', async () => {
    await log.append(Array.from({ length: 7 }, (_, n) => exchange(30 + n)));
    // Appended with batches of 5 and 2: 18 and 20 records relayed.
    const first = new LogRecordRelay({ source: log, store, batchSize: 5 });
    expect(await first.relayAvailable()).toBe(5);
    expect(await first.relayAvailable()).toBe(2);
    // Put the checkpoint back to 14, as if the process died after appending records 14-19.
    expect((await store.storeCheckpoint(`log-relay:${ORIGIN}`, 14n, { expected: 20n })).ok).toBe(true);
    await log.append([exchange(40), evidence(41)]);
    const restarted = new LogRecordRelay({ source: log, store, batchSize: 3 });
    let relayed = 0;
    for (let n = await restarted.relayAvailable(); n > 0; n = await restarted.relayAvailable()) relayed += n;
    expect(relayed).toBe(8);
    const all = await store.readAll({ maxCount: 10_000 });
    expect(all.map((event) => Number(event.metadata?.['leafIndex'])).sort((a, b) => a - b)).toEqual(Array.from({ length: 22 }, (_, n) => n));
    expect(new Set(all.map((event) => event.id)).size).toBe(22);
    expect(all.every((event) => event.id === logEventIdFor(ORIGIN, Number(event.metadata?.['leafIndex'])))).toBe(true);
    expect(await store.readCheckpoint(`log-relay:${ORIGIN}`)).toBe(22n);
  });

  it('stops rather than overwrite the progress of another follower', async () => {
    const stale = new LogRecordRelay({ source: log, store });
    expect(await stale.relayAvailable()).toBe(0);
    await log.append([exchange(50)]);
    const other = new LogRecordRelay({ source: log, store });
    expect(await other.relayAvailable()).toBe(1);
    await log.append([exchange(51)]);
    await expect(stale.relayAvailable()).rejects.toThrow(/another follower/);
  });
});
