/**
 * A transparency log (DESIGN.md, "Log proof"): an append-only RFC 9162 Merkle tree of records
 * with the configured suite's hash (SM3 by default), durable on disk, that answers inclusion and
 * consistency proofs for any sizes, signs C2SP checkpoints, and returns a signed inclusion
 * promise for each record the moment its append is durable.
 *
 * **Group commit.** Appends queue; one writer takes everything queued (up to 65,536 records or
 * 64 MiB) as one batch: one write and one fdatasync per file and a commit record (see
 * `fileLogStore.ts`), and one signature over the batch's promises (`inclusionPromise.ts`). While a
 * batch is on its way to the disk, the previous one's promises are signed, so hashing, signing
 * and syncing overlap. Measured on the project's 2-core machine with SM3 and SM2, 200-byte
 * records: ≈ 60,000 records/s for one caller awaiting appends of 1,000 records in turn,
 * ≈ 65,000–85,000 with four such appends in flight, ≈ 54,000 with 64 appends of 10 records in
 * flight (their syncs and signatures shared).
 *
 * Records are hashed (`HASH(0x00 ‖ record)`) and copied when `append` is called, so a caller may
 * reuse its buffers at once.
 */
import type { CryptoSuite } from '@suitrust/crypto';
import { signCheckpoint, type Checkpoint } from './checkpoint';
import { openFileLogStore, type FileLogStore, type LogRecovery } from './fileLogStore';
import { signInclusionPromises, type InclusionPromise } from './inclusionPromise';
import { createMerkleHasher, type MerkleHasher } from './merkleHasher';
import { consistencyPath, inclusionPath } from './merkleTree';
import { isValidKeyName } from './signedNote';
import { createNoteSigner, createNoteVerifier, formatVerifierKey, type SuiteNoteSigner, type SuiteNoteVerifier } from './suiteNoteKeys';
import { TransparencyLogError } from './transparencyLogError';

/** Largest record accepted: 16 MiB (evidence digests and exchange reports are far smaller). */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** Records per batch at most: bounds a batch's memory and the latency of the appends behind it. */
const MAX_BATCH_RECORDS = 65_536;
/** Bytes per batch at most (one larger record still forms a batch of its own). */
const MAX_BATCH_BYTES = 64 * 1024 * 1024;
/** Checkpoints kept signed, by size: SM2 signs ≈ 3,000/s, and monitors ask often for the same one. */
const CACHED_CHECKPOINTS = 4;

/** Options of {@link openTransparencyLog}. */
export interface TransparencyLogOptions {
  /** The log's directory; created when missing. */
  readonly directory: string;
  /** The crypto suite: its hash builds the tree, its signature signs checkpoints and promises. */
  readonly suite: CryptoSuite;
  /** The log's origin (C2SP tlog-checkpoint), e.g. `suitrust.example/exchanges`; fixed for the directory's life. */
  readonly origin: string;
  /** The log's private key: raw bytes of the suite's algorithm, or PKCS#8 PEM. */
  readonly signingKey: Uint8Array | string;
  /** The key's name in signature lines; the origin unless told (as tlog-checkpoint recommends). */
  readonly keyName?: string;
  /** The time stamped into promises as `integratedAt`, in milliseconds since the Unix epoch; `Date.now` unless told. */
  readonly clock?: () => number;
}

/** An audit path, with what it proves. */
export interface InclusionProof {
  /** The record's index. */
  readonly leafIndex: number;
  /** The tree size the path leads to the root of. */
  readonly treeSize: number;
  /** `HASH(0x00 ‖ record)`. */
  readonly leafHash: Uint8Array;
  /** The audit path, from the leaf upward (RFC 9162 §2.1.3.1). */
  readonly path: readonly Uint8Array[];
}

/** A consistency proof between two sizes. */
export interface ConsistencyProof {
  /** The older size. */
  readonly firstSize: number;
  /** The newer size. */
  readonly secondSize: number;
  /** The proof (RFC 9162 §2.1.4.1). */
  readonly proof: readonly Uint8Array[];
}

/** A checkpoint and its signed note. */
export interface SignedCheckpoint {
  /** Origin, size and root. */
  readonly checkpoint: Checkpoint;
  /** The C2SP signed note, signed by the log's key. */
  readonly note: string;
}

/** An open transparency log. */
export interface TransparencyLog {
  /** The log's origin. */
  readonly origin: string;
  /** The tree's hasher (the suite's hash), for verifying what the log returns. */
  readonly hasher: MerkleHasher;
  /** The log's public key as a note verifier, to hand to verifiers. */
  readonly verifier: SuiteNoteVerifier;
  /** The same key as signed-note verifier key text (`<name>+<key ID>+<base64 key>`). */
  readonly verifierKey: string;
  /** Records durably appended. */
  readonly size: number;
  /** What opening repaired after a crash, or `undefined`. */
  readonly recovered: LogRecovery | undefined;

  /**
   * Appends records; resolves once they are durable, with one signed promise per record.
   * @param records - the records, each at most 16 MiB (may be empty arrays).
   * @returns the promises, in order: `promises[i].leafIndex` is record i's index.
   * @throws {TransparencyLogError} `LOG_INVALID_ARGUMENT` for a record that is not bytes or too
   *   large; `LOG_FAILED` when the write fails (then for every later append); `LOG_CLOSED`.
   */
  append(records: readonly Uint8Array[]): Promise<InclusionPromise[]>;
  /**
   * The tree head at `size` (default: the current size).
   * @throws {TransparencyLogError} `LOG_OUT_OF_RANGE` beyond the log's size.
   */
  root(size?: number): Promise<Uint8Array>;
  /**
   * The audit path of record `index` in the tree of `size` (default: the current size).
   * @throws {TransparencyLogError} `LOG_OUT_OF_RANGE` unless `index < size ≤ this.size`.
   */
  inclusionProof(index: number, size?: number): Promise<InclusionProof>;
  /**
   * The consistency proof from size `from` to size `to` (default: the current size).
   * @throws {TransparencyLogError} `LOG_OUT_OF_RANGE` unless `from ≤ to ≤ this.size`.
   */
  consistencyProof(from: number, to?: number): Promise<ConsistencyProof>;
  /** A checkpoint of the current size, signed with the log's key. */
  checkpoint(): Promise<SignedCheckpoint>;
  /**
   * Record `index`'s bytes.
   * @throws {TransparencyLogError} `LOG_OUT_OF_RANGE` beyond the log's size.
   */
  record(index: number): Promise<Uint8Array>;
  /** Waits for queued appends, then closes the files. */
  close(): Promise<void>;
}

/**
 * Opens (or creates) a transparency log, repairing the remains of a crash.
 * @param options - directory, suite, origin, signing key, and optionally key name and clock.
 * @returns the log.
 * @throws {TransparencyLogError} `LOG_INVALID_ARGUMENT` for a bad origin, key name or key;
 *   `LOG_MISMATCH`, `LOG_CORRUPT`, `LOG_LOCKED` from the storage.
 * @example
 * ```ts
 * const log = await openTransparencyLog({ directory: 'data/exchanges', suite: await loadSuite('sm'), origin: 'suitrust.example/exchanges', signingKey: pem });
 * const [promise] = await log.append([reportBytes]);       // durable, signed
 * const { note } = await log.checkpoint();                 // anchor this on chain
 * const proof = await log.inclusionProof(promise.leafIndex); // at the current size
 * ```
 */
export async function openTransparencyLog(options: Readonly<TransparencyLogOptions>): Promise<TransparencyLog> {
  const { suite, origin, directory } = options;
  if (typeof origin !== 'string' || origin.length === 0 || /[\u0000-\u001f]/.test(origin)) {
    throw new TransparencyLogError(`origin: expected a non-empty line without control characters, got ${JSON.stringify(origin)}`, { code: 'LOG_INVALID_ARGUMENT' });
  }
  const keyName = options.keyName ?? origin;
  if (!isValidKeyName(keyName)) {
    throw new TransparencyLogError(`keyName: ${JSON.stringify(keyName)} is not a signed-note key name (no spaces, no "+"); pass keyName when the origin is not one`, { code: 'LOG_INVALID_ARGUMENT' });
  }
  let signer: SuiteNoteSigner;
  try {
    const privateKey = typeof options.signingKey === 'string' ? suite.importPrivateKey(options.signingKey) : options.signingKey;
    signer = createNoteSigner({ suite, name: keyName, privateKey });
  } catch (err) {
    throw new TransparencyLogError(`signingKey: not a ${suite.signatureAlgorithm} private key`, { code: 'LOG_INVALID_ARGUMENT', cause: err });
  }
  const hasher = createMerkleHasher(suite);
  const store = await openFileLogStore({ directory, hasher, hashAlgorithm: suite.hashAlgorithm, origin });
  return new FileTransparencyLog({ origin, hasher, signer, verifier: createNoteVerifier({ suite, name: keyName, publicKey: signer.publicKey }), store, clock: options.clock ?? Date.now });
}

interface PendingAppend {
  readonly records: readonly Uint8Array[];
  readonly leafHashes: readonly Uint8Array[];
  readonly bytes: number;
  readonly resolve: (promises: InclusionPromise[]) => void;
  readonly reject: (err: unknown) => void;
}

/** A written batch whose promises are still to be signed. */
interface DurableBatch {
  readonly appends: readonly PendingAppend[];
  readonly start: number;
  readonly integratedAt: number;
}

interface FileTransparencyLogOptions {
  readonly origin: string;
  readonly hasher: MerkleHasher;
  readonly signer: SuiteNoteSigner;
  readonly verifier: SuiteNoteVerifier;
  readonly store: FileLogStore;
  readonly clock: () => number;
}

class FileTransparencyLog implements TransparencyLog {
  readonly origin: string;
  readonly hasher: MerkleHasher;
  readonly verifier: SuiteNoteVerifier;
  readonly verifierKey: string;
  readonly #signer: SuiteNoteSigner;
  readonly #store: FileLogStore;
  readonly #clock: () => number;
  readonly #queue: PendingAppend[] = [];
  readonly #checkpoints = new Map<number, SignedCheckpoint>();
  #writer: Promise<void> = Promise.resolve();
  #writing = false;
  #closing = false;

  constructor(options: Readonly<FileTransparencyLogOptions>) {
    this.origin = options.origin;
    this.hasher = options.hasher;
    this.verifier = options.verifier;
    this.verifierKey = formatVerifierKey(options.verifier);
    this.#signer = options.signer;
    this.#store = options.store;
    this.#clock = options.clock;
  }

  get size(): number {
    return this.#store.size;
  }

  get recovered(): LogRecovery | undefined {
    return this.#store.recovered;
  }

  async append(records: readonly Uint8Array[]): Promise<InclusionPromise[]> {
    this.#assertOpen();
    if (!Array.isArray(records)) throw new TransparencyLogError('records: expected an array of Uint8Array', { code: 'LOG_INVALID_ARGUMENT' });
    let bytes = 0;
    const copies = records.map((record, i) => {
      if (!(record instanceof Uint8Array)) throw new TransparencyLogError(`records[${i}]: expected Uint8Array, got ${typeof record}`, { code: 'LOG_INVALID_ARGUMENT' });
      if (record.length > MAX_RECORD_BYTES) throw new TransparencyLogError(`records[${i}]: expected at most ${MAX_RECORD_BYTES} bytes, got ${record.length}`, { code: 'LOG_INVALID_ARGUMENT' });
      bytes += record.length;
      return record.slice();
    });
    if (copies.length === 0) return [];
    const leafHashes = copies.map((record) => this.hasher.leafHash(record));
    return new Promise<InclusionPromise[]>((resolve, reject) => {
      this.#queue.push({ records: copies, leafHashes, bytes, resolve, reject });
      if (!this.#writing) {
        this.#writing = true;
        this.#writer = this.#write();
      }
    });
  }

  async root(size = this.size): Promise<Uint8Array> {
    return this.#store.root(size);
  }

  async inclusionProof(index: number, size = this.size): Promise<InclusionProof> {
    this.#assertOpen();
    this.#checkSize('size', size);
    if (!Number.isSafeInteger(index) || index < 0) throw new TransparencyLogError(`index: expected a non-negative integer, got ${index}`, { code: 'LOG_INVALID_ARGUMENT' });
    if (index >= size) throw new TransparencyLogError(`index: ${index} is not below the tree size ${size}`, { code: 'LOG_OUT_OF_RANGE' });
    const leafHash = this.#store.leafHash(index);
    return { leafIndex: index, treeSize: size, leafHash, path: inclusionPath(this.#store.reader(size), index, size) };
  }

  async consistencyProof(from: number, to = this.size): Promise<ConsistencyProof> {
    this.#assertOpen();
    this.#checkSize('to', to);
    this.#checkSize('from', from);
    if (from > to) throw new TransparencyLogError(`from: ${from} is beyond to = ${to}`, { code: 'LOG_OUT_OF_RANGE' });
    const proof = from === 0 || from === to ? [] : consistencyPath(this.#store.reader(to), from, to);
    return { firstSize: from, secondSize: to, proof };
  }

  async checkpoint(): Promise<SignedCheckpoint> {
    this.#assertOpen();
    const size = this.size;
    let signed = this.#checkpoints.get(size);
    if (signed === undefined) {
      const checkpoint: Checkpoint = { origin: this.origin, size, root: this.#store.root(size) };
      signed = { checkpoint, note: signCheckpoint(checkpoint, [this.#signer]) };
      if (this.#checkpoints.size >= CACHED_CHECKPOINTS) this.#checkpoints.delete(this.#checkpoints.keys().next().value as number);
      this.#checkpoints.set(size, signed);
    }
    return { checkpoint: { ...signed.checkpoint, root: signed.checkpoint.root.slice() }, note: signed.note };
  }

  async record(index: number): Promise<Uint8Array> {
    return this.#store.record(index);
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    await this.#writer;
    await this.#store.close();
  }

  /**
   * The writer: one batch at a time, signing the previous batch's promises while the next one
   * syncs. Its `finally` clears `#writing` in the same synchronous step as the loop's last look
   * at the queue (no `await` between them), so an append never finds the flag still set by a
   * writer that has stopped.
   */
  async #write(): Promise<void> {
    let durable: DurableBatch | undefined;
    try {
      while (this.#queue.length > 0 || durable !== undefined) {
        const appends = this.#takeBatch();
        let batch: DurableBatch | undefined;
        let written: Promise<void> | undefined;
        if (appends.length > 0) {
          const integratedAt = this.#now();
          if (typeof integratedAt === 'number') {
            batch = { appends, start: this.#store.size, integratedAt };
            written = this.#store.append(
              appends.flatMap((a) => a.records),
              appends.flatMap((a) => a.leafHashes),
            );
            written.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
          } else {
            for (const append of appends) append.reject(integratedAt);
          }
        }
        if (durable !== undefined) this.#settle(durable);
        durable = undefined;
        if (batch === undefined || written === undefined) continue;
        try {
          await written;
          durable = batch;
        } catch (err) {
          for (const append of appends) append.reject(err);
        }
      }
    } finally {
      this.#writing = false;
    }
  }

  /** The clock's reading, or the error to reject a batch with when it has none to give. */
  #now(): number | TransparencyLogError {
    let now: unknown;
    try {
      now = this.#clock();
    } catch (err) {
      return new TransparencyLogError('clock: threw', { code: 'LOG_INVALID_ARGUMENT', cause: err });
    }
    if (typeof now === 'number' && Number.isSafeInteger(now) && now >= 0) return now;
    return new TransparencyLogError(`clock: expected whole milliseconds since the Unix epoch, got ${String(now)}`, { code: 'LOG_INVALID_ARGUMENT' });
  }

  #takeBatch(): PendingAppend[] {
    let records = 0;
    let bytes = 0;
    let count = 0;
    for (const append of this.#queue) {
      if (count > 0 && (records + append.records.length > MAX_BATCH_RECORDS || bytes + append.bytes > MAX_BATCH_BYTES)) break;
      records += append.records.length;
      bytes += append.bytes;
      count++;
    }
    return this.#queue.splice(0, count);
  }

  /** Signs a durable batch's promises and hands each append its own. */
  #settle(batch: DurableBatch): void {
    let promises: InclusionPromise[];
    try {
      promises = signInclusionPromises({
        hasher: this.hasher,
        signer: this.#signer,
        origin: this.origin,
        start: batch.start,
        leafHashes: batch.appends.flatMap((a) => a.leafHashes),
        integratedAt: batch.integratedAt,
      });
    } catch (err) {
      for (const append of batch.appends) append.reject(err);
      return;
    }
    let offset = 0;
    for (const append of batch.appends) {
      append.resolve(promises.slice(offset, offset + append.records.length));
      offset += append.records.length;
    }
  }

  #checkSize(name: string, size: number): void {
    if (!Number.isSafeInteger(size) || size < 0) throw new TransparencyLogError(`${name}: expected a non-negative integer, got ${size}`, { code: 'LOG_INVALID_ARGUMENT' });
    if (size > this.size) throw new TransparencyLogError(`${name}: ${size} is beyond the log's size ${this.size}`, { code: 'LOG_OUT_OF_RANGE' });
  }

  #assertOpen(): void {
    if (this.#closing) throw new TransparencyLogError(`transparency log ${this.origin} is closed`, { code: 'LOG_CLOSED' });
  }
}
