import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDirectory } from '@suitrust/durable';
import { sqlite as sqliteViews } from '../eventStore/checkpointStores';
import { sqlite as sqliteEvents } from '../eventStore/eventStores';
import type { SqliteCheckpointStore } from '../eventStore/sqliteCheckpointStore';
import type { SqliteEventStore } from '../eventStore/sqliteEventStore';
import { NO_STREAM } from '../eventStore/expectedRevision';
import { eventIdFor } from '../eventStore/eventIdFor';
import { catchUpReadModel } from './catchUpReadModel';
import { certificateReadModel } from './certificateReadModel';
import { runReadModel } from './readModelProcessor';
import { rebuildViews } from './rebuildViews';

const CERTIFICATES = 120;

/** Issues `count` certificates and uses every third one, as the relay would append them. */
async function appendCertificates(events: SqliteEventStore, count: number, offset = 0): Promise<void> {
  for (let n = offset; n < offset + count; n++) {
    const certificateId = `cert-${String(n).padStart(5, '0')}`;
    const txId = `tx-${n}`;
    const metadata = { transactionId: txId, blockNumber: String(n), txTime: '2026-11-25T01:00:00.000Z' };
    const issued = { id: eventIdFor(txId, 0), type: 'certificateIssued', data: { certificateId, typeCode: 'T', issuer: 'I', holderPseudonym: `h${n % 7}` }, metadata };
    const used = { id: eventIdFor(txId, 1), type: 'certificateUsed', data: { certificateId, typeCode: 'T', holderPseudonym: `h${n % 7}`, usingDepartment: 'D', matterCode: 'M' }, metadata };
    await events.appendToStream(`certificate-${certificateId}`, n % 3 === 0 ? [issued, used] : [issued], { expectedRevision: NO_STREAM });
  }
}

const dump = (views: SqliteCheckpointStore): unknown =>
  views.query((db) => [db.prepare('SELECT * FROM certificate ORDER BY certificate_id').all(), db.prepare('SELECT * FROM certificate_use ORDER BY event_id').all()]);

describe('rebuilding the views from zero', () => {
  let directory: string;
  let events: SqliteEventStore;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-rebuild-'));
    events = sqliteEvents(join(directory, 'events.db'));
    await appendCertificates(events, CERTIFICATES);
  });

  afterEach(async () => {
    await events.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('gives the rows the live projection gives, and replaces the live database', async () => {
    const viewsPath = join(directory, 'views.db');
    const live = sqliteViews(viewsPath);
    const controller = new AbortController();
    const running = runReadModel({ model: certificateReadModel, events, views: live, signal: controller.signal, batchSize: 7 });
    await expect.poll(() => live.readCheckpoint(certificateReadModel.name)).toBe(await events.headPosition());
    controller.abort();
    await running;
    const expected = dump(live);
    await live.close();

    const progress: bigint[] = [];
    const applied = await rebuildViews({ events, viewsPath, models: [certificateReadModel], onProgress: (p) => progress.push(p.position) });
    expect(applied.get(certificateReadModel.name)).toBe(CERTIFICATES + CERTIFICATES / 3);
    expect(progress.at(-1)).toBe(await events.headPosition());
    expect(existsSync(`${viewsPath}.rebuilding`)).toBe(false);
    const rebuilt = sqliteViews(viewsPath);
    try {
      expect(dump(rebuilt)).toEqual(expected);
      expect(await rebuilt.readCheckpoint(certificateReadModel.name)).toBe(await events.headPosition());
    } finally {
      await rebuilt.close();
    }
  });

  it('leaves the live views untouched when stopped half-way', async () => {
    const viewsPath = join(directory, 'views.db');
    await rebuildViews({ events, viewsPath, models: [certificateReadModel] });
    await appendCertificates(events, 30, CERTIFICATES);
    const controller = new AbortController();
    await rebuildViews({ events, viewsPath, models: [certificateReadModel], onProgress: () => controller.abort(), signal: controller.signal });
    const views = sqliteViews(viewsPath);
    try {
      expect(views.query((db) => db.prepare('SELECT count(*) AS n FROM certificate').get())).toEqual({ n: CERTIFICATES });
      expect(existsSync(`${viewsPath}.rebuilding`)).toBe(false);
    } finally {
      await views.close();
    }
  });

  it('catches up from its checkpoint page by page, and stops at the head it started with', async () => {
    const views = sqliteViews(join(directory, 'views.db'));
    try {
      const pages: number[] = [];
      const first = await catchUpReadModel({ model: certificateReadModel, events, views, pageSize: 50, onProgress: (p) => pages.push(p.events) });
      expect(first.events).toBe(160);
      expect(pages).toEqual([50, 100, 150, 160]);
      await appendCertificates(events, 3, CERTIFICATES);
      const second = await catchUpReadModel({ model: certificateReadModel, events, views, pageSize: 50 });
      expect(second.events).toBe(4);
      expect(second.position).toBe(await events.headPosition());
    } finally {
      await views.close();
    }
  });
});

describe('npm run rebuild-views', () => {
  const cli = join(__dirname, '../../dist/cli/rebuildViews.js');

  it('rebuilds a data directory with progress, and refuses one a running SuiTrust holds', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'suitrust-rebuild-cli-'));
    try {
      const events = sqliteEvents(join(directory, 'events.db'));
      await appendCertificates(events, 30);
      await events.close();
      const run = spawnSync(process.execPath, [cli, '--directory', directory], { encoding: 'utf8' });
      expect(run.stderr).toMatch(/certificates-view 100% 40 events/);
      expect(run.stdout).toMatch(/^certificates-view: 40 events\n(.+\n)*rebuilt \d+ views in /);
      expect(run.status).toBe(0);
      const views = sqliteViews(join(directory, 'views.db'));
      expect(views.query((db) => db.prepare('SELECT count(*) AS n FROM certificate').get())).toEqual({ n: 30 });
      await views.close();

      const lock = await lockDirectory(directory, 'SuiTrust');
      try {
        const refused = spawnSync(process.execPath, [cli, '--directory', directory], { encoding: 'utf8' });
        expect(refused.status).toBe(1);
        expect(refused.stderr).toMatch(/^rebuild-views: SuiTrust lock .* is held by live process/);
      } finally {
        await lock.release();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
