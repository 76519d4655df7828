/**
 * The embedded store's tables, created on first open and versioned per component in
 * `schema_versions`, so read models sharing the database file keep `user_version` and their own
 * tables to themselves.
 *
 * - `events`: `position` is the rowid, so the global order is the primary key and a new event
 *   takes max + 1: no rows are ever deleted, and SQLite serialises writers, so readers see
 *   positions 1, 2, 3… with no gap, in commit order. `(stream, revision)` and `id` are unique:
 *   the first orders a stream and finds its last revision in O(log n), the second makes a
 *   duplicated event id impossible. `data` is TEXT for JSON and BLOB for bytes (a STRICT `ANY`
 *   column keeps which).
 * - `processor_checkpoints`: positions as decimal text, since a KurrentDB position (used when
 *   the read models are here and the events in KurrentDB) needs 128 bits.
 */
import type Database from 'better-sqlite3';
import { EventStoreError } from '../eventStoreError';

const SCHEMA_VERSIONS_SQL = `
CREATE TABLE IF NOT EXISTS schema_versions (
  component TEXT PRIMARY KEY,
  version   INTEGER NOT NULL
) STRICT, WITHOUT ROWID`;

const EVENTS_SQL = `
CREATE TABLE events (
  position INTEGER PRIMARY KEY,
  stream   TEXT    NOT NULL,
  revision INTEGER NOT NULL,
  id       TEXT    NOT NULL UNIQUE,
  type     TEXT    NOT NULL,
  data     ANY     NOT NULL,
  metadata TEXT,
  created  INTEGER NOT NULL,
  UNIQUE (stream, revision)
) STRICT`;

const CHECKPOINTS_SQL = `
CREATE TABLE processor_checkpoints (
  processor_id TEXT PRIMARY KEY,
  position     TEXT    NOT NULL,
  updated      INTEGER NOT NULL
) STRICT, WITHOUT ROWID`;

/** The parts of the schema, each versioned on its own. */
export const schemaComponents = {
  /** The event log. */
  'event-store': { version: 1, statements: [EVENTS_SQL] },
  /** Processor checkpoints. */
  'processor-checkpoints': { version: 1, statements: [CHECKPOINTS_SQL] },
} as const;

/** A part of the schema. */
export type SchemaComponent = keyof typeof schemaComponents;

/**
 * Creates the tables of `components` that do not exist yet, in one immediate transaction (two
 * processes opening a new file at once do not both create them).
 * @param database - an open database.
 * @param components - the parts needed.
 * @throws {EventStoreError} `EVENT_STORE_SCHEMA_MISMATCH` when the file holds a newer version.
 */
export function migrate(database: Database.Database, components: readonly SchemaComponent[]): void {
  database.transaction(() => {
    database.exec(SCHEMA_VERSIONS_SQL);
    const versionOf = database.prepare<[string], number>('SELECT version FROM schema_versions WHERE component = ?').pluck();
    const record = database.prepare('INSERT INTO schema_versions (component, version) VALUES (?, ?)');
    for (const component of components) {
      const wanted = schemaComponents[component];
      const found = versionOf.get(component);
      if (found === undefined) {
        for (const statement of wanted.statements) database.exec(statement);
        record.run(component, wanted.version);
      } else if (found !== wanted.version) {
        throw new EventStoreError(`${database.name}: schema component ${component} is at version ${found}, this code knows ${wanted.version}`, { code: 'EVENT_STORE_SCHEMA_MISMATCH' });
      }
    }
  }).immediate();
}
