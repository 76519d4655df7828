/**
 * Deterministic event ids: a name-based UUID, version 5 (RFC 9562 §5.5: SHA-1 of a namespace
 * UUID followed by the name, with the version and variant bits set), of the name
 * `${transactionId}:${index}` in the SuiTrust event namespace.
 *
 * KurrentDB requires event ids to be UUIDs and recognises a retried append by its ids (together
 * with an exact expected revision), so the relay must give the same chaincode event the same id
 * every time it sees it: the Fabric transaction id and the event's index in that transaction's
 * event batch name it uniquely. SHA-1 is fine here: the ids need uniqueness, not secrecy, and
 * RFC 9562 fixes the hash of version 5.
 */
import { createHash } from 'node:crypto';
import { EventStoreError } from './eventStoreError';

/**
 * The namespace of SuiTrust event ids: itself the version-5 UUID of the name
 * `urn:suitrust:event-id` in RFC 9562's URL namespace (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
 */
export const EVENT_ID_NAMESPACE = '734ea03d-82ee-55b4-aa06-646d290d1458';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The version-5 UUID of `name` in `namespace` (RFC 9562 §5.5).
 * @param namespace - a UUID in canonical lower-case form.
 * @param name - the name, hashed as its UTF-8 bytes.
 * @returns the UUID in canonical lower-case form.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` when `namespace` is not a canonical UUID.
 */
export function uuidV5(namespace: string, name: string): string {
  if (!UUID.test(namespace)) throw new EventStoreError(`namespace: expected a lower-case UUID, got ${JSON.stringify(namespace)}`, { code: 'EVENT_STORE_INVALID_ARGUMENT' });
  const hash = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // variant 10 (RFC 9562)
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of the `index`-th event produced by transaction `transactionId`: the same inputs give the
 * same id on every machine and every retry.
 * @param transactionId - the Fabric transaction id (any non-empty string).
 * @param index - the event's index in the transaction's event batch (integer ≥ 0).
 * @returns a UUID (version 5) in canonical lower-case form.
 * @throws {EventStoreError} `EVENT_STORE_INVALID_ARGUMENT` for an empty transaction id or a bad index.
 * @example
 * ```ts
 * const events = batch.events.map((event, index) => ({
 *   id: eventIdFor(txId, index),
 *   type: event.type,
 *   data: event.payload,
 *   metadata: { txId, blockNumber: String(blockNumber) },
 * }));
 * ```
 */
export function eventIdFor(transactionId: string, index: number): string {
  if (typeof transactionId !== 'string' || transactionId.length === 0) {
    throw new EventStoreError(`transactionId: expected a non-empty string, got ${JSON.stringify(transactionId)}`, { code: 'EVENT_STORE_INVALID_ARGUMENT' });
  }
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new EventStoreError(`index: expected an integer ≥ 0, got ${String(index)}`, { code: 'EVENT_STORE_INVALID_ARGUMENT' });
  }
  return uuidV5(EVENT_ID_NAMESPACE, `${transactionId}:${index}`);
}
