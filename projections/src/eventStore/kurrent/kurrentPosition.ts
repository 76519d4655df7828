/**
 * KurrentDB log positions as one `bigint`. A KurrentDB position is a (commit, prepare) pair of
 * unsigned 64-bit numbers, ordered by commit then prepare; `commit × 2⁶⁴ + prepare` is one number
 * in the same order, so the adapter's positions compare with `<` and fit one checkpoint column.
 */
import type { Position as KurrentPosition } from '@kurrent/kurrentdb-client';
import { EventStoreError } from '../eventStoreError';
import type { Position } from '../position';

const TWO_64 = 2n ** 64n;
/** What servers before 22.6 report for an event read from a stream instead of its position. */
const UNKNOWN = TWO_64 - 1n;

/**
 * Packs a KurrentDB position.
 * @param position - the server's position.
 * @returns `commit × 2⁶⁴ + prepare`.
 * @throws {EventStoreError} `EVENT_STORE_FAILURE` when the server reported no position.
 */
export function fromKurrentPosition(position: KurrentPosition | undefined): Position {
  if (position === undefined || position.commit === UNKNOWN || position.commit < 0n || position.prepare < 0n || position.prepare >= TWO_64) {
    throw new EventStoreError('KurrentDB reported no global position for an event (KurrentDB 22.6 or later reports it for stream reads too)', { code: 'EVENT_STORE_FAILURE' });
  }
  return position.commit * TWO_64 + position.prepare;
}

/**
 * Unpacks a position into KurrentDB's pair.
 * @param position - a packed position (≥ 0).
 * @returns `{ commit, prepare }`.
 */
export function toKurrentPosition(position: Position): KurrentPosition {
  return { commit: position / TWO_64, prepare: position % TWO_64 };
}
