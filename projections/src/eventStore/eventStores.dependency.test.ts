// Optional dependencies are loaded only when used (STYLE.md): the embedded mode never loads the
// KurrentDB client; configuring a connection string does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const loaded = vi.hoisted(() => ({ kurrent: false }));

vi.mock('@kurrent/kurrentdb-client', async (importOriginal) => {
  loaded.kurrent = true;
  return importOriginal();
});

const directory = mkdtempSync(join(tmpdir(), 'event-stores-dependency-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('lazy loading of @kurrent/kurrentdb-client', () => {
  it('is not loaded by importing the package, using the embedded store, or configuring no connection string', async () => {
    const { eventStores, checkpointStores, eventIdFor, NO_STREAM } = await import('../index');
    const store = await eventStores.fromConfiguration({ sqlitePath: join(directory, 'events.db'), kurrentConnectionString: '' });
    await store.appendToStream('s-1', [{ id: eventIdFor('tx', 0), type: 'T', data: {} }], { expectedRevision: NO_STREAM });
    expect(await store.readAll()).toHaveLength(1);
    await store.close();
    await checkpointStores.sqlite(join(directory, 'read-models.db')).close();
    expect(loaded.kurrent).toBe(false);
  });

  it('is loaded once a connection string is configured, and an unreachable server is EVENT_STORE_UNAVAILABLE', async () => {
    const { eventStores } = await import('../index');
    // Port 1 on the loopback: nothing listens, nothing leaves the machine.
    const store = await eventStores.fromConfiguration({ sqlitePath: join(directory, 'unused.db'), kurrentConnectionString: 'kurrentdb://127.0.0.1:1?tls=false' });
    expect(loaded.kurrent).toBe(true);
    try {
      await expect(store.readStream('s-1')).rejects.toMatchObject({ name: 'EventStoreError', code: 'EVENT_STORE_UNAVAILABLE' });
    } finally {
      await store.close();
    }
  });
});
