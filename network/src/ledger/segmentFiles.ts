/**
 * The names of a block store's segment files: `000000.blocks`, `000001.blocks`, … in a
 * channel's directory, each holding the blocks that follow those of the one before.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BlockStoreError } from './blockStoreError';

const SEGMENT_NAME = /^(\d{6,})\.blocks$/;

/**
 * The file name of a segment.
 *
 * @param index - the segment's position, from 0
 * @returns e.g. `000042.blocks`
 */
export function segmentFileName(index: number): string {
  return `${String(index).padStart(6, '0')}.blocks`;
}

/**
 * Lists a directory's segments.
 *
 * @param directory - the channel's directory
 * @returns the segments' paths, in order (empty when there is none)
 * @throws {BlockStoreError} `BLOCK_STORE_CORRUPT` when a segment is missing between two others
 */
export async function listSegments(directory: string): Promise<string[]> {
  const indices = (await readdir(directory))
    .map((name) => SEGMENT_NAME.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  indices.forEach((index, position) => {
    if (index !== position) {
      throw new BlockStoreError(`block store ${directory} is missing segment ${segmentFileName(position)} (found ${segmentFileName(index)})`, {
        code: 'BLOCK_STORE_CORRUPT',
      });
    }
  });
  return indices.map((index) => join(directory, segmentFileName(index)));
}
