/**
 * The relay's position in the ledger: the block of the last transaction relayed and that
 * transaction's ordinal among the block's chaincode events (Fabric delivers a block's events in
 * transaction order, only for VALID transactions, so the ordinal is stable). Packed into one
 * `bigint` so it is stored as a compare-and-set checkpoint like any processor's.
 */

/** Where the relay stands. */
export interface RelayPosition {
  readonly blockNumber: bigint;
  /** 0 for the block's first chaincode event. */
  readonly ordinal: number;
}

const ORDINAL_BITS = 32n;

/** A relay position as a checkpoint value. */
export function packRelayPosition(position: RelayPosition): bigint {
  return (position.blockNumber << ORDINAL_BITS) | BigInt(position.ordinal);
}

/** A checkpoint value as a relay position. */
export function unpackRelayPosition(packed: bigint): RelayPosition {
  return { blockNumber: packed >> ORDINAL_BITS, ordinal: Number(packed & ((1n << ORDINAL_BITS) - 1n)) };
}
