/**
 * File-system steps whose effect must survive a power loss, not only a process crash. POSIX
 * makes a new file's name durable only once its directory is synced (fsync(2)), and lets
 * `write` and `read` return short counts.
 */
import { readSync } from 'node:fs';
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Syncs a directory, making the names created or renamed in it durable.
 * @param directory - the directory.
 * @throws {Error} the file system's error, except where directories cannot be opened for sync.
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (err) {
    // Windows opens no directory (EISDIR, EPERM) and some file systems refuse to sync one (EINVAL).
    if (!['EISDIR', 'EPERM', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Creates a directory and its missing parents, syncing each parent that gained an entry.
 * @param directory - the directory.
 * @throws {Error} the file system's error.
 */
export async function makeDirectoryDurably(directory: string): Promise<void> {
  const first = await mkdir(directory, { recursive: true });
  if (first === undefined) return;
  let current = directory;
  const created: string[] = [];
  while (current.length >= first.length) {
    created.push(current);
    if (current === first) break;
    current = dirname(current);
  }
  for (const path of [dirname(first), ...created.reverse()]) await syncDirectory(path);
}

/**
 * Replaces (or creates) a small file so that a crash leaves either the old or the new content:
 * written aside, synced, renamed into place, directory synced.
 * @param directory - the file's directory.
 * @param name - the file's name.
 * @param content - the new content.
 * @throws {Error} the file system's error.
 */
export async function writeFileAtomically(directory: string, name: string, content: Uint8Array): Promise<void> {
  const draft = join(directory, `${name}.${process.pid}.tmp`);
  const handle = await open(draft, 'w');
  try {
    await writeFully(handle, content, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(draft, join(directory, name));
  await syncDirectory(directory);
}

/**
 * Writes all of `bytes` at `position`, however many calls the kernel needs.
 * @param handle - a file open for writing.
 * @param bytes - what to write.
 * @param position - the file offset.
 * @throws {Error} the file system's error.
 */
export async function writeFully(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let written = 0; written < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
    written += bytesWritten;
  }
}

/**
 * Reads exactly `length` bytes at `position`.
 * @param handle - a file open for reading.
 * @param length - how many bytes.
 * @param position - the file offset.
 * @returns the bytes.
 * @throws {RangeError} when the file ends first.
 */
export async function readFully(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(length);
  for (let read = 0; read < length; ) {
    const { bytesRead } = await handle.read(bytes, read, length - read, position + read);
    if (bytesRead === 0) throw new RangeError(`file ends at ${position + read}, expected ${length} bytes from ${position}`);
    read += bytesRead;
  }
  return bytes;
}

/**
 * Reads exactly `target.length` bytes at `position`, synchronously.
 * @param fd - a file descriptor open for reading.
 * @param target - where to put them.
 * @param position - the file offset.
 * @throws {RangeError} when the file ends first.
 */
export function readFullySync(fd: number, target: Uint8Array, position: number): void {
  for (let read = 0; read < target.length; ) {
    const bytesRead = readSync(fd, target, read, target.length - read, position + read);
    if (bytesRead === 0) throw new RangeError(`file ends at ${position + read}, expected ${target.length} bytes from ${position}`);
    read += bytesRead;
  }
}
