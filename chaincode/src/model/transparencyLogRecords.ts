/**
 * The records the anchor contract keeps: a registered transparency log, and each checkpoint of
 * it anchored on chain (DESIGN.md, "Log proof"). Hashes are lower-case hex.
 */
import type { DigestAlgorithm } from '../rules/digest';
import type { ActorRef, Stamp } from './records';

/** A tree head: the log's size and its RFC 9162 root at that size. */
export interface TreeHead {
  readonly size: number;
  readonly rootHash: string;
}

/** A transparency log whose checkpoints may be anchored, and its latest anchor. */
export interface TransparencyLogRecord {
  /** The log's origin (first line of its checkpoints). */
  readonly origin: string;
  /** The RFC 9162 hash of the log; fixes the suite of its signing key (sm3: SM2, sha256: Ed25519). */
  readonly hashAlgorithm: DigestAlgorithm;
  /** The C2SP note verifier key of the log's signer. */
  readonly verifierKey: string;
  readonly registeredBy: ActorRef;
  readonly registered: Stamp;
  /** The latest anchored tree head with its stamp, absent until the first anchor. */
  readonly latest?: TreeHead & { readonly anchored: Stamp };
}

/** One anchored checkpoint. */
export interface CheckpointAnchorRecord extends TreeHead {
  readonly origin: string;
  /** The tree head anchored before this one (size 0 and the empty root for the first). */
  readonly previous: TreeHead;
  /** The signed checkpoint note exactly as verified. */
  readonly note: string;
  readonly anchoredBy: ActorRef;
  readonly anchored: Stamp;
}
