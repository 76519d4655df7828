/**
 * File-system steps whose effect must survive a power loss, not only a process crash. POSIX
 * makes a new file's name durable only when its directory is synced (fsync(2): "Calling fsync()
 * does not necessarily ensure that the entry in the directory containing the file has also
 * reached disk"), and lets `write` and `read` return short counts.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';

/**
 * Syncs a directory, making the names created or removed in it durable.
 *
 * @param directory - the directory to sync
 * @throws {Error} the file system's error, except where directories cannot be opened for sync
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (err) {
    // Windows opens no directory (EISDIR, EPERM) and some file systems refuse to sync one
    // (EINVAL): there, names are as durable as the platform makes them.
    if (!['EISDIR', 'EPERM', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Creates a directory and any missing parents, and syncs each parent that gained an entry.
 *
 * @param directory - the directory to create
 * @throws {Error} the file system's error
 */
export async function makeDirectoryDurably(directory: string): Promise<void> {
  const first = await mkdir(directory, { recursive: true });
  if (first === undefined) return;
  // `first` is the outermost directory created: its parent and every created one gained an entry.
  const created = relative(first, directory).split(sep).filter(Boolean);
  let current = first;
  await syncDirectory(dirname(first));
  for (const part of created) {
    await syncDirectory(current);
    current = `${current}${sep}${part}`;
  }
}

/**
 * Writes all of `bytes` at `position`, however many calls the kernel needs.
 *
 * @param handle - a file open for writing
 * @param bytes - what to write
 * @param position - the file offset to write at
 * @throws {Error} the file system's error
 */
export async function writeFully(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let written = 0; written < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
    written += bytesWritten;
  }
}

/**
 * Reads exactly `length` bytes at `position`.
 *
 * @param handle - a file open for reading
 * @param length - how many bytes
 * @param position - the file offset to read at
 * @returns the bytes
 * @throws {RangeError} when the file ends first
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
