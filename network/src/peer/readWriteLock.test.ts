import { describe, expect, it } from 'vitest';
import { ReadWriteLock } from './readWriteLock';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ReadWriteLock', () => {
  it('lets readers share, and makes a writer wait for them and exclude later readers', async () => {
    const lock = new ReadWriteLock();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = lock.read(async () => {
      log.push('read1 start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('read1 end');
    });
    const second = lock.read(async () => {
      log.push('read2');
    });
    await tick();
    const write = lock.write(async () => {
      log.push('write');
    });
    const late = lock.read(async () => {
      log.push('read3');
    });
    await tick();
    expect(log).toEqual(['read1 start', 'read2']);
    releaseFirst();
    await Promise.all([first, second, write, late]);
    expect(log).toEqual(['read1 start', 'read2', 'read1 end', 'write', 'read3']);
  });

  it('runs writers one at a time and releases the lock when work throws', async () => {
    const lock = new ReadWriteLock();
    let inside = 0;
    let most = 0;
    const work = async (): Promise<void> => {
      inside++;
      most = Math.max(most, inside);
      await tick();
      inside--;
    };
    await Promise.all([lock.write(work), lock.write(work), lock.write(async () => Promise.reject(new Error('boom'))).catch(() => undefined), lock.write(work)]);
    expect(most).toBe(1);
    await expect(lock.read(async () => 'free')).resolves.toBe('free');
  });
});
