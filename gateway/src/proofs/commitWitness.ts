/**
 * The seam through which a ledger proof gets its commit attestation: a witness speaks for one
 * organisation's peer, reads the block from that peer and signs what the peer committed
 * (a `CommitStatement`), as witnesses cosign a log checkpoint.
 */
import type { suitrust } from '@suitrust/proto';

/** The block a witness is asked about. */
export interface CommitQuestion {
  readonly channelId: string;
  readonly blockNumber: number;
  /** The block's header hash, as the proof's assembler read it. */
  readonly blockHeaderHash: Uint8Array;
}

/** A witness's signed statement. */
export interface CommitTestimony {
  /** The signer's `msp.SerializedIdentity` bytes. */
  readonly identity: Uint8Array;
  /** The signed `CommitStatement`. */
  readonly signed: suitrust.proofs.v1.ISigned;
  /** What the witness's peer committed: TRANSACTIONS_FILTER and COMMIT_HASH. */
  readonly transactionsFilter: Uint8Array;
  readonly commitHash: Uint8Array;
}

/** One organisation's peer, attesting what it committed. */
export interface CommitWitness {
  /** The organisation the witness speaks for. */
  readonly mspId: string;
  /**
   * Reads the block from the witness's own peer and signs what that peer committed.
   * @param question - the channel, block number and header hash
   * @returns the signed statement
   * @throws {LedgerProofError} WITNESS_DISAGREES when its peer holds another block at that number
   */
  attest(question: Readonly<CommitQuestion>): Promise<CommitTestimony>;
}
