/**
 * The behaviour table of checkpoint stores, run against every one: the embedded event store, the
 * stand-alone SQLite checkpoint store, and KurrentDB when a connection string is given.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointStore } from './checkpointStore';

/**
 * Declares the checkpoint behaviour table for one implementation.
 * @param name - the implementation's name.
 * @param open - opens a store; `close` releases it.
 */
export function describeCheckpointStoreContract(name: string, open: () => Promise<CheckpointStore & { close(): Promise<void> }>): void {
  describe(`${name}: checkpoint store contract`, () => {
    let store: CheckpointStore & { close(): Promise<void> };
    let processor: string;
    beforeEach(async () => {
      store = await open();
      processor = `processor-${randomUUID()}`;
    });
    afterEach(async () => {
      await store.close();
    });

    it('has no checkpoint for a new processor', async () => {
      expect(await store.readCheckpoint(processor)).toBeNull();
    });

    it('stores compare-and-set on the previous value', async () => {
      expect(await store.storeCheckpoint(processor, 5n, { expected: null })).toEqual({ ok: true, checkpoint: 5n });
      expect(await store.readCheckpoint(processor)).toBe(5n);
      expect(await store.storeCheckpoint(processor, 9n, { expected: 5n })).toEqual({ ok: true, checkpoint: 9n });
      expect(await store.readCheckpoint(processor)).toBe(9n);
    });

    it('refuses a stale expectation with MISMATCH and the stored value, overwriting nothing', async () => {
      await store.storeCheckpoint(processor, 5n, { expected: null });
      expect(await store.storeCheckpoint(processor, 7n, { expected: null })).toEqual({ ok: false, reason: 'MISMATCH', current: 5n });
      expect(await store.storeCheckpoint(processor, 7n, { expected: 4n })).toEqual({ ok: false, reason: 'MISMATCH', current: 5n });
      expect(await store.readCheckpoint(processor)).toBe(5n);
      expect(await store.storeCheckpoint(`${processor}-other`, 1n, { expected: 5n })).toEqual({ ok: false, reason: 'MISMATCH', current: null });
    });

    it('lets one of two racing instances win', async () => {
      await store.storeCheckpoint(processor, 1n, { expected: null });
      const outcomes = await Promise.all([store.storeCheckpoint(processor, 2n, { expected: 1n }), store.storeCheckpoint(processor, 3n, { expected: 1n })]);
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      const winner = outcomes.find((outcome) => outcome.ok);
      expect(await store.readCheckpoint(processor)).toBe(winner?.ok ? winner.checkpoint : undefined);
    });

    it('keeps positions wider than 64 bits (KurrentDB positions, packed)', async () => {
      const wide = 2n ** 64n * 123_456_789n + 987_654_321n;
      expect(await store.storeCheckpoint(processor, wide, { expected: null })).toEqual({ ok: true, checkpoint: wide });
      expect(await store.readCheckpoint(processor)).toBe(wide);
    });

    it('refuses malformed arguments', async () => {
      const invalid = { code: 'EVENT_STORE_INVALID_ARGUMENT' };
      await expect(store.readCheckpoint('')).rejects.toMatchObject(invalid);
      await expect(store.storeCheckpoint(processor, -1n, { expected: null })).rejects.toMatchObject(invalid);
      await expect(store.storeCheckpoint(processor, 1n, { expected: 1 as never })).rejects.toMatchObject(invalid);
      await expect(store.storeCheckpoint(processor, 1n, {} as never)).rejects.toMatchObject(invalid);
    });
  });
}
