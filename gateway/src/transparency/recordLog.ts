/**
 * The gateway's transparency log of reported exchanges and bulk evidence (DESIGN.md, "Log proof";
 * "Exchanges, two paths"): the durable RFC 9162 log in the data directory, signed with the key in
 * its 0600 file, registered on chain once by the administrator, and anchored by an
 * {@link AnchorBatcher}. Appends return signed inclusion promises at once; proofs lead to the
 * latest anchored checkpoint, read from the chain.
 */
import { join } from 'node:path';
import type { CryptoSuite } from '@suitrust/crypto';
import { openTransparencyLog, TransparencyLogError, type ConsistencyProof, type InclusionPromise, type InclusionProof, type SignedCheckpoint, type TransparencyLog } from '@suitrust/proofs';
import type { CheckpointAnchorRecord } from '@suitrust/chaincode';
import type { suitrust } from '@suitrust/proto';
import type { Caller } from '../auth/callerCredentials';
import { ProblemError } from '../errors/problemError';
import type { LedgerClient } from '../ledger/ledgerClient';
import { startAnchorBatcher, type AnchorBatcher } from './anchorBatcher';
import { chainAnchors, type ChainAnchors } from './chainAnchors';
import { encodeLogRecord, type LogRecordBody } from './logRecordCodec';
import { loadLogSigningKey } from './logSigningKey';
import { logTrustedKey } from './logTrustedKey';

/** Options of {@link openRecordLog}. */
export interface RecordLogOptions {
  /** The gateway's data directory: the log lives in `transparency-log/`, its key in `transparency-log.key`. */
  readonly directory: string;
  readonly suite: CryptoSuite;
  /** The log's origin (C2SP tlog-checkpoint), a valid signed-note key name. */
  readonly origin: string;
  readonly ledger: LedgerClient;
  /** The administrator identity of the connection profile: registers the log and anchors it. */
  readonly administrator: string;
  /** Anchor every this many records; 1,000 by default. */
  readonly anchorEveryRecords?: number;
  /** Anchor at least this often while records wait; 5,000 ms by default. */
  readonly anchorEveryMs?: number;
  /** Told of a failed background anchor (retried at the next trigger). */
  readonly onAnchorError: (error: unknown) => void;
  /** The clock stamped into records and promises; `Date.now` unless told. */
  readonly clock?: () => number;
}

/** A record's inclusion proof to the latest anchored checkpoint. */
export interface AnchoredInclusion {
  readonly record: Uint8Array;
  readonly proof: InclusionProof;
  readonly anchor: CheckpointAnchorRecord;
}

/** The transparency log of records, as the routes use it. */
export interface RecordLog {
  readonly origin: string;
  /** `sm3` or `sha256`. */
  readonly hashAlgorithm: 'sm3' | 'sha256';
  /** The log's verifier key text, as registered on chain. */
  readonly verifierKey: string;
  /** The log's key as the trust list publishes it (`logTrustedKey.ts`). */
  readonly trustedKey: suitrust.proofs.v1.TrustedKey;
  /** Records durably appended. */
  readonly size: number;
  /**
   * Appends checked records for `submitter`; resolves once durable.
   * @returns one signed promise per record, in order
   * @throws {ProblemError} LOG_UNAVAILABLE when the log failed a write or is closed
   */
  append(submitter: Caller, bodies: readonly LogRecordBody[]): Promise<InclusionPromise[]>;
  /** The signed checkpoint of the current size. */
  checkpoint(): Promise<SignedCheckpoint>;
  /**
   * Record `index`'s bytes (a LogRecord); with `origin` and `size`, what the log follower reads.
   * @throws {TransparencyLogError} `LOG_OUT_OF_RANGE` beyond the log's size
   */
  record(index: number): Promise<Uint8Array>;
  /** The latest anchor on chain, or `undefined` before the first. */
  latestAnchor(): Promise<CheckpointAnchorRecord | undefined>;
  /**
   * The consistency proof between two sizes.
   * @throws {ProblemError} LOG_RANGE unless `from ≤ to ≤ size`
   */
  consistency(from: number, to: number): Promise<ConsistencyProof>;
  /**
   * A record and its inclusion proof to the latest anchored checkpoint.
   * @throws {ProblemError} LOG_RECORD_UNKNOWN beyond the log; LOG_RECORD_NOT_ANCHORED beyond the anchor
   */
  anchoredInclusion(leafIndex: number): Promise<AnchoredInclusion>;
  /** Anchors the current checkpoint now (what the batcher does by itself). */
  anchorNow(): ReturnType<AnchorBatcher['anchorNow']>;
  /** Stops anchoring, then closes the log. */
  close(): Promise<void>;
}

/**
 * Opens the record log, registering it on chain at first start.
 * @throws {Error} when the chain holds the origin with another key
 * @example
 * ```ts
 * const records = await openRecordLog({ directory, suite, origin: 'suitrust.local/records', ledger, administrator: 'admin@databureau', onAnchorError: (e) => log.warn(e) });
 * const [promise] = await records.append(caller, [{ evidenceLogged }]);
 * ```
 */
export async function openRecordLog(options: Readonly<RecordLogOptions>): Promise<RecordLog> {
  const { suite, origin } = options;
  const clock = options.clock ?? Date.now;
  const signingKey = await loadLogSigningKey(join(options.directory, 'transparency-log.key'), suite);
  const log = await openTransparencyLog({ directory: join(options.directory, 'transparency-log'), suite, origin, signingKey, clock });
  let batcher: AnchorBatcher | undefined;
  try {
    const chain = chainAnchors(options.ledger, options.administrator);
    await chain.ensureRegistered({ origin, hashAlgorithm: suite.hashAlgorithm, verifierKey: log.verifierKey });
    batcher = startAnchorBatcher({
      log,
      chain,
      ...(options.anchorEveryRecords === undefined ? {} : { everyRecords: options.anchorEveryRecords }),
      ...(options.anchorEveryMs === undefined ? {} : { everyMs: options.anchorEveryMs }),
      onError: options.onAnchorError,
    });
    return new GatewayRecordLog({ log, chain, batcher, hashAlgorithm: suite.hashAlgorithm, trustedKey: logTrustedKey(log.verifierKey, suite), clock });
  } catch (error) {
    await batcher?.close();
    await log.close();
    throw error;
  }
}

interface GatewayRecordLogOptions {
  readonly log: TransparencyLog;
  readonly chain: ChainAnchors;
  readonly batcher: AnchorBatcher;
  readonly hashAlgorithm: 'sm3' | 'sha256';
  readonly trustedKey: suitrust.proofs.v1.TrustedKey;
  readonly clock: () => number;
}

class GatewayRecordLog implements RecordLog {
  readonly origin: string;
  readonly hashAlgorithm: 'sm3' | 'sha256';
  readonly verifierKey: string;
  readonly trustedKey: suitrust.proofs.v1.TrustedKey;
  readonly #log: TransparencyLog;
  readonly #chain: ChainAnchors;
  readonly #batcher: AnchorBatcher;
  readonly #clock: () => number;

  constructor(options: Readonly<GatewayRecordLogOptions>) {
    this.#log = options.log;
    this.#chain = options.chain;
    this.#batcher = options.batcher;
    this.#clock = options.clock;
    this.origin = options.log.origin;
    this.hashAlgorithm = options.hashAlgorithm;
    this.verifierKey = options.log.verifierKey;
    this.trustedKey = options.trustedKey;
  }

  get size(): number {
    return this.#log.size;
  }

  async append(submitter: Caller, bodies: readonly LogRecordBody[]): Promise<InclusionPromise[]> {
    const appendedAt = this.#clock();
    let promises: InclusionPromise[];
    try {
      promises = await this.#log.append(bodies.map((body) => encodeLogRecord(body, submitter, appendedAt)));
    } catch (error) {
      if (error instanceof TransparencyLogError && (error.code === 'LOG_FAILED' || error.code === 'LOG_CLOSED')) {
        throw new ProblemError('LOG_UNAVAILABLE', 'the transparency log cannot take records now', { cause: error });
      }
      throw error;
    }
    this.#batcher.recordsAppended(promises.length);
    return promises;
  }

  checkpoint(): Promise<SignedCheckpoint> {
    return this.#log.checkpoint();
  }

  record(index: number): Promise<Uint8Array> {
    return this.#log.record(index);
  }

  latestAnchor(): Promise<CheckpointAnchorRecord | undefined> {
    return this.#chain.latest(this.origin);
  }

  async consistency(from: number, to: number): Promise<ConsistencyProof> {
    if (from > to || to > this.#log.size) {
      throw new ProblemError('LOG_RANGE', `expected from ≤ to ≤ ${this.#log.size} (the log's size), got from ${from} and to ${to}`, { field: from > to ? 'from' : 'to' });
    }
    return this.#log.consistencyProof(from, to);
  }

  async anchoredInclusion(leafIndex: number): Promise<AnchoredInclusion> {
    if (leafIndex >= this.#log.size) throw new ProblemError('LOG_RECORD_UNKNOWN', `the log holds ${this.#log.size} records`, { field: 'leafIndex' });
    const anchor = await this.#chain.latest(this.origin);
    if (!anchor || leafIndex >= anchor.size) {
      throw new ProblemError('LOG_RECORD_NOT_ANCHORED', `the latest anchored checkpoint has size ${anchor?.size ?? 0}; the record will be covered by the next anchor`, { field: 'leafIndex' });
    }
    const [record, proof] = await Promise.all([this.#log.record(leafIndex), this.#log.inclusionProof(leafIndex, anchor.size)]);
    return { record, proof, anchor };
  }

  anchorNow(): ReturnType<AnchorBatcher['anchorNow']> {
    return this.#batcher.anchorNow();
  }

  async close(): Promise<void> {
    await this.#batcher.close();
    await this.#log.close();
  }
}
