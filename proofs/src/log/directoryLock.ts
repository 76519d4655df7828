/**
 * Keeps two logs from writing one directory: two writers would interleave batches and each
 * would truncate the other's uncommitted tail. Node has no `flock`, so the lock is a `LOCK` file
 * holding the owner's pid, created exclusively. A lock left by a dead process (a crash is what
 * the log's recovery exists for) is taken over; within a process a registry makes the lock
 * exact, across processes it is best effort.
 */
import { link, readFile, realpath, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TransparencyLogError } from './transparencyLogError';

const LOCK_FILE = 'LOCK';
/** Directories (real paths) locked by this process. */
const held = new Set<string>();

/** A held lock. */
export interface DirectoryLock {
  /** Removes the lock file and lets the directory be locked again. */
  release(): Promise<void>;
}

/**
 * Locks a directory for one log.
 * @param directory - an existing directory.
 * @returns the lock, to release on close.
 * @throws {TransparencyLogError} `LOG_LOCKED` when a log of this process or of a live process holds it.
 */
export async function lockDirectory(directory: string): Promise<DirectoryLock> {
  const key = await realpath(directory);
  if (held.has(key)) throw new TransparencyLogError(`transparency log ${directory} is already open in this process`, { code: 'LOG_LOCKED' });
  held.add(key);
  const path = join(key, LOCK_FILE);
  try {
    await createLockFile(path);
  } catch (err) {
    held.delete(key);
    throw err;
  }
  return {
    async release() {
      try {
        await unlink(path).catch(ignoreMissing);
      } finally {
        held.delete(key);
      }
    },
  };
}

async function createLockFile(path: string): Promise<void> {
  // Written aside then linked into place, so a LOCK file never exists without its pid: an empty
  // one would be taken for stale while its creator is still writing it.
  const draft = `${path}.${process.pid}`;
  await writeFile(draft, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(draft, path);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new TransparencyLogError(`transparency log lock ${path} is held by live process ${owner}`, { code: 'LOG_LOCKED' });
      }
      await unlink(path).catch(ignoreMissing);
    }
    throw new TransparencyLogError(`transparency log lock ${path} was taken by another process meanwhile`, { code: 'LOG_LOCKED' });
  } finally {
    await unlink(draft).catch(ignoreMissing);
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
