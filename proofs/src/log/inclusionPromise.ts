/**
 * Signed inclusion promises: the receipt a log returns the moment an append is durable,
 * promising that the record is leaf `leafIndex` of the log and so of every checkpoint of a
 * larger size (the role of Rekor's signed entry timestamp or RFC 6962's SCT).
 *
 * **One signature per batch, not per record.** SM2 signs ≈ 3,000 messages/s on the project's
 * 2-core machine (DESIGN.md), so a signature per record would cap appends far below the 50,000
 * records/s the log must take. The records the log writes together (one batch: every append
 * queued while the previous batch was syncing, see `transparencyLog.ts`) form a small RFC 9162
 * tree of their leaf hashes; the log signs that tree's root once, and each promise carries its
 * leaf's audit path in it. A promise thus verifies alone, with the same engine as the log.
 *
 * **The signed bytes**, all integers big-endian:
 *
 * | bytes | field |
 * | ----- | ----- |
 * | 30    | `suitrust/inclusion-promise/v1` (ASCII) then 0x00 |
 * | 2 + n | origin length, then the origin in UTF-8 |
 * | 8     | `batch.start`: index of the batch's first record in the log |
 * | 8     | `batch.size`: records in the batch |
 * | 8     | `integratedAt`: milliseconds since 1970-01-01T00:00:00Z |
 * | 1 + h | root length, then `batch.root` = MTH of the batch's leaf hashes |
 *
 * The 0x00 byte makes these bytes invalid as signed-note text (which admits no control
 * character), so a promise signature can never pass for a checkpoint signature of the same key,
 * nor the reverse. Pure: the browser verifier checks promises too.
 */
import { bytesEqual } from './bytesEqual';
import type { MerkleHasher } from './merkleHasher';
import { memoryMerkleTree } from './memoryMerkleTree';
import type { NoteSigner, NoteVerifier } from './signedNote';
import { verifyInclusion, type InclusionFailureReason } from './verifyInclusion';

/** The records the log wrote together, signed together. */
export interface PromiseBatch {
  /** Log index of the batch's first record. */
  readonly start: number;
  /** Number of records in the batch. */
  readonly size: number;
  /** MTH of the batch's leaf hashes (RFC 9162 §2.1.1, over these leaves alone). */
  readonly root: Uint8Array;
}

/** A signed promise that a record is in the log at `leafIndex`. */
export interface InclusionPromise {
  /** The log's origin. */
  readonly origin: string;
  /** The record's index in the log. */
  readonly leafIndex: number;
  /** `HASH(0x00 ‖ record)` with the log's hash. */
  readonly leafHash: Uint8Array;
  /** When the log integrated the record: milliseconds since the Unix epoch, as the caller's clock said. */
  readonly integratedAt: number;
  /** The batch the record was written in. */
  readonly batch: PromiseBatch;
  /** The audit path of leaf `leafIndex − batch.start` in the batch's tree. */
  readonly batchPath: readonly Uint8Array[];
  /** Name of the key that signed (the log's key). */
  readonly keyName: string;
  /** signed-note key ID of that key. */
  readonly keyId: number;
  /** The key's signature of {@link inclusionPromiseMessage}. */
  readonly signature: Uint8Array;
}

/** Why a promise was refused. */
export type InclusionPromiseFailureReason =
  /** A field has the wrong type, range or length. */
  | 'MALFORMED'
  /** The promise is of another log than the one expected. */
  | 'ORIGIN_MISMATCH'
  /** The record given does not hash to `leafHash`. */
  | 'LEAF_HASH_MISMATCH'
  /** `leafIndex` lies outside the batch, or the batch path does not lead to the batch root. */
  | 'NOT_IN_BATCH'
  /** No trusted key has this name and key ID. */
  | 'UNKNOWN_KEY'
  /** The trusted key's signature does not verify. */
  | 'INVALID_SIGNATURE';

/** The outcome of {@link verifyInclusionPromise}. */
export type InclusionPromiseVerification =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: InclusionPromiseFailureReason;
      readonly message: string;
      /** For `NOT_IN_BATCH` from the path: the failed step of RFC 9162 §2.1.3.2. */
      readonly pathFailure?: InclusionFailureReason;
    };

/** Options of {@link signInclusionPromises}. */
export interface SignInclusionPromisesOptions {
  /** The log's hasher. */
  readonly hasher: MerkleHasher;
  /** The log's key. */
  readonly signer: NoteSigner;
  /** The log's origin. */
  readonly origin: string;
  /** Log index of the first record. */
  readonly start: number;
  /** The records' leaf hashes, in log order. */
  readonly leafHashes: readonly Uint8Array[];
  /** Milliseconds since the Unix epoch. */
  readonly integratedAt: number;
}

/** Options of {@link verifyInclusionPromise}. */
export interface VerifyInclusionPromiseOptions {
  /** The trusted keys. */
  readonly verifiers: readonly NoteVerifier[];
  /** The expected origin; any when omitted. */
  readonly origin?: string;
  /** The record itself, to check against `leafHash`. */
  readonly record?: Uint8Array;
}

const CONTEXT = new TextEncoder().encode('suitrust/inclusion-promise/v1\u0000');
const MAX_ORIGIN_BYTES = 0xffff;

/**
 * The bytes a promise's signature covers (see the module comment).
 * @param fields - origin, batch and time.
 * @returns the message.
 * @throws {RangeError} when a field is out of range.
 */
export function inclusionPromiseMessage(fields: Readonly<Pick<InclusionPromise, 'origin' | 'batch' | 'integratedAt'>>): Uint8Array {
  const origin = new TextEncoder().encode(fields.origin);
  const { start, size, root } = fields.batch;
  if (origin.length === 0 || origin.length > MAX_ORIGIN_BYTES) throw new RangeError(`origin: expected 1 to ${MAX_ORIGIN_BYTES} UTF-8 bytes, got ${origin.length}`);
  if (root.length === 0 || root.length > 0xff) throw new RangeError(`batch.root: expected 1 to 255 bytes, got ${root.length}`);
  const message = new Uint8Array(CONTEXT.length + 2 + origin.length + 24 + 1 + root.length);
  const view = new DataView(message.buffer);
  let at = 0;
  message.set(CONTEXT, at);
  at += CONTEXT.length;
  view.setUint16(at, origin.length);
  message.set(origin, at + 2);
  at += 2 + origin.length;
  for (const [name, value] of [['batch.start', start], ['batch.size', size], ['integratedAt', fields.integratedAt]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name}: expected a non-negative safe integer, got ${value}`);
    view.setUint32(at, Math.floor(value / 2 ** 32));
    view.setUint32(at + 4, value % 2 ** 32);
    at += 8;
  }
  message[at] = root.length;
  message.set(root, at + 1);
  return message;
}

/**
 * Signs the promises of one batch: one batch tree, one signature, one promise per record.
 * @param options - hasher, key, origin, first index, leaf hashes, time.
 * @returns the promises, in record order; empty for no records.
 * @throws {RangeError} when a field is out of range.
 */
export function signInclusionPromises(options: Readonly<SignInclusionPromisesOptions>): InclusionPromise[] {
  const { hasher, signer, origin, start, leafHashes, integratedAt } = options;
  if (leafHashes.length === 0) return [];
  const tree = memoryMerkleTree(hasher, leafHashes);
  const batch: PromiseBatch = { start, size: leafHashes.length, root: tree.root() };
  const signature = signer.sign(inclusionPromiseMessage({ origin, batch, integratedAt }));
  return leafHashes.map((leafHash, i) => ({
    origin,
    leafIndex: start + i,
    leafHash,
    integratedAt,
    batch,
    batchPath: tree.inclusionPath(i),
    keyName: signer.name,
    keyId: signer.keyId,
    signature,
  }));
}

/**
 * Verifies a promise: its leaf is in its batch, and a trusted key signed the batch.
 * @param hasher - the log's hasher.
 * @param promise - the promise.
 * @param options - trusted keys, and optionally the expected origin and the record.
 * @returns `{ ok: true }` or the check that failed.
 * @example
 * ```ts
 * const result = verifyInclusionPromise(hasher, promise, { verifiers: [logVerifier], record });
 * if (!result.ok) throw new Error(`${result.reason}: ${result.message}`);
 * ```
 */
export function verifyInclusionPromise(
  hasher: MerkleHasher,
  promise: Readonly<InclusionPromise>,
  options: Readonly<VerifyInclusionPromiseOptions>,
): InclusionPromiseVerification {
  const { origin, leafIndex, leafHash, integratedAt, batch, batchPath, keyName, keyId, signature } = promise;
  const fail = (reason: InclusionPromiseFailureReason, message: string): InclusionPromiseVerification => ({ ok: false, reason, message });
  if (typeof origin !== 'string' || origin.length === 0) return fail('MALFORMED', 'origin: expected a non-empty string');
  if (!(signature instanceof Uint8Array) || typeof keyName !== 'string' || !Number.isInteger(keyId)) return fail('MALFORMED', 'keyName, keyId, signature: expected a key name, a 32-bit key ID and signature bytes');
  if (batch === null || typeof batch !== 'object' || !(batch.root instanceof Uint8Array) || batch.root.length !== hasher.hashLength) {
    return fail('MALFORMED', `batch: expected start, size and a ${hasher.hashLength}-byte root`);
  }
  let message: Uint8Array;
  try {
    message = inclusionPromiseMessage({ origin, batch, integratedAt });
  } catch (err) {
    return fail('MALFORMED', (err as Error).message);
  }
  if (options.origin !== undefined && origin !== options.origin) return fail('ORIGIN_MISMATCH', `the promise is of ${JSON.stringify(origin)}, expected ${JSON.stringify(options.origin)}`);
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== hasher.hashLength) return fail('MALFORMED', `leafHash: expected ${hasher.hashLength} bytes`);
  if (options.record !== undefined && !bytesEqual(hasher.leafHash(options.record), leafHash)) return fail('LEAF_HASH_MISMATCH', 'the record does not hash to the promised leaf hash');
  if (!Number.isSafeInteger(leafIndex) || leafIndex < batch.start || leafIndex - batch.start >= batch.size) {
    return fail('NOT_IN_BATCH', `leafIndex ${leafIndex} is outside the batch [${batch.start}, ${batch.start + batch.size})`);
  }
  const inBatch = verifyInclusion(hasher, { leafIndex: leafIndex - batch.start, treeSize: batch.size, leafHash, path: batchPath, root: batch.root });
  if (!inBatch.ok) return { ok: false, reason: 'NOT_IN_BATCH', message: `batch path: ${inBatch.message}`, pathFailure: inBatch.reason };
  const verifier = options.verifiers.find((v) => v.name === keyName && v.keyId >>> 0 === keyId >>> 0);
  if (verifier === undefined) return fail('UNKNOWN_KEY', `no trusted key ${keyName} with ID ${(keyId >>> 0).toString(16).padStart(8, '0')}`);
  if (!verifier.verify(message, signature)) return fail('INVALID_SIGNATURE', `the signature of ${keyName} does not verify`);
  return { ok: true };
}
