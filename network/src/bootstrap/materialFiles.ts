/**
 * Writing crypto material so that a crash never leaves half of it: each unit (an organisation's
 * folder, a user's folder) is built under a hidden temporary name, every file and directory in it
 * synced, then renamed into place in one step (rename(2) is atomic within a file system). A
 * later start sees the unit whole or not at all. Private keys are written with mode 0600 inside
 * directories of mode 0700, and never through a path that already exists.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeDirectoryDurably, syncDirectory } from '@suitrust/durable';

/** A temporary folder older than this was abandoned by a crash: no creation takes a minute. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;
const PARTIAL = '.partial-';

/**
 * Creates a directory (and its parents) with a mode; a private one is 0700, a public one 0755.
 *
 * @param directory - the directory
 * @param isPrivate - whether it holds private keys
 */
export async function makeDirectory(directory: string, isPrivate: boolean): Promise<void> {
  await mkdir(directory, { recursive: true, mode: isPrivate ? 0o700 : 0o755 });
}

/**
 * Writes a new public file (certificate, configuration), mode 0644, and syncs it.
 *
 * @param path - the file, which must not exist
 * @param text - its content
 * @throws {Error} `EEXIST` when the file exists
 */
export async function writePublicFile(path: string, text: string): Promise<void> {
  await writeNewFile(path, text, 0o644);
}

/**
 * Writes a new private-key file, mode 0600, and syncs it. Its directory should be private too.
 *
 * @param path - the file, which must not exist
 * @param text - the PEM; never logged, and absent from any error this throws
 * @throws {Error} `EEXIST` when the file exists
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  await writeNewFile(path, text, 0o600);
}

/**
 * Creates `target` whole or not at all: `fill` writes into a hidden sibling folder, which is then
 * synced and renamed to `target`.
 *
 * @param target - the folder to create
 * @param fill - writes the folder's content into the directory it is given
 * @returns `created`, or `exists` when another process created `target` first (its content is
 *   kept and this one's discarded)
 * @throws {Error} whatever `fill` or the file system throws; the temporary folder is removed
 */
export async function createDirectoryAtomically(target: string, fill: (directory: string) => Promise<void>): Promise<'created' | 'exists'> {
  const parent = dirname(target);
  await makeDirectoryDurably(parent);
  await removeAbandoned(parent, basename(target));
  const temporary = join(parent, `.${basename(target)}${PARTIAL}${randomBytes(6).toString('hex')}`);
  await mkdir(temporary, { mode: 0o755 });
  try {
    await fill(temporary);
    await syncTree(temporary);
    try {
      await rename(temporary, target);
    } catch (err) {
      // Renaming onto a non-empty directory fails (ENOTEMPTY, or EEXIST on some systems):
      // another process won the race, and its material is the one to keep.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') return 'exists';
      throw err;
    }
    await syncDirectory(parent);
    return 'created';
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/**
 * Whether a path exists.
 *
 * @param path - the path
 * @returns `false` only when it does not exist
 * @throws {Error} any other file-system error (permission, I/O)
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

async function writeNewFile(path: string, text: string, mode: number): Promise<void> {
  // 'wx': never through an existing path, so an attacker's symlink is not followed and material
  // is never overwritten.
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Syncs every directory of a tree, children first, so the names in it are durable before the rename. */
async function syncTree(directory: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) await syncTree(join(directory, entry.name));
  }
  await syncDirectory(directory);
}

/** Removes temporary folders a crashed start left beside `name`, once they are clearly abandoned. */
async function removeAbandoned(parent: string, name: string): Promise<void> {
  const prefix = `.${name}${PARTIAL}`;
  for (const entry of await readdir(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const path = join(parent, entry);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > ABANDONED_AFTER_MS) await rm(path, { recursive: true, force: true });
  }
}
