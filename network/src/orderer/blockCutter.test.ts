import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlockCutter } from './blockCutter';

const envelope = (size: number): Uint8Array => new Uint8Array(size);

describe('BlockCutter', () => {
  afterEach(() => vi.useRealTimers());

  it('closes a batch at the maximum message count, in arrival order', () => {
    const batches: number[][] = [];
    const cutter = new BlockCutter({ maxMessageCount: 3, preferredMaxBytes: 1 << 20, batchTimeoutMs: 1000 }, (batch) => batches.push(batch.map((e) => e.length)));
    for (const size of [1, 2, 3, 4, 5]) cutter.add(envelope(size));
    expect(batches).toEqual([[1, 2, 3]]);
    cutter.flush();
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('closes a batch when the timeout after its first envelope expires', () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const cutter = new BlockCutter({ maxMessageCount: 500, preferredMaxBytes: 1 << 20, batchTimeoutMs: 100 }, (batch) => batches.push(batch.map((e) => e.length)));
    cutter.add(envelope(1));
    vi.advanceTimersByTime(60);
    cutter.add(envelope(2));
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(batches).toEqual([[1, 2]]);
    vi.advanceTimersByTime(1000);
    expect(batches).toEqual([[1, 2]]);
  });

  it('never lets a batch grow past the preferred size with a second envelope', () => {
    const batches: number[][] = [];
    const cutter = new BlockCutter({ maxMessageCount: 500, preferredMaxBytes: 10, batchTimeoutMs: 1000 }, (batch) => batches.push(batch.map((e) => e.length)));
    cutter.add(envelope(6));
    cutter.add(envelope(6));
    cutter.add(envelope(12));
    expect(batches).toEqual([[6], [6], [12]]);
  });
});
