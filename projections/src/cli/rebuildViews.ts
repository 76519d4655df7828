#!/usr/bin/env node
/**
 * `npm run rebuild-views`: rebuilds every read model of a SuiTrust data directory from zero out
 * of the event store, with a progress bar, and swaps the result in. Stop SuiTrust first: the
 * rebuild takes the data directory's lock, which a running `npm start` holds.
 *
 *   node projections/dist/cli/rebuildViews.js [--directory .suitrust]
 *
 * KURRENTDB_CONNECTION_STRING selects KurrentDB as the event store, as for `npm start`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lockDirectory } from '@suitrust/durable';
import { fromConfiguration } from '../eventStore/eventStores';
import type { CatchUpProgress } from '../readModels/catchUpReadModel';
import { rebuildViews } from '../readModels/rebuildViews';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { directory: { type: 'string', default: '.suitrust' } } });
  const directory = resolve(values.directory);
  if (!existsSync(join(directory, 'events.db')) && process.env['KURRENTDB_CONNECTION_STRING'] === undefined) throw new Error(`no SuiTrust data directory at ${directory} (it has no events.db)`);
  const lock = await lockDirectory(directory, 'SuiTrust');
  const events = await fromConfiguration({ sqlitePath: join(directory, 'events.db'), kurrentConnectionString: process.env['KURRENTDB_CONNECTION_STRING'] });
  const started = performance.now();
  const bar = progressBar(process.stderr);
  try {
    const applied = await rebuildViews({ events, viewsPath: join(directory, 'views.db'), onProgress: bar.update });
    bar.done();
    const seconds = (performance.now() - started) / 1000;
    for (const [model, count] of applied) process.stdout.write(`${model}: ${count.toLocaleString('en')} events\n`);
    process.stdout.write(`rebuilt ${applied.size} views in ${seconds.toFixed(1)} s\n`);
  } finally {
    await events.close();
    await lock.release();
  }
}

/** A one-line bar on a terminal; a line per tenth on anything else (a log, CI). */
function progressBar(out: NodeJS.WriteStream): { update: (progress: CatchUpProgress) => void; done: () => void } {
  const started = performance.now();
  let lastTenth = -1;
  return {
    update(progress) {
      const fraction = progress.head > 0n ? Number(progress.position) / Number(progress.head) : 1;
      const rate = Math.round(progress.events / Math.max(0.001, (performance.now() - started) / 1000));
      const text = `${progress.model} ${(fraction * 100).toFixed(0).padStart(3)}% ${progress.events.toLocaleString('en')} events ${rate.toLocaleString('en')}/s`;
      if (out.isTTY) {
        const width = 30;
        const filled = Math.round(fraction * width);
        out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K`);
      } else if (Math.floor(fraction * 10) !== lastTenth) {
        lastTenth = Math.floor(fraction * 10);
        out.write(`${text}\n`);
      }
    },
    done() {
      if (out.isTTY) out.write('\n');
    },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuild-views: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
