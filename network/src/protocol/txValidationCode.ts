/**
 * Fabric's transaction validation codes, the values a peer writes, one byte per transaction, into
 * a block's TRANSACTIONS_FILTER metadata (fabric-protos `peer/transaction.proto`,
 * `enum TxValidationCode`).
 */
import { peer } from '@hyperledger/fabric-protos';

/** One `peer.TxValidationCode` value: `0` is VALID, anything else names why a transaction was not. */
export type TxValidationCode = peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap];

const NAMES = new Map<number, string>(Object.entries(peer.TxValidationCode).map(([name, value]) => [value, name]));

/**
 * The name Fabric gives a validation code, for messages and logs.
 *
 * @param code - a `peer.TxValidationCode` value
 * @returns the enum name (`MVCC_READ_CONFLICT`), or `UNKNOWN(<code>)` for a value the enum lacks
 * @example
 * ```ts
 * txValidationCodeName(peer.TxValidationCode.MVCC_READ_CONFLICT); // 'MVCC_READ_CONFLICT'
 * ```
 */
export function txValidationCodeName(code: number): string {
  return NAMES.get(code) ?? `UNKNOWN(${code})`;
}
