import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type ReadModelHarness } from '../../test/readModelHarness';
import type { SqliteCheckpointStore } from '../eventStore/sqliteCheckpointStore';
import type { EventToAppend } from '../eventStore/eventData';
import { dataSharingReadModel, EXCHANGE_REPORTED } from './dataSharingReadModel';
import { dataSharingQueries, type SharingExchangeRow, type SharingViewer } from './dataSharingQueries';

const PROVIDER = '11310000MB0000002X';
const CONSUMER = '11310000MB0000003X';
const OTHER = '11310000MB0000004X';
const SUBJECT = 'ab'.repeat(32);
const AUDITOR: SharingViewer = { kind: 'auditor' };
const ALL_TIME = { from: '2000-01-01T00:00:00.000Z', until: '2100-01-01T00:00:00.000Z' };
const PAGE = { limit: 100 };

const timestamp = (instant: string): { seconds: number; nanos: number } => ({ seconds: Date.parse(instant) / 1000, nanos: 0 });

/** A chaincode event as the relay appends it. */
function chaincodeEvent(type: string, data: Record<string, unknown>, txTime: string, transactionId = randomUUID().replaceAll('-', '')): EventToAppend {
  return { id: randomUUID(), type, data, metadata: { transactionId, blockNumber: '1', index: '0', txTime, function: type, submitterMsp: 'MarketRegulationMSP', submitterDepartment: PROVIDER } };
}

const grant = (authorisationId: string, overrides: Record<string, unknown> = {}, at = '2025-12-20T00:00:00.000Z') =>
  chaincodeEvent(
    'authorisationGranted',
    {
      authorisationId,
      grantorKind: 'department',
      grantor: PROVIDER,
      provider: PROVIDER,
      consumer: CONSUMER,
      resourceCode: 'R1',
      purpose: '企业开办',
      fields: ['a', 'b'],
      validity: { from: timestamp('2026-01-01T00:00:00Z'), until: timestamp('2027-01-01T00:00:00Z') },
      sharingClass: 'conditional',
      ...overrides,
    },
    at,
    authorisationId,
  );

const approval = (authorisationId: string, at: string, overrides: Record<string, unknown> = {}) =>
  chaincodeEvent('exchangeApproved', { authorisationId, provider: PROVIDER, consumer: CONSUMER, resourceCode: 'R1', purpose: '企业开办', fields: ['a'], ...overrides }, at);

const revocation = (authorisationId: string, at: string) => chaincodeEvent('authorisationRevoked', { authorisationId, reason: '目的已达成' }, at);

let leaf = 0;
/** A reported exchange as the transparency log's follower appends it. */
const report = (authorisationId: string, reportId: string, at: string, overrides: Record<string, unknown> = {}): EventToAppend => ({
  id: randomUUID(),
  type: EXCHANGE_REPORTED,
  data: { authorisationId, reportId, provider: PROVIDER, consumer: CONSUMER, resourceCode: 'R1', purpose: '企业开办', fields: ['a'], exchangedAt: timestamp(at), ...overrides },
  metadata: { origin: 'exchanges.city.gov.cn/log', leafIndex: (leaf += 1), appendedAt: at, submitterMsp: 'MarketRegulationMSP', submitterDepartment: PROVIDER },
});

describe('the data-sharing read model', () => {
  let harness: ReadModelHarness;
  const appendAll = async (stream: string, ...events: EventToAppend[]): Promise<void> => {
    for (const event of events) await harness.append(stream, event);
  };
  const exceptions = (views: SqliteCheckpointStore, viewer: SharingViewer = AUDITOR): SharingExchangeRow[] =>
    views.query((db) => dataSharingQueries.exceptions(db, viewer, ALL_TIME, PAGE)).items as SharingExchangeRow[];
  const verdictOf = (views: SqliteCheckpointStore, reportId: string): string | null => {
    const rows = views.query((db) => dataSharingQueries.byResource(db, AUDITOR, 'R1', ALL_TIME, PAGE)).items;
    const row = rows.find((candidate) => candidate.exchangeId === reportId);
    if (!row) throw new Error(`no report ${reportId}`);
    return row.exception?.rule ?? null;
  };

  beforeEach(() => {
    harness = openHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('judges each report against the authorisation as it stood then, with the chaincode rule it breaks', async () => {
    await harness.append('authorisation-A', grant('A', { useLimit: 2 }));
    await harness.append('authorisation-A', approval('A', '2026-03-01T00:00:00.000Z'));
    await appendAll(
      'reported-exchange-A',
      report('A', 'in-1', '2026-03-01T01:00:00Z'),
      report('A', 'in-2', '2026-03-02T00:00:00Z'),
      report('A', 'over-limit', '2026-03-03T00:00:00Z'),
      report('A', 'fields', '2026-03-04T00:00:00Z', { fields: ['a', 'c'] }),
      report('A', 'consumer', '2026-03-04T00:00:00Z', { consumer: OTHER }),
      report('A', 'resource', '2026-03-04T00:00:00Z', { resourceCode: 'R2' }),
      report('A', 'purpose', '2026-03-04T00:00:00Z', { purpose: '市场营销' }),
      report('A', 'provider', '2026-03-04T00:00:00Z', { provider: OTHER }),
      report('A', 'early', '2025-12-31T23:59:59Z'),
      report('A', 'late', '2027-01-01T00:00:00Z'),
    );
    await appendAll('reported-exchange-X', report('X', 'unknown', '2026-03-05T00:00:00Z'));
    const views = await harness.project(dataSharingReadModel);

    const rules = Object.fromEntries(exceptions(views).map((row) => [row.exchangeId, row.exception?.rule]));
    expect(rules).toEqual({
      early: 'AUTHORISATION_NOT_YET_VALID',
      'over-limit': 'AUTHORISATION_USE_LIMIT',
      fields: 'AUTHORISATION_SCOPE_EXCEEDED',
      consumer: 'AUTHORISATION_CONSUMER_MISMATCH',
      resource: 'AUTHORISATION_RESOURCE_MISMATCH',
      purpose: 'AUTHORISATION_PURPOSE_MISMATCH',
      provider: 'ACCESS_NOT_PROVIDER',
      unknown: 'AUTHORISATION_UNKNOWN',
      late: 'AUTHORISATION_EXPIRED',
    });
    const overLimit = exceptions(views).find((row) => row.exchangeId === 'over-limit');
    expect(overLimit).toMatchObject({ kind: 'reported', covered: false, exception: { field: 'authorisationId', detail: 'all 2 uses have been made' }, authorisation: { authorisationId: 'A', useLimit: 2 } });
    expect(exceptions(views).find((row) => row.exchangeId === 'unknown')?.authorisation).toBeNull();
    expect(verdictOf(views, 'in-1')).toBeNull();
    expect(verdictOf(views, 'in-2')).toBeNull();
  });

  it('counts a revocation only from its time: an exchange before it was covered, one after it is an exception', async () => {
    await harness.append('authorisation-S', grant('S', { grantorKind: 'subject', grantor: SUBJECT }));
    await appendAll('reported-exchange-S', report('S', 'before', '2026-03-15T00:00:00Z'));
    // The report of an exchange after the revocation reaches the store before the revocation is relayed.
    await appendAll('reported-exchange-S', report('S', 'after', '2026-05-01T00:00:00Z'));
    await harness.append('authorisation-S', revocation('S', '2026-04-01T00:00:00.000Z'));
    const views = await harness.project(dataSharingReadModel);

    expect(exceptions(views).map((row) => [row.exchangeId, row.exception?.rule])).toEqual([['after', 'AUTHORISATION_REVOKED']]);
    expect(exceptions(views)[0]?.authorisation).toMatchObject({ revokedAt: '2026-04-01T00:00:00.000Z', revocationReason: '目的已达成' });
    expect(verdictOf(views, 'before')).toBeNull();
  });

  it('judges again when facts arrive late: a grant after its reports, a report earlier than those counted', async () => {
    await appendAll('reported-exchange-L', report('L', 'second', '2026-03-02T00:00:00Z'), report('L', 'third', '2026-03-03T00:00:00Z'));
    const early = await harness.project(dataSharingReadModel);
    expect(exceptions(early).map((row) => row.exception?.rule)).toEqual(['AUTHORISATION_UNKNOWN', 'AUTHORISATION_UNKNOWN']);

    await harness.append('authorisation-L', grant('L', { useLimit: 2 }));
    await harness.project(dataSharingReadModel, early);
    expect(exceptions(early)).toEqual([]);

    await appendAll('reported-exchange-L', report('L', 'first', '2026-03-01T00:00:00Z'));
    await harness.project(dataSharingReadModel, early);
    expect(exceptions(early).map((row) => [row.exchangeId, row.exception?.rule])).toEqual([['third', 'AUTHORISATION_USE_LIMIT']]);
  });

  it("traces a data subject's exchanges, approved (subject from the grant) and reported, within [from, until)", async () => {
    await harness.append('authorisation-S', grant('S', { grantorKind: 'subject', grantor: SUBJECT }));
    await harness.append('authorisation-S', approval('S', '2026-03-01T00:00:00.000Z'));
    await appendAll('reported-exchange-S', report('S', 'r1', '2026-03-02T00:00:00Z'), report('S', 'r2', '2026-03-03T00:00:00Z'));
    await harness.append('authorisation-D', grant('D'));
    await harness.append('authorisation-D', approval('D', '2026-03-01T00:00:00.000Z'));
    const views = await harness.project(dataSharingReadModel);

    const trace = views.query((db) => dataSharingQueries.bySubject(db, AUDITOR, SUBJECT, { from: '2026-03-01T00:00:00.000Z', until: '2026-03-03T00:00:00.000Z' }, PAGE));
    expect(trace.items.map((row) => [row.kind, row.dataSubject, row.authorisation?.grantorKind])).toEqual([
      ['approved', SUBJECT, 'subject'],
      ['reported', SUBJECT, 'subject'],
    ]);
    expect(trace.nextCursor).toBeNull();
    const pair = views.query((db) => dataSharingQueries.byDepartmentPair(db, AUDITOR, PROVIDER, CONSUMER, ALL_TIME, PAGE));
    expect(pair.items.map((row) => row.kind)).toEqual(['approved', 'approved', 'reported', 'reported']);
    expect(views.query((db) => dataSharingQueries.byDepartmentPair(db, AUDITOR, CONSUMER, PROVIDER, ALL_TIME, PAGE)).items).toEqual([]);
  });

  it('shows a department only the exchanges it provided or received; an auditor all of them', async () => {
    await harness.append('authorisation-A', grant('A'));
    await appendAll('reported-exchange-A', report('A', 'theirs', '2026-03-02T00:00:00Z'), report('A', 'elsewhere', '2026-03-03T00:00:00Z', { provider: OTHER, consumer: OTHER }));
    const views = await harness.project(dataSharingReadModel);

    const ids = (viewer: SharingViewer): string[] => views.query((db) => dataSharingQueries.byResource(db, viewer, 'R1', ALL_TIME, PAGE)).items.map((row) => row.exchangeId);
    expect(ids(AUDITOR)).toEqual(['theirs', 'elsewhere']);
    expect(ids({ kind: 'department', department: CONSUMER })).toEqual(['theirs']);
    expect(ids({ kind: 'department', department: OTHER })).toEqual(['elsewhere']);
    expect(exceptions(views, { kind: 'department', department: CONSUMER })).toEqual([]);
    expect(exceptions(views, { kind: 'department', department: OTHER }).map((row) => row.exchangeId)).toEqual(['elsewhere']);
  });

  it('pages by cursor, showing every exchange once even when new ones arrive between pages', async () => {
    await harness.append('authorisation-A', grant('A'));
    for (let day = 10; day < 15; day++) await appendAll('reported-exchange-A', report('A', `r${day}`, `2026-03-${day}T00:00:00Z`));
    const views = await harness.project(dataSharingReadModel);
    const read = (cursor?: string) => views.query((db) => dataSharingQueries.byResource(db, AUDITOR, 'R1', ALL_TIME, cursor === undefined ? { limit: 2 } : { limit: 2, cursor }));

    const first = read();
    expect(first.items.map((row) => row.exchangeId)).toEqual(['r10', 'r11']);
    // One arrives before the cursor (not shown again), one after it (shown once).
    await appendAll('reported-exchange-A', report('A', 'r01', '2026-03-01T00:00:00Z'), report('A', 'r20', '2026-03-20T00:00:00Z'));
    await harness.project(dataSharingReadModel, views);
    const seen = [...first.items.map((row) => row.exchangeId)];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = read(cursor);
      seen.push(...page.items.map((row) => row.exchangeId));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['r10', 'r11', 'r12', 'r13', 'r14', 'r20']);
    expect(() => views.query((db) => dataSharingQueries.exceptions(db, AUDITOR, ALL_TIME, { limit: 2, cursor: 'bm90LWEtY3Vyc29y' }))).toThrow(/cursor/);
    expect(() => read('!!')).toThrow(/cursor/);
  });

  it('rebuilds from zero to exactly the same rows as the model kept up event by event', async () => {
    const live = harness.openViews('live');
    const steps: [string, EventToAppend][] = [
      ['authorisation-S', grant('S', { grantorKind: 'subject', grantor: SUBJECT, useLimit: 1 })],
      ['authorisation-S', approval('S', '2026-03-01T00:00:00.000Z', { useNumber: 1 })],
      ['reported-exchange-S', report('S', 'r2', '2026-03-02T00:00:00Z')],
      ['reported-exchange-S', report('S', 'r1', '2026-03-01T00:00:00Z')],
      ['reported-exchange-X', report('X', 'x', '2026-03-01T00:00:00Z')],
      ['authorisation-S', revocation('S', '2026-03-01T12:00:00.000Z')],
    ];
    for (const [stream, event] of steps) {
      await harness.append(stream, event);
      await harness.project(dataSharingReadModel, live);
    }
    const rebuilt = await harness.project(dataSharingReadModel);
    const tables = ['sharing_authorisation', 'sharing_exchange'];
    expect(harness.dump(rebuilt, tables)).toEqual(harness.dump(live, tables));
    expect((harness.dump(rebuilt, tables) as unknown[][])[1]).toHaveLength(4);
  });
});
