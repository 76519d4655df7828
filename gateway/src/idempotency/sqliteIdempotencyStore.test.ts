/**
 * The SQLite idempotency store: a key is claimed once, a different request under it is found
 * out, a finished one is replayed, an unfinished one hands back its prepared transaction, keys
 * expire after their time, and all of it survives closing and reopening the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteIdempotencyStore } from './sqliteIdempotencyStore';

const HOUR = 60 * 60 * 1000;

describe('sqliteIdempotencyStore', () => {
  let directory: string;
  let path: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'suitrust-idempotency-'));
    path = join(directory, 'idempotency.db');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('claims a key once and tells a different request under it apart', () => {
    const store = sqliteIdempotencyStore({ path });
    try {
      expect(store.claim({ caller: 'judge', key: 'key-00001', fingerprint: 'a', now: 0 })).toEqual({ kind: 'new' });
      expect(store.claim({ caller: 'judge', key: 'key-00001', fingerprint: 'a', now: 1 })).toEqual({ kind: 'unfinished', prepared: undefined });
      expect(store.claim({ caller: 'judge', key: 'key-00001', fingerprint: 'b', now: 2 })).toEqual({ kind: 'mismatch' });
      // Another caller's key of the same name is another key.
      expect(store.claim({ caller: 'issuer', key: 'key-00001', fingerprint: 'b', now: 3 })).toEqual({ kind: 'new' });
    } finally {
      store.close();
    }
  });

  it('keeps the prepared transaction and the response across a reopen, and replays the response', () => {
    const first = sqliteIdempotencyStore({ path });
    first.claim({ caller: 'judge', key: 'key-00002', fingerprint: 'f', now: 0 });
    first.recordPrepared('judge', 'key-00002', { transactionId: 'ab'.repeat(32), transactionBytes: new Uint8Array([1, 2, 3]) });
    first.close();
    const second = sqliteIdempotencyStore({ path });
    try {
      expect(second.claim({ caller: 'judge', key: 'key-00002', fingerprint: 'f', now: 10 })).toEqual({
        kind: 'unfinished',
        prepared: { transactionId: 'ab'.repeat(32), transactionBytes: new Uint8Array([1, 2, 3]) },
      });
      second.recordResponse('judge', 'key-00002', { status: 201, location: '/evidence/sm3/x', body: '{"ok":1}', contentType: 'application/json' });
      expect(second.claim({ caller: 'judge', key: 'key-00002', fingerprint: 'f', now: 20 })).toEqual({
        kind: 'replay',
        response: { status: 201, location: '/evidence/sm3/x', body: '{"ok":1}', contentType: 'application/json' },
      });
    } finally {
      second.close();
    }
  });

  it('forgets a key after its time to live, and a released key at once', () => {
    const store = sqliteIdempotencyStore({ path, ttlMs: HOUR });
    try {
      store.claim({ caller: 'judge', key: 'key-00003', fingerprint: 'f', now: 0 });
      store.recordResponse('judge', 'key-00003', { status: 200, body: '{}', contentType: 'application/json' });
      expect(store.claim({ caller: 'judge', key: 'key-00003', fingerprint: 'other', now: HOUR - 1 })).toEqual({ kind: 'mismatch' });
      expect(store.claim({ caller: 'judge', key: 'key-00003', fingerprint: 'other', now: HOUR })).toEqual({ kind: 'new' });
      store.release('judge', 'key-00003');
      expect(store.claim({ caller: 'judge', key: 'key-00003', fingerprint: 'third', now: HOUR + 1 })).toEqual({ kind: 'new' });
    } finally {
      store.close();
    }
  });

  it('refuses a time to live that is not positive', () => {
    expect(() => sqliteIdempotencyStore({ path, ttlMs: 0 })).toThrow(/ttlMs: expected a positive number of milliseconds, got 0/);
  });
});
