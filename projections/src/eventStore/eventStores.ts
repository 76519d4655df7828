/**
 * Factories of the event stores, grouped as the `eventStores` namespace of the package index:
 * `eventStores.sqlite(path)` (embedded, the default), `await eventStores.kurrent(connectionString)`,
 * or `await eventStores.fromConfiguration(config)`, which picks one the same way in both modes.
 */
import type { EventStore } from './eventStore';
import { openKurrentEventStore } from './kurrentEventStore';
import { openSqliteEventStore, type SqliteEventStore, type SqliteEventStoreOptions } from './sqliteEventStore';

/**
 * Opens (creating if needed) the embedded store: one SQLite file.
 * @param path - the database file; its directory must exist.
 * @param options - subscription poll interval (for appends by other processes).
 * @returns the store.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT`, `EVENT_STORE_SCHEMA_MISMATCH`, `EVENT_STORE_FAILURE`.
 * @example
 * ```ts
 * const store = eventStores.sqlite('.suitrust/events.db');
 * await store.appendToStream('evidence-3f…', [{ id: eventIdFor(txId, 0), type: 'EvidenceRecorded', data: bytes }], { expectedRevision: NO_STREAM });
 * ```
 */
export function sqlite(path: string, options?: Readonly<SqliteEventStoreOptions>): SqliteEventStore {
  return openSqliteEventStore(path, options);
}

/**
 * Connects to KurrentDB; the client package is loaded by this call, never before.
 * @param connectionString - e.g. `kurrentdb://admin:changeit@localhost:2113?tls=false`.
 * @returns the store.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` for a malformed connection string,
 *   `EVENT_STORE_FAILURE` when the client cannot be loaded.
 * @example
 * ```ts
 * const store = await eventStores.kurrent(process.env.KURRENTDB_CONNECTION_STRING!);
 * ```
 */
export async function kurrent(connectionString: string): Promise<EventStore> {
  return openKurrentEventStore(connectionString);
}

/** Which store to open (DESIGN.md, "Two modes, one code path"). */
export interface EventStoreConfiguration {
  /** The embedded store's file, used when no KurrentDB connection string is given. */
  readonly sqlitePath: string;
  /** A KurrentDB connection string: production mode. Empty or absent: embedded mode. */
  readonly kurrentConnectionString?: string | undefined;
  /** The embedded store's subscription poll interval. */
  readonly pollIntervalMs?: number;
}

/**
 * Opens KurrentDB when a connection string is configured, the embedded store otherwise.
 * @param configuration - the SQLite path and the optional connection string.
 * @returns the store.
 * @throws {EventStoreError} as {@link sqlite} and {@link kurrent}.
 * @example
 * ```ts
 * const store = await eventStores.fromConfiguration({
 *   sqlitePath: '.suitrust/events.db',
 *   kurrentConnectionString: process.env.KURRENTDB_CONNECTION_STRING,
 * });
 * ```
 */
export async function fromConfiguration(configuration: Readonly<EventStoreConfiguration>): Promise<EventStore> {
  const connectionString = configuration.kurrentConnectionString;
  if (connectionString !== undefined && connectionString !== '') return kurrent(connectionString);
  return sqlite(configuration.sqlitePath, configuration.pollIntervalMs === undefined ? {} : { pollIntervalMs: configuration.pollIntervalMs });
}
