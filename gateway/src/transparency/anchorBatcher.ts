/**
 * Anchors the log's newest checkpoint on chain every `everyRecords` appended records or every
 * `everyMs` milliseconds, whichever comes first, one anchor at a time. Each anchor starts from the
 * chain's latest anchor, read afresh, and carries the consistency proof from it: a restarted
 * gateway, or one whose earlier anchor's outcome was lost, resumes correctly.
 */
import { toHex } from '@suitrust/crypto';
import type { TransparencyLog } from '@suitrust/proofs';
import type { ChainAnchors, CommittedAnchor } from './chainAnchors';

/** Options of {@link startAnchorBatcher}. */
export interface AnchorBatcherOptions {
  readonly log: TransparencyLog;
  readonly chain: ChainAnchors;
  /** Anchor once this many records were appended since the last anchor; 1,000 by default. */
  readonly everyRecords?: number;
  /** Anchor at least this often while records wait unanchored; 5,000 ms by default. */
  readonly everyMs?: number;
  /** Told of a failed anchor; the next trigger tries again. */
  readonly onError: (error: unknown) => void;
}

/** A running anchor batcher. */
export interface AnchorBatcher {
  /** Tells the batcher `count` records were appended; anchors when enough wait. */
  recordsAppended(count: number): void;
  /**
   * Anchors the current checkpoint now, after any anchor under way.
   * @returns the committed anchor, or `undefined` when the chain already holds the log's size
   * @throws {ProblemError} the contract's refusal or a ledger problem
   * @throws {Error} when the chain's anchor is larger than the local log (the data directory lost records)
   */
  anchorNow(): Promise<CommittedAnchor | undefined>;
  /** Stops the timer and waits for the anchor under way. */
  close(): Promise<void>;
}

/**
 * Starts anchoring a log.
 * @example
 * ```ts
 * const batcher = startAnchorBatcher({ log, chain: chainAnchors(ledger, 'admin@databureau'), onError: (e) => app.log.warn(e) });
 * batcher.recordsAppended((await log.append(records)).length);
 * ```
 */
export function startAnchorBatcher(options: Readonly<AnchorBatcherOptions>): AnchorBatcher {
  const { log, chain, onError } = options;
  const everyRecords = options.everyRecords ?? 1000;
  let waiting = 0;
  /** The anchored size last read from the chain; unknown at start, so the first tick looks. */
  let anchoredSize = -1;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const anchorOnce = async (): Promise<CommittedAnchor | undefined> => {
    const latest = await chain.latest(log.origin);
    anchoredSize = latest?.size ?? 0;
    if (anchoredSize > log.size) {
      throw new Error(`the chain anchors ${log.origin} at size ${anchoredSize}, but the local log holds only ${log.size} records`);
    }
    if (anchoredSize === log.size) return undefined;
    const { checkpoint, note } = await log.checkpoint();
    const proof = anchoredSize === 0 ? [] : (await log.consistencyProof(anchoredSize, checkpoint.size)).proof.map(toHex);
    const anchored = await chain.anchor(log.origin, note, proof);
    anchoredSize = anchored.record.size;
    return anchored;
  };
  const anchorNow = (): Promise<CommittedAnchor | undefined> => {
    waiting = 0;
    const run = queue.then(anchorOnce);
    queue = run.catch(() => undefined);
    return run;
  };
  let triggered = false;
  /** Starts an anchor unless one the batcher started is still under way. */
  const trigger = (): void => {
    if (closed || triggered) return;
    triggered = true;
    anchorNow()
      .catch(onError)
      .finally(() => {
        triggered = false;
      });
  };
  // Also anchors what an earlier run appended but did not anchor before it stopped.
  const timer = setInterval(() => {
    if (log.size > anchoredSize) trigger();
  }, options.everyMs ?? 5000);
  timer.unref();

  return {
    recordsAppended(count) {
      waiting += count;
      if (waiting >= everyRecords) trigger();
    },
    anchorNow,
    async close() {
      closed = true;
      clearInterval(timer);
      await queue;
    },
  };
}
