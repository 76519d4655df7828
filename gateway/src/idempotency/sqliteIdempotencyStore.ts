/**
 * The idempotency store in SQLite: one row per (caller, key), in WAL mode with `synchronous =
 * FULL`, so a transaction id recorded before a submit is on disk before the orderer sees the
 * transaction, and survives a crash of the whole process. Rows live for a fixed time (24 hours
 * by default, as the IETF draft suggests clients expect) and expired rows are purged as keys
 * are claimed.
 */
import Database from 'better-sqlite3';
import type { ClaimOutcome, IdempotencyStore, KeyClaim, PreparedRecord, StoredResponse } from './idempotencyStore';

/** Options of {@link sqliteIdempotencyStore}. */
export interface SqliteIdempotencyStoreOptions {
  /** The database file (its directory must exist), or `:memory:` for a gateway without a data directory. */
  readonly path: string;
  /** How long a key is remembered, in milliseconds; 24 hours by default. */
  readonly ttlMs?: number;
}

/** A day: how long a key is remembered unless configured otherwise. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Expired rows are purged at most this often, so a claim costs one statement, not a scan. */
const PURGE_INTERVAL_MS = 60 * 1000;

interface Row {
  readonly fingerprint: string;
  readonly expires_at: number;
  readonly transaction_id: string | null;
  readonly transaction_bytes: Buffer | null;
  readonly response_status: number | null;
  readonly response_location: string | null;
  readonly response_body: string | null;
  readonly response_type: string | null;
}

/**
 * Opens (creating if needed) an idempotency store.
 * @example
 * ```ts
 * const store = sqliteIdempotencyStore({ path: '.suitrust/gateway/idempotency.db' });
 * ```
 */
export function sqliteIdempotencyStore(options: Readonly<SqliteIdempotencyStoreOptions>): IdempotencyStore {
  return new SqliteIdempotencyStore(options);
}

class SqliteIdempotencyStore implements IdempotencyStore {
  readonly #database: Database.Database;
  readonly #ttlMs: number;
  #purgedAt = 0;
  readonly #select: Database.Statement<[string, string], Row>;
  readonly #insert: Database.Statement<[string, string, string, number, number]>;
  readonly #remove: Database.Statement<[string, string]>;
  readonly #purge: Database.Statement<[number]>;
  readonly #prepared: Database.Statement<[string, Buffer, string, string]>;
  readonly #respond: Database.Statement<[number, string | null, string, string, string, string]>;

  constructor(options: Readonly<SqliteIdempotencyStoreOptions>) {
    this.#ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    if (!(this.#ttlMs > 0)) throw new RangeError(`ttlMs: expected a positive number of milliseconds, got ${this.#ttlMs}`);
    this.#database = new Database(options.path);
    if (options.path !== ':memory:') this.#database.pragma('journal_mode = WAL');
    this.#database.pragma('synchronous = FULL');
    this.#database.exec(`
      CREATE TABLE IF NOT EXISTS idempotency_key (
        caller TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
        transaction_id TEXT, transaction_bytes BLOB,
        response_status INTEGER, response_location TEXT, response_body TEXT, response_type TEXT,
        PRIMARY KEY (caller, key));
      CREATE INDEX IF NOT EXISTS idempotency_key_by_expiry ON idempotency_key (expires_at);
    `);
    this.#select = this.#database.prepare(`SELECT fingerprint, expires_at, transaction_id, transaction_bytes, response_status, response_location, response_body, response_type
      FROM idempotency_key WHERE caller = ? AND key = ?`);
    this.#insert = this.#database.prepare('INSERT OR REPLACE INTO idempotency_key (caller, key, fingerprint, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.#remove = this.#database.prepare('DELETE FROM idempotency_key WHERE caller = ? AND key = ?');
    this.#purge = this.#database.prepare('DELETE FROM idempotency_key WHERE expires_at <= ?');
    this.#prepared = this.#database.prepare('UPDATE idempotency_key SET transaction_id = ?, transaction_bytes = ? WHERE caller = ? AND key = ?');
    this.#respond = this.#database.prepare('UPDATE idempotency_key SET response_status = ?, response_location = ?, response_body = ?, response_type = ? WHERE caller = ? AND key = ?');
  }

  claim(claim: Readonly<KeyClaim>): ClaimOutcome {
    if (claim.now - this.#purgedAt >= PURGE_INTERVAL_MS) {
      this.#purge.run(claim.now);
      this.#purgedAt = claim.now;
    }
    const row = this.#select.get(claim.caller, claim.key);
    if (row === undefined || row.expires_at <= claim.now) {
      this.#insert.run(claim.caller, claim.key, claim.fingerprint, claim.now, claim.now + this.#ttlMs);
      return { kind: 'new' };
    }
    if (row.fingerprint !== claim.fingerprint) return { kind: 'mismatch' };
    if (row.response_status !== null && row.response_body !== null) {
      return {
        kind: 'replay',
        response: { status: row.response_status, body: row.response_body, contentType: row.response_type ?? 'application/json', ...(row.response_location === null ? {} : { location: row.response_location }) },
      };
    }
    const prepared = row.transaction_id === null || row.transaction_bytes === null ? undefined : { transactionId: row.transaction_id, transactionBytes: new Uint8Array(row.transaction_bytes) };
    return { kind: 'unfinished', prepared };
  }

  recordPrepared(caller: string, key: string, prepared: Readonly<PreparedRecord>): void {
    this.#prepared.run(prepared.transactionId, Buffer.from(prepared.transactionBytes), caller, key);
  }

  recordResponse(caller: string, key: string, response: Readonly<StoredResponse>): void {
    this.#respond.run(response.status, response.location ?? null, response.body, response.contentType, caller, key);
  }

  release(caller: string, key: string): void {
    this.#remove.run(caller, key);
  }

  close(): void {
    if (this.#database.open) this.#database.close();
  }
}
