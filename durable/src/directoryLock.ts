/**
 * Keeps two writers out of one directory: a block store or a log with two writers would
 * interleave records and each would truncate the other's "torn" tail.
 *
 * Node has no `flock`, so the lock is a `LOCK` file holding the owner's pid, created exclusively
 * (by `link`, which fails when the name exists).
 * A lock left by a process that died (a crash is the case the store exists for) is taken over
 * when its pid is no longer alive, or is this process's own pid while this process holds no lock
 * on the directory (a container restarts its peer with the same pid). Within a process a registry
 * makes the lock exact; across processes it is best effort: two processes taking over the same
 * stale lock at the same instant can both succeed.
 */
import { link, readFile, realpath, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'LOCK';
/** Directories (real paths) locked by this process. */
const held = new Set<string>();

/** Thrown when a directory is locked by this process or by another live one. */
export class DirectoryLockedError extends Error {
  readonly code = 'DIRECTORY_LOCKED';

  constructor(message: string) {
    super(message);
    this.name = DirectoryLockedError.name;
  }
}

/** A held lock. */
export interface DirectoryLock {
  /** Removes the lock file and lets the directory be locked again. */
  release(): Promise<void>;
}

/**
 * Locks a directory for one writer.
 *
 * @param directory - an existing directory
 * @param owner - what holds it, for messages: `block store`, `transparency log`
 * @returns the lock, to release on close
 * @throws {DirectoryLockedError} when a writer of this process or of a live process holds it
 */
export async function lockDirectory(directory: string, owner: string): Promise<DirectoryLock> {
  const key = await realpath(directory);
  if (held.has(key)) throw new DirectoryLockedError(`${owner} ${directory} is already open in this process`);
  held.add(key);
  const path = join(key, LOCK_FILE);
  try {
    await createLockFile(path, owner);
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

async function createLockFile(path: string, owner: string): Promise<void> {
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
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DirectoryLockedError(`${owner} lock ${path} is held by live process ${pid}; remove it only if that process is not a ${owner}`);
      }
      await unlink(path).catch(ignoreMissing);
    }
    throw new DirectoryLockedError(`${owner} lock ${path} was taken by another process meanwhile`);
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
